"""``openstack server ...`` as an operator types it, against nova-all."""

from nova.tests.functional.clients import base


class OpenStackCLIServersTest(base.ClientsTestCase):

    def _create(self, image, name, cloud=base.ADMIN_CLOUD):
        server = self.openstack_json(
            'server', 'create', '--flavor', 'm1.tiny', '--image', image,
            '--nic', 'none', name, cloud=cloud)
        self.assertEqual(name, server['name'])
        self.wait_for_instance(server['id'])
        return server['id']

    def test_create_by_image_name_then_inspect_and_delete(self):
        uuid = self._create(base.IMAGE_NAME, 'vm1')
        host = self.instance(uuid).host

        shown = self.openstack_json('server', 'show', 'vm1')
        self.assertEqual(uuid, shown['id'])
        self.assertEqual('ACTIVE', shown['status'])
        self.assertIn('m1.tiny', str(shown['flavor']))
        self.assertIn(base.IMAGE_ID, str(shown['image']))

        listed = self.openstack_json('server', 'list')
        self.assertEqual([(uuid, 'vm1', 'ACTIVE')],
                         [(s['ID'], s['Name'], s['Status']) for s in listed])
        self.assertEqual('m1.tiny', listed[0]['Flavor'])

        long_listed = self.openstack_json('server', 'list', '--long')
        self.assertEqual(host, long_listed[0]['Host'])
        self.assertEqual((1, 'nova', 'UP'),
                         (long_listed[0]['Power State'],
                          long_listed[0]['Availability Zone'],
                          long_listed[0]['Host Status']))
        self.assertEqual(base.IMAGE_NAME, long_listed[0]['Image Name'])

        flavors = self.openstack_json('flavor', 'list')
        self.assertEqual(
            ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge'],
            [f['Name'] for f in sorted(flavors, key=lambda f: f['ID'])])

        services = self.openstack_json('compute', 'service', 'list')
        self.assertEqual(
            {('nova-compute', 'compute1'), ('nova-compute', 'compute2')},
            {(s['Binary'], s['Host']) for s in services
             if s['Binary'] == 'nova-compute'})
        self.assertEqual({'up'}, {s['State'] for s in services})

        events = self.openstack_json('server', 'event', 'list', uuid)
        self.assertEqual(['create'], [e['Action'] for e in events])

        self.openstack('server', 'delete', 'vm1')
        self.wait_for_instance_gone(uuid)
        self.assertEqual([], self.openstack_json('server', 'list'))

    def test_create_by_image_uuid_hidden_from_other_project(self):
        uuid = self._create(base.IMAGE_ID, 'vm1')
        member = base.MEMBER_CLOUD

        self.assertEqual([], self.openstack_json('server', 'list',
                                                 cloud=member))
        shown = self.openstack('server', 'show', uuid, cloud=member,
                               expect_success=False)
        self.assertIn('No Server found for %s' % uuid, shown.stderr)
        deleted = self.openstack('server', 'delete', uuid, cloud=member,
                                 expect_success=False)
        self.assertIn(uuid, deleted.stderr)
        self.assertEqual('active', self.instance(uuid).vm_state)

        own = self._create(base.IMAGE_ID, 'vm-member', cloud=member)
        every = self.openstack_json('server', 'list', '--all-projects')
        self.assertEqual({uuid, own}, {s['ID'] for s in every})

        self.openstack('server', 'delete', uuid, own)
        self.wait_for_instance_gone(uuid)
        self.wait_for_instance_gone(own)
