"""The ``openstack`` CLI against the real cloud: quotas, limits,
hypervisors, flavor management and the catalog's image endpoint."""

from nova.tests.multiprocess import fixtures as mp_fixtures


class InfraCLITest(mp_fixtures.MultiprocessTestCase):

    def test_quotas_and_limits(self):
        self.cli('quota', 'set', '--instances', '7', '--cores', '9', 'demo')
        shown = self.cli.json('quota', 'show', 'demo')
        if isinstance(shown, list):  # newer clients: rows of resources
            shown = {row['Resource']: row['Limit'] for row in shown}
        self.assertEqual((7, 9), (shown['instances'], shown['cores']))
        limits = self.cli.json('limits', 'show', '--absolute', user='demo')
        by_name = {row['Name']: row['Value'] for row in limits}
        # Older clients print the API's names, openstacksdk-based ones its.
        self.assertEqual(7, by_name.get('maxTotalInstances',
                                        by_name.get('instances')))

    def test_hypervisors(self):
        listed = self.cli.json('hypervisor', 'list')
        names = sorted(row['Hypervisor Hostname'] for row in listed)
        self.assertEqual(self.cloud.computes, names)

    def test_hypervisor_show(self):
        # The CLI reads /os-aggregates to list the host's aggregates.
        self.cli('aggregate', 'create', '--zone', 'cli-az', 'cli.agg')
        self.cli('aggregate', 'add', 'host', 'cli.agg', 'compute1')
        shown = self.cli.json('hypervisor', 'show', 'compute1')
        self.assertEqual('compute1', shown['hypervisor_hostname'])
        self.assertIn('cli.agg', str(shown['aggregates']))
        self.cli('aggregate', 'remove', 'host', 'cli.agg', 'compute1')
        self.cli('aggregate', 'delete', 'cli.agg')

    def test_flavor_management_and_image_endpoint(self):
        self.cli('flavor', 'create', '--ram', '256', '--vcpus', '1',
                 '--disk', '1', '--private', '--project', 'demo',
                 '--property', 'hw:cpu_policy=shared', 'cli.flavor')
        shown = self.cli.json('flavor', 'show', 'cli.flavor')
        self.assertIn('hw:cpu_policy', str(shown['properties']))
        member_view = [row['Name'] for row in self.cli.json(
            'flavor', 'list', user='demo')]
        self.assertIn('cli.flavor', member_view)
        self.cli('flavor', 'delete', 'cli.flavor')
        images = self.cli.json('image', 'list')
        self.assertEqual(['cirros-0.6.2-x86_64-disk'],
                         [row['Name'] for row in images])
