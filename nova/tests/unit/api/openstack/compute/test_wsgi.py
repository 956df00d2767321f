"""The uwsgi/gunicorn entry point."""

import os
from unittest import mock

import ddt
import fixtures
from oslo_log import log as logging
import webob

from nova.api.openstack.compute import wsgi as compute_wsgi
import nova.conf
from nova import policy
from nova import test

CONF = nova.conf.CONF


@ddt.ddt
class ConfigArgsTest(test.TestCase):

    @ddt.data(
        ([], {}, []),
        (['--config-file', 'a.conf', '--workers', '2',
          '--config-file=b.conf'], {},
         ['--config-file', 'a.conf', '--config-file', 'b.conf']),
        (['--config-file', 'a.conf'], {'OS_NOVA_CONFIG_FILES': 'x; y'},
         ['--config-file', 'x', '--config-file', 'y']),
        (['--config-file'], {'OS_NOVA_CONFIG_FILES': ''}, []),
    )
    @ddt.unpack
    def test_config_args(self, argv, environ, expected):
        self.assertEqual(expected, compute_wsgi.config_args(argv, environ))


class InitApplicationTest(test.TestCase):

    def test_builds_the_stack_from_env_config_files(self):
        self.addCleanup(policy.reset)
        path = os.path.join(self.state_path, 'nova.conf')
        with open(path, 'w') as conf_file:
            conf_file.write('[api]\nmax_limit = 7\n')
        self.useFixture(fixtures.EnvironmentVariable(
            'OS_NOVA_CONFIG_FILES', path))
        # A WSGI server starts with nothing parsed; so must this test.
        CONF.clear()
        with mock.patch.object(logging, 'setup', autospec=True) as setup:
            app = compute_wsgi.init_application()
        setup.assert_called_once_with(CONF, 'nova')
        self.assertEqual(7, CONF.api.max_limit)
        resp = webob.Request.blank('/v2.1/').get_response(app)
        self.assertEqual(200, resp.status_int)
