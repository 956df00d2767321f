"""Remotable object methods travel through the conductor over RPC.

This is what nova-compute does: it has no database, so
``NovaObject.indirection_api`` is a ConductorAPI and every remotable call
is an RPC call to a real oslo.messaging server running ConductorManager.
Both ends share this process, so the conductor end runs its calls with
the indirection switched off, as the real conductor process has it.
"""

import contextlib

import fixtures
import oslo_messaging as messaging
from oslo_utils import uuidutils

from nova.conductor import manager as conductor_manager
from nova.conductor import rpcapi as conductor_rpcapi
from nova import context
from nova.db.main import allocations as allocations_db
from nova.db.main import instances as instances_db
from nova.db.main import migration_records
from nova.db.main import services as services_db
from nova import exception
from nova import objects
from nova.objects import base
from nova.objects import service as service_obj
from nova import rpc
from nova import test
from nova.tests import fixtures as nova_fixtures


@contextlib.contextmanager
def _without_indirection():
    saved = base.NovaObject.indirection_api
    base.NovaObject.indirection_api = None
    try:
        yield
    finally:
        base.NovaObject.indirection_api = saved


class RecordingConductor(conductor_manager.ConductorManager):
    """The conductor endpoint, noting which object calls reached it."""

    def __init__(self):
        super().__init__(host='conductor-test')
        self.calls = []

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        self.calls.append((objname, objmethod))
        with _without_indirection():
            return super().object_class_action_versions(
                context, objname, objmethod, object_versions, args, kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        self.calls.append((objinst.obj_name(), objmethod))
        with _without_indirection():
            return super().object_action(context, objinst, objmethod, args,
                                         kwargs)


class IndirectionTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(nova_fixtures.Database('sqlite'))
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        self.conductor = RecordingConductor()
        server = rpc.get_server(
            messaging.Target(topic=conductor_rpcapi.RPC_TOPIC,
                             server='conductor-test'), [self.conductor])
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        self.useFixture(fixtures.MonkeyPatch(
            'nova.objects.base.NovaObject.indirection_api',
            conductor_rpcapi.ConductorAPI()))
        self.ctxt = context.get_admin_context()

    def test_indirection_is_restored_after_the_test(self):
        self.assertIsInstance(base.NovaObject.indirection_api,
                              conductor_rpcapi.ConductorAPI)

    def test_service_create_and_heartbeat(self):
        svc = objects.Service(self.ctxt, host='compute1',
                              binary='nova-compute', topic='compute')
        svc.create()
        svc.heartbeat()
        self.assertEqual((service_obj.SERVICE_VERSION, 1),
                         (svc.version, svc.report_count))
        row = services_db.service_get(self.ctxt, svc.id)
        self.assertEqual(1, row.report_count)
        self.assertIsNotNone(row.last_seen_up)
        found = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        self.assertEqual(svc.uuid, found.uuid)
        self.assertEqual([('Service', 'create'), ('Service', 'heartbeat'),
                          ('Service', 'get_by_compute_host')],
                         self.conductor.calls)

    def test_instance_save_with_expected_task_state(self):
        uuid = uuidutils.generate_uuid()
        instances_db.instance_create(self.ctxt, {'uuid': uuid,
                                                 'vm_state': 'active'})
        inst = objects.Instance.get_by_uuid(self.ctxt, uuid)
        inst.task_state = 'migrating'
        inst.save(expected_task_state=[None])
        self.assertEqual('migrating', instances_db.instance_get_by_uuid(
            self.ctxt, uuid).task_state)
        self.assertEqual(set(), inst.obj_what_changed())
        inst.task_state = 'deleting'
        self.assertRaises(exception.UnexpectedTaskStateError, inst.save,
                          expected_task_state=[None])
        self.assertEqual('migrating', instances_db.instance_get_by_uuid(
            self.ctxt, uuid).task_state)
        self.assertEqual([('Instance', 'get_by_uuid'), ('Instance', 'save'),
                          ('Instance', 'save')], self.conductor.calls)

    def test_migration_status_change(self):
        mig = objects.Migration(
            self.ctxt, uuid=uuidutils.generate_uuid(),
            instance_uuid=uuidutils.generate_uuid(), status='queued',
            migration_type='live-migration', source_compute='compute1')
        mig.create()
        mig.status = 'preparing'
        mig.save()
        self.assertEqual('preparing', migration_records.migration_get(
            self.ctxt, mig.id).status)
        # An abort wins meanwhile; the stale object cannot move on.
        migration_records.migration_update(self.ctxt, mig.id,
                                           {'status': 'cancelled'},
                                           expected_status='preparing')
        mig.status = 'running'
        self.assertRaises(exception.InvalidMigrationTransition, mig.save)
        self.assertEqual('cancelled', migration_records.migration_get(
            self.ctxt, mig.id).status)
        self.assertEqual([('Migration', 'create'), ('Migration', 'save'),
                          ('Migration', 'save')], self.conductor.calls)

    def test_resource_claim(self):
        node = services_db.compute_node_create_or_update(self.ctxt, {
            'host': 'compute1', 'hypervisor_hostname': 'compute1',
            'hypervisor_type': 'fake', 'vcpus': 2, 'memory_mb': 1024,
            'local_gb': 10, 'cpu_allocation_ratio': 1.0,
            'ram_allocation_ratio': 1.0, 'disk_allocation_ratio': 1.0})
        consumer = uuidutils.generate_uuid()
        objects.ResourceClaim.claim(self.ctxt, consumer, 'compute1',
                                    'compute1', {'VCPU': 2, 'MEMORY_MB': 512})
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 512},
                         allocations_db.usage_by_node(self.ctxt, node.id))
        self.assertRaises(exception.InsufficientResources,
                          objects.ResourceClaim.claim, self.ctxt,
                          uuidutils.generate_uuid(), 'compute1', 'compute1',
                          {'VCPU': 1})
        self.assertEqual({str(node.id): {'VCPU': 2, 'MEMORY_MB': 512}},
                         objects.ResourceClaim.held_by(self.ctxt, consumer))
        self.assertTrue(objects.ResourceClaim.release(self.ctxt, consumer))
        self.assertEqual({}, allocations_db.usage_by_node(self.ctxt,
                                                          node.id))
        self.assertEqual(['claim', 'claim', 'held_by', 'release'],
                         [method for _, method in self.conductor.calls])

    def test_revert_of_a_live_migration_is_one_round_trip(self):
        """Claim, task state and status: one conductor call, one commit."""
        node = services_db.compute_node_create_or_update(self.ctxt, {
            'host': 'compute2', 'hypervisor_hostname': 'compute2',
            'hypervisor_type': 'fake', 'vcpus': 2, 'memory_mb': 1024,
            'local_gb': 10, 'cpu_allocation_ratio': 1.0,
            'ram_allocation_ratio': 1.0, 'disk_allocation_ratio': 1.0})
        instance = instances_db.instance_create(self.ctxt, {
            'uuid': uuidutils.generate_uuid(), 'vm_state': 'active',
            'task_state': 'migrating'})
        with _without_indirection():
            mig = objects.Migration(
                self.ctxt, uuid=uuidutils.generate_uuid(),
                instance_uuid=instance.uuid, status='queued',
                migration_type='live-migration', source_compute='compute1',
                dest_compute='compute2')
            mig.create()
            objects.ResourceClaim.claim(self.ctxt, mig.uuid, 'compute2',
                                        'compute2', {'VCPU': 1})

        self.assertTrue(mig.revert_and_end('cancelled'))

        self.assertEqual([('Migration', 'revert_and_end')],
                         self.conductor.calls)
        self.assertEqual('cancelled', mig.status)
        self.assertEqual(set(), mig.obj_what_changed())
        self.assertIsNone(instances_db.instance_get_by_uuid(
            self.ctxt, instance.uuid).task_state)
        self.assertEqual({}, allocations_db.usage_by_node(self.ctxt,
                                                          node.id))
        self.assertRaises(exception.InvalidMigrationTransition,
                          mig.revert_and_end, 'error')
