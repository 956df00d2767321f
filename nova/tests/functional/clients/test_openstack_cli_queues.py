"""The OSC plugin: ``openstack live migration queue list|show|drain|move``.

The unmodified ``openstack`` binary, with this project's plugin installed
through the ``openstack.cli.extension`` entry point, against the embedded
cloud.  compute1 copies forever (bandwidth None), so one migration runs and
the others wait behind it.
"""

from nova.tests.functional.clients import base


class OpenStackCLIQueueTest(base.ClientsTestCase):

    def configure(self):
        super().configure()
        # The queue API answers from the database once a compute looks
        # down; heartbeats are off here, so a slow run must not get there.
        self.flags(service_down_time=3600)

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None

    def _queue_three(self):
        """One running and two queued on compute1, requested over REST."""
        servers = [self.boot_server('vm%d' % i, host='compute1')
                   for i in range(3)]
        migrations = []
        body = {'os-migrateLive': {'host': None, 'block_migration': 'auto'}}
        for uuid, status in zip(servers, ('running', 'queued', 'queued')):
            resp = self.api.post('/servers/%s/action' % uuid, body=body,
                                 microversion='2.30')
            self.assertEqual(202, resp.status_code, resp.text)
            migrations.append(self.wait_for_migration_of(uuid, status))
        return servers, migrations[0], migrations[1:]

    def test_list_show_and_move(self):
        servers, runner, (first, second) = self._queue_three()

        listed = self.openstack_json('live', 'migration', 'queue', 'list')
        self.assertEqual([('compute1', 'up', 1, 1, 2)], [
            (q['Host'], q['Host State'], q['Slots'], q['Running'],
             q['Queued']) for q in listed])

        moved = self.openstack_json('live', 'migration', 'queue', 'move',
                                    str(second.id), '--position', '2')
        self.assertEqual({'ID': second.id, 'Host': 'compute1',
                          'Position': 2}, moved)
        shown = self.openstack_json('live', 'migration', 'queue', 'show',
                                    'compute1')
        self.assertEqual(
            [(1, runner.id, 'running'), (2, second.id, 'queued'),
             (3, first.id, 'queued')],
            [(m['Position'], m['ID'], m['Status']) for m in shown])
        self.assertEqual('source slot: 1 of 1 busy', shown[1]['Waiting For'])
        table = self.openstack('live', 'migration', 'queue', 'show',
                               'compute1').stdout
        self.assertEqual([str(second.id), str(first.id)], [
            row['ID'] for row in base.table_dicts(table)
            if row['Status'] == 'queued'])

    def test_drain_twice_then_with_running(self):
        servers, runner, (first, second) = self._queue_three()

        drained = self.openstack_json('live', 'migration', 'queue',
                                      'drain', 'compute1')
        self.assertEqual({first.id: 'cancelled', second.id: 'cancelled'},
                         {m['ID']: m['Outcome'] for m in drained})
        for migration in (first, second):
            self.wait_for_migration(migration.id, 'cancelled')
        again = self.openstack_json('live', 'migration', 'queue', 'drain',
                                    'compute1')
        self.assertEqual([], again)

        drained = self.openstack_json('live', 'migration', 'queue',
                                      'drain', 'compute1',
                                      '--include-running')
        self.assertEqual([(runner.id, 'aborted')],
                         [(m['ID'], m['Outcome']) for m in drained])
        self.wait_for_migration(runner.id, 'cancelled')

    def test_member_is_refused_with_the_fault_message(self):
        proc = self.openstack('live', 'migration', 'queue', 'show',
                              'compute1', cloud=base.MEMBER_CLOUD,
                              expect_success=False)
        self.assertIn('HTTP 403', proc.stderr)
        proc = self.openstack('live', 'migration', 'queue', 'show',
                              'nowhere', expect_success=False)
        self.assertIn('nowhere', proc.stderr)
        self.assertIn('HTTP 404', proc.stderr)
