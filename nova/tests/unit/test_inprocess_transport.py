"""The ``inprocess://`` oslo.messaging driver, through oslo.messaging's API.

Real RPC servers, clients, notifiers and notification listeners run on the
driver; the tests wait on events the endpoints set, never on time.
"""

import threading
import uuid

import oslo_messaging as messaging

import nova.conf
from nova import exception
from nova import inprocess_transport
from nova import test

CONF = nova.conf.CONF
WAIT = 30


class _LocalError(Exception):
    """Raised by an endpoint; its module is not allowed to cross."""


class _Endpoint(object):
    target = messaging.Target(version='1.0')

    def __init__(self, name='server1', expected=1):
        self.name = name
        self.expected = expected
        self.seen = []
        self.lock = threading.Lock()
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def note(self, ctxt, value):
        self.release.wait(WAIT)
        with self.lock:
            self.seen.append(value)
            if len(self.seen) >= self.expected:
                self.arrived.set()

    def whoami(self, ctxt):
        return self.name

    def echo(self, ctxt, value):
        return value

    @messaging.expected_exceptions(exception.NovaException)
    def fail(self, ctxt):
        raise exception.InstanceNotFound(instance_id='abc')

    def crash(self, ctxt):
        raise _LocalError('not allowed across')


class _Collector(object):

    def __init__(self, expected=1):
        self.events = []
        self.expected = expected
        self.done = threading.Event()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self.events.append((event_type, payload))
        if len(self.events) >= self.expected:
            self.done.set()


class InProcessDriverTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.url = 'inprocess:///%s' % uuid.uuid4().hex
        self.transport = self._transport(self.url)
        self.topic = 'topic-%s' % uuid.uuid4().hex[:8]

    def _transport(self, url, notification=False):
        get = (messaging.get_notification_transport if notification
               else messaging.get_rpc_transport)
        transport = get(CONF, url=url,
                        allowed_remote_exmods=[exception.__name__])
        self.addCleanup(transport.cleanup)
        return transport

    def _server(self, endpoint, server='server1', transport=None):
        rpc_server = messaging.get_rpc_server(
            transport or self.transport,
            messaging.Target(topic=self.topic, server=server), [endpoint],
            executor='threading')
        rpc_server.start()
        self.addCleanup(rpc_server.wait)
        self.addCleanup(rpc_server.stop)
        return rpc_server

    def _client(self, transport=None, **kwargs):
        client = messaging.get_rpc_client(
            transport or self.transport, messaging.Target(topic=self.topic))
        return client.prepare(timeout=WAIT, **kwargs)

    def test_the_url_scheme_loads_this_driver(self):
        self.assertIsInstance(self.transport._driver,
                              inprocess_transport.InProcessDriver)

    def test_call_returns_a_copy_of_what_went_over_json(self):
        self._server(_Endpoint())
        sent = {'list': [1, 2], 'tuple': (3, 4)}
        answer = self._client().call({}, 'echo', value=sent)
        self.assertEqual({'list': [1, 2], 'tuple': [3, 4]}, answer)
        self.assertIsNot(sent['list'], answer['list'])

    def test_expected_exception_comes_back_as_itself(self):
        self._server(_Endpoint())
        exc = self.assertRaises(exception.InstanceNotFound,
                                self._client().call, {}, 'fail')
        self.assertIn('abc', str(exc))

    def test_other_exception_comes_back_as_remote_error(self):
        self._server(_Endpoint())
        exc = self.assertRaises(messaging.RemoteError,
                                self._client().call, {}, 'crash')
        self.assertEqual('_LocalError', exc.exc_type)

    def test_call_without_listener_times_out(self):
        client = self._client().prepare(timeout=0)
        self.assertRaises(messaging.MessagingTimeout, client.call, {},
                          'echo', value=1)

    def test_unserialisable_message_fails_at_the_sender(self):
        self._server(_Endpoint())
        self.assertRaises(ValueError, self._client().cast, {}, 'note',
                          value=object())

    def test_cast_to_a_server_waits_for_it(self):
        self._client(server='late').cast({}, 'note', value='queued')
        endpoint = _Endpoint('late')
        self._server(endpoint, server='late')
        self.assertTrue(endpoint.arrived.wait(WAIT))
        self.assertEqual(['queued'], endpoint.seen)

    def test_directed_message_reaches_only_its_server(self):
        one, two = _Endpoint('one'), _Endpoint('two')
        self._server(one, server='one')
        self._server(two, server='two')
        for _ in range(4):
            self.assertEqual('two',
                             self._client(server='two').call({}, 'whoami'))
        self.assertIn(self._client().call({}, 'whoami'), ('one', 'two'))

    def test_fanout_reaches_every_server(self):
        endpoints = [_Endpoint(name) for name in ('a', 'b', 'c')]
        for endpoint in endpoints:
            self._server(endpoint, server=endpoint.name)
        self._client(fanout=True).cast({}, 'note', value='all')
        for endpoint in endpoints:
            self.assertTrue(endpoint.arrived.wait(WAIT))
            self.assertEqual(['all'], endpoint.seen)

    def test_every_cast_of_a_backlog_arrives_once(self):
        endpoint = _Endpoint(expected=20)
        endpoint.release.clear()
        self._server(endpoint)
        client = self._client(server='server1')
        for value in range(20):
            client.cast({}, 'note', value=value)
        endpoint.release.set()
        self.assertTrue(endpoint.arrived.wait(WAIT))
        self.assertEqual(list(range(20)), sorted(endpoint.seen))

    def test_transports_of_one_virtual_host_share_queues(self):
        other = self._transport(self.url)
        endpoint = _Endpoint()
        self._server(endpoint, transport=other)
        self.assertEqual(7, self._client().call({}, 'echo', value=7))

    def test_other_virtual_host_is_separate(self):
        self._server(_Endpoint())
        elsewhere = self._transport('inprocess:///%s' % uuid.uuid4().hex)
        client = self._client(transport=elsewhere).prepare(timeout=0)
        self.assertRaises(messaging.MessagingTimeout, client.call, {},
                          'echo', value=1)

    def _listener(self, collector, pool=None, transport=None):
        listener = messaging.get_notification_listener(
            transport or self._transport(self.url, notification=True),
            [messaging.Target(topic='notifications')], [collector],
            executor='threading', pool=pool)
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)
        return listener

    def _notifier(self):
        return messaging.Notifier(
            self._transport(self.url, notification=True),
            publisher_id='test', driver='messaging',
            topics=['notifications'])

    def test_notifications_reach_every_pool(self):
        first, second = _Collector(), _Collector()
        self._listener(first, pool='a')
        self._listener(second, pool='b')
        self._notifier().info({}, 'thing.happened', {'n': 1})
        for collector in (first, second):
            self.assertTrue(collector.done.wait(WAIT))
            self.assertEqual([('thing.happened', {'n': 1})],
                             collector.events)

    def test_notification_without_listener_is_dropped(self):
        self._notifier().info({}, 'nobody.listens', {})
        collector = _Collector()
        self._listener(collector)
        self._notifier().info({}, 'somebody.listens', {})
        self.assertTrue(collector.done.wait(WAIT))
        self.assertEqual(['somebody.listens'],
                         [event for event, _ in collector.events])

    def test_stopping_a_server_stops_its_listener(self):
        endpoint = _Endpoint()
        rpc_server = self._server(endpoint)
        stopped = threading.Event()

        def stop():
            rpc_server.stop()
            rpc_server.wait()
            stopped.set()

        threading.Thread(target=stop, daemon=True).start()
        self.assertTrue(stopped.wait(WAIT))

    def test_cleanup_forgets_the_queues(self):
        self._client(server='gone').cast({}, 'note', value='lost')
        self.transport.cleanup()
        endpoint = _Endpoint('gone')
        fresh = self._transport(self.url)
        self._server(endpoint, server='gone', transport=fresh)
        self.assertEqual(3, self._client(transport=fresh,
                                         server='gone').call(
            {}, 'echo', value=3))
        self.assertEqual([], endpoint.seen)
