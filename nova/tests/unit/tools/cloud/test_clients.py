"""The ``openstack`` CLI's files and environment for a cloud."""

import os

import fixtures
import testtools
import yaml

from nova.tools.cloud import clients
from nova.tools.cloud import state


class ClientFilesTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.cloud = state.Cloud(self.dir, name='novamp_cli',
                                 db_admin_url='mysql://x@h/',
                                 rabbit_url='rabbit://h/')
        self.cloud.state['ports'] = {'keystone': 5000, 'api': 8774}

    def test_clouds_yaml_and_openrc(self):
        clients.write_client_files(self.cloud)
        with open(self.cloud.path('clouds.yaml')) as handle:
            clouds = yaml.safe_load(handle)['clouds']
        self.assertEqual({'nova-admin', 'nova-member'}, set(clouds))
        member = clouds['nova-member']
        self.assertEqual(('demo', 'demo', 'http://127.0.0.1:5000/v3',
                          'http://127.0.0.1:8774/v2.1'),
                         (member['auth']['username'],
                          member['auth']['project_name'],
                          member['auth']['auth_url'],
                          member['image_endpoint_override']))
        with open(self.cloud.path('admin-openrc.sh')) as handle:
            openrc = handle.read().splitlines()
        self.assertIn('export OS_USERNAME=admin', openrc)
        self.assertIn('export OS_PASSWORD=%s'
                      % self.cloud.state['passwords']['admin'], openrc)
        self.assertEqual(0o600, os.stat(self.cloud.path(
            'member-openrc.sh')).st_mode & 0o777)

    def test_client_env_drops_other_clouds(self):
        self.useFixture(fixtures.EnvironmentVariable('OS_PASSWORD', 'x'))
        env = self.cloud.client_env('demo')
        self.assertNotIn('OS_PASSWORD', env)
        self.assertEqual(('nova-member', self.cloud.path('clouds.yaml')),
                         (env['OS_CLOUD'], env['OS_CLIENT_CONFIG_FILE']))
        self.assertEqual('nova-admin', self.cloud.client_env()['OS_CLOUD'])
