"""A compute killed with live migrations in flight repairs them at start.

The state a killed source compute leaves behind (migrations ``queued``,
``preparing`` and ``running``, destination claims held by the migrations,
instances still ``migrating``) is written to the database exactly as the
workflow writes it; starting the compute again must end every one of them
and give back every claim (``init_host``).
"""

from oslo_utils import uuidutils

from nova.compute import api as compute_api
from nova.compute import create_spec
from nova import context as nova_context
from nova import objects
from nova.tests.functional import base

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


class TestRestartRepairsLiveMigrations(base.FunctionalTestCase):

    def setUp(self):
        super().setUp()
        self.ctxt = nova_context.get_admin_context()
        self.admin = nova_context.RequestContext('admin', 'admin',
                                                 roles=['admin'])
        self.flavor = objects.Flavor.get_by_flavor_id(self.ctxt, '1')

    def _boot_on(self, host):
        instance = compute_api.API().create(
            self.admin, create_spec.ServerSpec(
                'vm', self.flavor, IMAGE, requested_host=host))[0]
        return self.wait_for(lambda: self._active(instance.uuid))

    def _active(self, uuid):
        instance = objects.Instance.get_by_uuid(self.ctxt, uuid)
        return instance if instance.vm_state == 'active' else None

    def _leave_in_flight(self, instance, status, dest='compute2'):
        """What the workflow has written when the source dies."""
        migration = objects.Migration(
            self.ctxt, uuid=uuidutils.generate_uuid(),
            instance_uuid=instance.uuid, status=status,
            migration_type='live-migration', source_compute='compute1',
            source_node='compute1', dest_compute=dest, dest_node=dest,
            old_instance_type_id=self.flavor.id,
            new_instance_type_id=self.flavor.id)
        migration.create()
        objects.ResourceClaim.claim(self.ctxt, migration.uuid, dest, dest,
                                    instance.resources())
        instance.task_state = 'migrating'
        instance.save()
        return migration

    def _usage(self, host):
        return objects.ComputeNode.get_by_host_and_nodename(
            self.ctxt, host, host).get_usage()

    def test_restart_ends_every_unfinished_migration(self):
        servers = [self._boot_on('compute1') for _ in range(4)]
        self.cloud.stop_compute('compute1')
        migrations = [self._leave_in_flight(servers[0], 'queued'),
                      self._leave_in_flight(servers[1], 'preparing'),
                      self._leave_in_flight(servers[2], 'running')]
        # The fourth died after the destination took the instance over.
        landed = self._leave_in_flight(servers[3], 'running')
        servers[3].host = servers[3].node = 'compute2'
        servers[3].task_state = None
        servers[3].save()

        self.cloud.start_compute('compute1')

        statuses = [objects.Migration.get_by_id(self.ctxt, m.id).status
                    for m in migrations + [landed]]
        self.assertEqual(['cancelled', 'cancelled', 'error', 'completed'],
                         statuses)
        for server in servers:
            fresh = objects.Instance.get_by_uuid(self.ctxt, server.uuid)
            self.assertIsNone(fresh.task_state)
        per_instance = servers[0].resources()
        self.assertEqual({rc: 3 * n for rc, n in per_instance.items()},
                         self._usage('compute1'))
        self.assertEqual(per_instance, self._usage('compute2'))

    def test_accepted_migration_is_left_to_the_conductor(self):
        server = self._boot_on('compute1')
        self.cloud.stop_compute('compute1')
        accepted = self._leave_in_flight(server, 'accepted')
        self.cloud.start_compute('compute1')
        self.assertEqual('accepted', objects.Migration.get_by_id(
            self.ctxt, accepted.id).status)
        self.assertEqual('migrating', objects.Instance.get_by_uuid(
            self.ctxt, server.uuid).task_state)

    def test_orphaned_migrating_task_state_is_cleared(self):
        server = self._boot_on('compute1')
        self.cloud.stop_compute('compute1')
        server.task_state = 'migrating'
        server.save()
        self.cloud.start_compute('compute1')
        self.assertIsNone(objects.Instance.get_by_uuid(
            self.ctxt, server.uuid).task_state)
