"""openstacksdk in-process, configured from nova-all's clouds.yaml."""

from openstack import exceptions as sdk_exceptions

from nova.tests.functional.clients import base


class OpenStackSDKTest(base.ClientsTestCase):

    def setUp(self):
        super().setUp()
        self.conn = self.sdk_connection()

    def _create(self, conn, name):
        server = conn.compute.create_server(
            name=name, flavor_id='1', image_id=base.IMAGE_ID,
            networks='none')
        self.wait_for_instance(server.id)
        return server.id

    def test_servers_and_services(self):
        uuid = self._create(self.conn, 'vm-sdk')

        server = self.conn.compute.get_server(uuid)
        self.assertEqual(('vm-sdk', 'ACTIVE'), (server.name, server.status))
        self.assertEqual('m1.tiny', server.flavor.name)
        self.assertEqual([uuid], [s.id for s in self.conn.compute.servers()])
        self.assertEqual(uuid, self.conn.compute.find_server('vm-sdk').id)

        member = self.sdk_connection(base.MEMBER_CLOUD)
        self.assertEqual([], list(member.compute.servers()))
        self.assertRaises(sdk_exceptions.NotFoundException,
                          member.compute.get_server, uuid)

        actions = list(self.conn.compute.server_actions(uuid))
        self.assertEqual(['create'], [a.action for a in actions])

        services = list(self.conn.compute.services())
        self.assertEqual(
            {'compute1', 'compute2'},
            {s.host for s in services if s.binary == 'nova-compute'})

        self.conn.compute.delete_server(uuid)
        self.wait_for_instance_gone(uuid)

    def test_live_migration_queue(self):
        self.driver('compute1').live_migration_bandwidth = None
        running = self.boot_server('vm-running', host='compute1')
        queued = self.boot_server('vm-queued', host='compute1')
        compute = self.conn.compute

        compute.live_migrate_server(running, host='compute2',
                                    block_migration='auto')
        first = self.wait_for_migration_of(running, 'running')
        compute.live_migrate_server(queued)
        second = self.wait_for_migration_of(queued, 'queued')

        waiting = list(compute.server_migrations(queued))
        self.assertEqual([(second.id, 'queued')],
                         [(m.id, m.status) for m in waiting])
        self.assertEqual(
            (first.id, 'running', 'compute2'),
            (lambda m: (m.id, m.status, m.dest_compute))(
                compute.get_server_migration(first.id, running)))

        compute.abort_server_migration(waiting[0], queued)
        self.wait_for_migration(second.id, 'cancelled')
        compute.force_complete_server_migration(first.id, running)
        self.wait_for_migration(first.id, 'completed')
        self.assertEqual('compute2', self.wait_for_instance(running).host)

        ended = {m.id: m.status for m in compute.migrations(
            migration_type='live-migration')}
        self.assertEqual({first.id: 'completed', second.id: 'cancelled'},
                         ended)
