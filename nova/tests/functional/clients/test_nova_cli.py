"""The ``nova`` CLI with the settings nova-all prints."""

from nova.tests.functional.clients import base


class NovaCLITest(base.ClientsTestCase):

    def _boot(self, name, *how):
        out = self.nova('boot', '--flavor', 'm1.tiny', '--nic', 'none',
                        *(list(how) + [name])).stdout
        uuid = base.property_table(out)['id']
        self.wait_for_instance(uuid)
        return uuid

    def test_boot_list_show_services_delete(self):
        bdm = 'source=image,id=%s,dest=local,bootindex=0' % base.IMAGE_ID
        by_bdm = self._boot('vm2', '--block-device', bdm)
        by_image = self._boot('vm3', '--image', base.IMAGE_ID)

        listed = base.table_dicts(self.nova('list').stdout)
        self.assertEqual({(by_bdm, 'vm2', 'ACTIVE'),
                          (by_image, 'vm3', 'ACTIVE')},
                         {(s['ID'], s['Name'], s['Status']) for s in listed})

        shown = base.property_table(self.nova('show', 'vm3').stdout)
        self.assertEqual(by_image, shown['id'])
        self.assertEqual('ACTIVE', shown['status'])
        self.assertEqual(self.instance(by_image).host,
                         shown['OS-EXT-SRV-ATTR:host'])
        self.assertIn(base.IMAGE_ID, shown['image'])

        actions = base.table_dicts(
            self.nova('instance-action-list', by_image).stdout)
        self.assertEqual(['create'], [a['Action'] for a in actions])

        services = base.table_dicts(self.nova('service-list').stdout)
        self.assertEqual(
            {'compute1', 'compute2'},
            {s['Host'] for s in services if s['Binary'] == 'nova-compute'})

        self.nova('delete', 'vm2', by_image)
        self.wait_for_instance_gone(by_bdm)
        self.wait_for_instance_gone(by_image)
        self.assertEqual([], base.table_dicts(self.nova('list').stdout))

    def test_live_migration_queue_and_abort_of_queued(self):
        self.driver('compute1').live_migration_bandwidth = None
        running = self.boot_server('vm-running', host='compute1')
        queued = self.boot_server('vm-queued', host='compute1')

        self.nova('live-migration', running, 'compute2')
        first = self.wait_for_migration_of(running, 'running')
        self.nova('live-migration', 'vm-queued')
        second = self.wait_for_migration_of(queued, 'queued')

        rows = base.table_dicts(
            self.nova('server-migration-list', queued).stdout)
        self.assertEqual([(str(second.id), 'queued', 'compute1')],
                         [(r['Id'], r['Status'], r['Source Compute'])
                          for r in rows])
        shown = base.property_table(self.nova(
            'server-migration-show', running, str(first.id)).stdout)
        self.assertEqual(('running', 'compute2'),
                         (shown['status'], shown['dest_compute']))
        rows = base.table_dicts(self.nova('migration-list').stdout)
        self.assertEqual({(str(first.id), 'running', 'live-migration'),
                          (str(second.id), 'queued', 'live-migration')},
                         {(r['Id'], r['Status'], r['Type']) for r in rows})

        self.nova('live-migration-abort', queued, str(second.id))
        self.wait_for_migration(second.id, 'cancelled')
        inst = self.wait_for_instance(queued)
        self.assertEqual('compute1', inst.host)

        self.nova('live-migration-force-complete', running, str(first.id))
        self.wait_for_migration(first.id, 'completed')
        self.assertEqual('compute2', self.wait_for_instance(running).host)

        self.nova('delete', running, queued)
        self.wait_for_instance_gone(running)
        self.wait_for_instance_gone(queued)
