"""RPC round trips through nova.rpc, in memory and on a real RabbitMQ.

The RabbitMQ tests run when ``NOVA_TEST_RABBIT_URL`` names a reachable
broker; each test gets a virtual host of its own (made and removed with
``rabbitmqctl``), so nothing is left on the broker.
"""

import os
import shutil
import socket
import subprocess
import threading
import urllib.parse
import uuid

import oslo_messaging as messaging

from nova import context
from nova import exception
from nova import objects
from nova import rpc
from nova import test
from nova.tests import fixtures as nova_fixtures

RABBIT_ENV = 'NOVA_TEST_RABBIT_URL'
WAIT = 30


class EchoEndpoint(object):
    target = messaging.Target(version='1.0')

    def __init__(self):
        self.noted = []
        self.noted_event = threading.Event()

    def echo(self, context, value):
        return {'value': value, 'project_id': context.project_id}

    @messaging.expected_exceptions(exception.NovaException)
    def fail(self, context, uuid):
        raise exception.InstanceNotFound(instance_id=uuid)

    def note(self, context, value):
        self.noted.append((value, context.user_id))
        self.noted_event.set()


class RoundTripMixin(object):
    """The tests, run over whichever transport the subclass sets up."""

    def start_server(self, url):
        self.useFixture(nova_fixtures.RPCFixture(url))
        objects.register_all()
        self.topic = 'test-%s' % uuid.uuid4().hex[:8]
        self.endpoint = EchoEndpoint()
        server = rpc.get_server(
            messaging.Target(topic=self.topic, server='server1'),
            [self.endpoint])
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        client = rpc.get_client(messaging.Target(topic=self.topic))
        self.client = client.prepare(timeout=WAIT)
        self.ctxt = context.RequestContext(user_id='alice',
                                           project_id='demo')

    def test_call(self):
        self.assertEqual({'value': [1, 'two'], 'project_id': 'demo'},
                         self.client.call(self.ctxt, 'echo',
                                          value=[1, 'two']))

    def test_call_carries_objects(self):
        flavor = objects.Flavor(flavorid='1', name='m1.tiny', vcpus=1,
                                memory_mb=512)
        result = self.client.call(self.ctxt, 'echo', value=flavor)
        self.assertIsInstance(result['value'], objects.Flavor)
        self.assertEqual(('m1.tiny', 512), (result['value'].name,
                                            result['value'].memory_mb))

    def test_call_carries_plain_rows_and_objects_beside_them(self):
        """The serializer's shortcut for plain dicts loses nothing."""
        flavor = objects.Flavor(flavorid='1', name='m1.tiny', vcpus=1,
                                memory_mb=512)
        rows = [{'id': i, 'name': 'r%d' % i, 'ratio': 0.5, 'on': True,
                 'note': None} for i in range(3)]
        result = self.client.call(self.ctxt, 'echo', value={
            'rows': rows, 'nested': {'flavor': flavor, 'n': 1}})
        self.assertEqual(rows, result['value']['rows'])
        self.assertIsInstance(result['value']['nested']['flavor'],
                              objects.Flavor)
        self.assertEqual(1, result['value']['nested']['n'])

    def test_call_raises_nova_exception(self):
        exc = self.assertRaises(exception.InstanceNotFound, self.client.call,
                                self.ctxt, 'fail', uuid='abc')
        self.assertIn('abc', str(exc))

    def test_cast(self):
        self.assertIsNone(self.client.cast(self.ctxt, 'note', value=42))
        self.assertTrue(self.endpoint.noted_event.wait(WAIT))
        self.assertEqual([(42, 'alice')], self.endpoint.noted)


class FakeTransportTestCase(RoundTripMixin, test.TestCase):

    def setUp(self):
        super().setUp()
        self.start_server('fake://')


class InProcessTransportTestCase(RoundTripMixin, test.TestCase):

    def setUp(self):
        super().setUp()
        self.start_server('inprocess://')


def _rabbitmqctl(*args):
    subprocess.run(('rabbitmqctl', '-q') + args, check=True, timeout=WAIT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class RabbitTransportTestCase(RoundTripMixin, test.TestCase):

    def setUp(self):
        super().setUp()
        self.start_server(self._private_vhost_url())

    def _private_vhost_url(self):
        url = self._broker_url_or_skip()
        vhost = 'nova-test-%s' % uuid.uuid4().hex[:12]
        _rabbitmqctl('add_vhost', vhost)
        self.addCleanup(_rabbitmqctl, 'delete_vhost', vhost)
        user = urllib.parse.urlsplit(url).username or 'guest'
        _rabbitmqctl('set_permissions', '-p', vhost, user,
                     '.*', '.*', '.*')
        return urllib.parse.urlunsplit(
            urllib.parse.urlsplit(url)._replace(path='/' + vhost))

    def _broker_url_or_skip(self):
        url = os.environ.get(RABBIT_ENV)
        if not url:
            self.skipTest('%s is not set' % RABBIT_ENV)
        if shutil.which('rabbitmqctl') is None:
            self.skipTest('rabbitmqctl is not installed')
        parts = urllib.parse.urlsplit(url)
        address = (parts.hostname or '127.0.0.1', parts.port or 5672)
        try:
            socket.create_connection(address, timeout=5).close()
        except OSError as exc:
            self.skipTest('RabbitMQ at %s:%s (%s) does not answer: %s'
                          % (address + (RABBIT_ENV, exc)))
        return url
