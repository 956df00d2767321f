"""Which form of live_migration_abort the compute RPC client sends.

A real oslo.messaging server on the in-process transport stands in for the
compute; it records what arrived, so the tests see the wire, not a mock.
"""

import threading

import ddt
import oslo_messaging as messaging

from nova.compute import rpcapi as compute_rpcapi
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.objects import service as service_obj
from nova import rpc
from nova import test
from nova.tests import fixtures as nova_fixtures

HOST = 'compute1'


class _RecordingCompute(object):
    target = messaging.Target(version='5.1')

    def __init__(self):
        self.received = []
        self.arrived = threading.Event()

    def live_migration_abort(self, context, instance, migration_id=None,
                             migration=None):
        self.received.append({'migration_id': migration_id,
                              'migration': migration})
        self.arrived.set()


@ddt.ddt
class TestLiveMigrationAbortVersions(test.TestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(nova_fixtures.Database())
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        self.ctxt = nova_context.get_admin_context()
        self.endpoint = _RecordingCompute()
        server = rpc.get_server(
            messaging.Target(topic=compute_rpcapi.RPC_TOPIC, server=HOST),
            [self.endpoint])
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        compute_rpcapi.reset_auto_cap()
        self.addCleanup(compute_rpcapi.reset_auto_cap)
        self.instance = objects.Instance(self.ctxt, uuid='a' * 8 + '-aaaa-'
                                         '4aaa-8aaa-' + 'a' * 12, host=HOST)

    def _migration(self, status):
        return objects.Migration(self.ctxt, id=7, status=status,
                                 instance_uuid=self.instance.uuid,
                                 migration_type='live-migration')

    def _abort(self, status):
        compute_rpcapi.ComputeAPI().live_migration_abort(
            self.ctxt, self.instance, self._migration(status))
        self.assertTrue(self.endpoint.arrived.wait(10))
        return self.endpoint.received[0]

    @ddt.data('queued', 'preparing', 'running')
    def test_newest_cap_sends_the_migration_object(self, status):
        self._register(HOST, service_obj.SERVICE_VERSION)
        received = self._abort(status)
        self.assertIsNone(received['migration_id'])
        self.assertEqual(status, received['migration'].status)

    @ddt.data('queued', 'preparing')
    def test_old_cap_refuses_waiting_abort_before_sending(self, status):
        self.flags(compute='5.0', group='upgrade_levels')
        self._register(HOST, service_obj.SERVICE_VERSION)
        api = compute_rpcapi.ComputeAPI()
        self.assertRaises(exception.LiveMigrationAbortNotSupportedByRPC,
                          api.live_migration_abort, self.ctxt,
                          self.instance, self._migration(status))
        capabilities = api.host_capabilities(self.ctxt, HOST)
        self.assertEqual('5.0', capabilities.rpc_version)
        self.assertRaises(exception.LiveMigrationAbortNotSupportedByRPC,
                          capabilities.check_can_abort,
                          self._migration(status))
        self.assertFalse(self.endpoint.arrived.is_set())

    def test_old_cap_still_aborts_running_by_id(self):
        self.flags(compute='5.0', group='upgrade_levels')
        received = self._abort('running')
        self.assertEqual(7, received['migration_id'])
        self.assertIsNone(received['migration'])

    @ddt.data((1, '5.0'), (2, '5.1'), (3, '5.2'), (4, '5.3'))
    @ddt.unpack
    def test_auto_cap_follows_oldest_compute(self, version, expected):
        for host, ver in (('c-new', service_obj.SERVICE_VERSION),
                          ('c-old', version)):
            objects.Service(self.ctxt, host=host, binary='nova-compute',
                            topic='compute', version=ver).create()
        self.flags(compute='auto', group='upgrade_levels')
        self.assertEqual(expected, compute_rpcapi.version_cap())

    def test_auto_cap_without_computes_is_newest_and_not_cached(self):
        self.flags(compute='auto', group='upgrade_levels')
        self.assertEqual(compute_rpcapi.VERSION, compute_rpcapi.version_cap())
        objects.Service(self.ctxt, host='c-old', binary='nova-compute',
                        topic='compute', version=1).create()
        self.assertEqual('5.0', compute_rpcapi.version_cap())

    def _register(self, host, version):
        objects.Service(self.ctxt, host=host, binary='nova-compute',
                        topic='compute', version=version).create()

    def test_auto_routes_by_the_target_hosts_own_version(self):
        self.flags(compute='auto', group='upgrade_levels')
        self._register(HOST, service_obj.SERVICE_VERSION)
        self._register('old-compute', 1)
        # The oldest compute caps everything else at 5.0 ...
        self.assertEqual('5.0', compute_rpcapi.version_cap())
        # ... but an abort on the new host still uses the new form.
        received = self._abort('queued')
        self.assertEqual('queued', received['migration'].status)

    def test_old_target_refuses_queued_and_gets_running_by_id(self):
        self._register(HOST, 1)
        api = compute_rpcapi.ComputeAPI()
        capabilities = api.host_capabilities(self.ctxt, HOST)
        self.assertEqual((HOST, 1, '5.0'), capabilities)
        self.assertRaises(exception.AbortQueuedLiveMigrationNotYetSupported,
                          capabilities.check_can_abort,
                          self._migration('queued'))
        received = self._abort('running')
        self.assertEqual(7, received['migration_id'])

    def test_capabilities_from_a_given_version_read_nothing(self):
        api = compute_rpcapi.ComputeAPI()
        counter = self.useFixture(nova_fixtures.StatementCounter())
        capabilities = api.host_capabilities(self.ctxt, HOST,
                                             service_version=2)
        self.assertEqual([], counter.statements)
        self.assertTrue(capabilities.can_send('5.1'))
        capabilities.check_can_abort(self._migration('queued'))

    def test_host_without_service_record(self):
        api = compute_rpcapi.ComputeAPI()
        capabilities = api.host_capabilities(self.ctxt, 'ghost')
        self.assertEqual(('ghost', None, compute_rpcapi.VERSION),
                         capabilities)
        self.assertRaises(exception.ComputeHostNotFound,
                          capabilities.check_can_abort,
                          self._migration('preparing'))
        capabilities.check_can_abort(self._migration('running'))

    def test_first_service_version_with_abort_of_waiting(self):
        self.assertEqual(2, compute_rpcapi.MIN_SERVICE_ABORT_QUEUED)

    def test_release_alias_and_bad_value(self):
        self.flags(compute='rocky', group='upgrade_levels')
        self.assertEqual('5.0', compute_rpcapi.version_cap())
        self.flags(compute='not-a-version', group='upgrade_levels')
        self.assertRaises(exception.ConfigError, compute_rpcapi.version_cap)

    def test_history_maps_service_versions_to_rpc(self):
        self.assertEqual('5.4', service_obj.compute_rpc_for_service_version(
            service_obj.SERVICE_VERSION))
        self.assertEqual('5.3',
                         service_obj.compute_rpc_for_service_version(4))
        self.assertEqual('5.2',
                         service_obj.compute_rpc_for_service_version(3))
        self.assertEqual('5.1',
                         service_obj.compute_rpc_for_service_version(2))
        self.assertEqual('5.0',
                         service_obj.compute_rpc_for_service_version(1))
