"""``openstack server migrate --live-migration`` and ``server migration``.

compute1's simulated hypervisor copies forever (bandwidth None), so a live
migration off it stays ``running`` until it is force-completed or aborted
and, with one live migration at a time, the next one waits ``queued``.
"""

from nova.tests.functional.clients import base


class OpenStackCLIMigrationsTest(base.ClientsTestCase):

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None

    def _live_migrate(self, server, *options):
        self.openstack('server', 'migrate', '--live-migration',
                       *(list(options) + [server]))

    def test_live_migrate_show_and_force_complete(self):
        uuid = self.boot_server('vm1', host='compute1')

        self._live_migrate('vm1', '--host', 'compute2')
        mig = self.wait_for_migration_of(uuid, 'running')

        listed = self.openstack_json('server', 'migration', 'list',
                                     '--server', 'vm1')
        self.assertEqual(
            [(mig.id, mig.uuid, 'running', 'compute1', 'compute2',
              'live-migration', uuid)],
            [(m['Id'], m['UUID'], m['Status'], m['Source Compute'],
              m['Dest Compute'], m['Type'], m['Server UUID'])
             for m in listed])

        # By uuid: OSC 10.5.0 swaps server and id when given an integer.
        shown = self.openstack_json('server', 'migration', 'show', 'vm1',
                                    mig.uuid)
        self.assertEqual((mig.id, uuid, 'running', 'compute2'),
                         (shown['ID'], shown['Server UUID'],
                          shown['Status'], shown['Dest Compute']))

        self.openstack('server', 'migration', 'force', 'complete', 'vm1',
                       str(mig.id))
        self.wait_for_migration(mig.id, 'completed')
        self.assertEqual('compute2', self.wait_for_instance(uuid).host)
        done = self.openstack_json('server', 'migration', 'list',
                                   '--status', 'completed')
        self.assertEqual([mig.uuid], [m['UUID'] for m in done])

    def test_abort_queued_then_running(self):
        before = {host: self.usage(host) for host in ('compute1',
                                                      'compute2')}
        running = self.boot_server('vm-running', host='compute1')
        queued = self.boot_server('vm-queued', host='compute1')
        source_usage = self.usage('compute1')

        self._live_migrate('vm-running')
        first = self.wait_for_migration_of(running, 'running')
        with_first = self.usage('compute2')
        self.assertNotEqual(before['compute2'], with_first)
        self._live_migrate('vm-queued', '--host', 'compute2')
        second = self.wait_for_migration_of(queued, 'queued')

        listed = self.openstack_json('server', 'migration', 'list')
        self.assertEqual({(first.id, 'running'), (second.id, 'queued')},
                         {(m['Id'], m['Status']) for m in listed})

        # Before 2.65 only a running migration may be aborted.
        refused = self.openstack(
            '--os-compute-api-version', '2.64', 'server', 'migration',
            'abort', 'vm-queued', str(second.id), expect_success=False)
        self.assertIn('400', refused.stderr)
        self.assertEqual('queued', self.migration(second.id).status)

        self.openstack('server', 'migration', 'abort', 'vm-queued',
                       str(second.id))
        self.wait_for_migration(second.id, 'cancelled')
        self.assertEqual('compute1', self.wait_for_instance(queued).host)
        self.assertEqual(with_first, self.usage('compute2'))
        self.assertEqual(source_usage, self.usage('compute1'))
        self.assertEqual('running', self.migration(first.id).status)

        self.openstack('server', 'migration', 'abort', 'vm-running',
                       first.uuid)
        self.wait_for_migration(first.id, 'cancelled')
        self.assertEqual('compute1', self.wait_for_instance(running).host)
        self.assertEqual(before['compute2'], self.usage('compute2'))
        self.assertEqual(source_usage, self.usage('compute1'))
