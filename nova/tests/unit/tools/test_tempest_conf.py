"""``tools/tempest_conf.py`` loads the launcher and writes a sane config.

Discovery needs a running cloud (``tox -e tempest``); what it turns the
cloud's state into is checked here.
"""

import configparser

import fixtures
import testtools

from nova.tests.unit import tools
from nova.tools.cloud import state


class TempestConfTest(testtools.TestCase):

    def test_settings_from_the_cloud_state(self):
        tool = tools.load_tool('tempest_conf')
        cloud = state.Cloud(self.useFixture(fixtures.TempDir()).path,
                            computes=3, db_admin_url='mysql://x@h/',
                            rabbit_url='rabbit://h/')
        cloud.state['ports'] = {'keystone': 5000, 'api': 8774}
        parser = configparser.RawConfigParser()
        parser.read_string(tool.render(tool.settings(
            cloud, 'img', ['f1', 'f2'], '/ws')))
        self.assertEqual(('http://127.0.0.1:5000/v3', 'RegionOne'),
                         (parser.get('identity', 'uri_v3'),
                          parser.get('identity', 'region')))
        self.assertEqual(cloud.state['passwords']['admin'],
                         parser.get('auth', 'admin_password'))
        self.assertEqual(('img', 'f2', '3'),
                         (parser.get('compute', 'image_ref'),
                          parser.get('compute', 'flavor_ref_alt'),
                          parser.get('compute', 'min_compute_nodes')))
        self.assertEqual('false', parser.get('compute-feature-enabled',
                                             'swap_volume'))
