"""The compute API behind a real Keystone (``[api] auth_strategy = keystone``).

Keystone (the ``keystone`` package) runs as its own process on its own
SQLite database, started once for the class; nova-api validates tokens with
keystonemiddleware ``auth_token``.  A valid token works with the roles it
carries; a bad, revoked or missing one gets 401.
"""

import os
import subprocess
import tempfile
import threading

import requests
import testtools

from nova.tests.functional import base
from nova.tools.cloud import keystone as cloud_keystone
from nova.tools.cloud import utils as cloud_utils


class KeystoneProcess(object):
    """Keystone on SQLite in a temporary directory, as a child process."""

    PASSWORDS = {'admin': 'admin-secret', 'nova': 'nova-secret',
                 'demo': 'demo-secret'}

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='nova-keystone-')
        self.keystone = cloud_keystone.Keystone(
            os.path.join(self.dir, 'keystone.conf'),
            os.path.join(self.dir, 'keys'),
            'sqlite:///%s' % os.path.join(self.dir, 'keystone.sqlite'),
            cloud_utils.free_port(), self.PASSWORDS)
        self.proc = None

    def start(self):
        log = os.path.join(self.dir, 'keystone.log')
        self.keystone.write_config()
        self.keystone.bootstrap(log)
        argv, env = self.keystone.server_command()
        self.proc = subprocess.Popen(
            argv, env=dict(os.environ, **env), stdin=subprocess.DEVNULL,
            stdout=open(log, 'ab'), stderr=subprocess.STDOUT)
        ready = threading.Event()
        for _ in range(600):
            if cloud_utils.http_ok(self.keystone.url) or \
                    self.proc.poll() is not None:
                break
            ready.wait(0.1)
        if self.proc.poll() is not None:
            raise RuntimeError('keystone exited:\n%s'
                               % cloud_utils.tail(log, 40))
        self.keystone.register_nova('http://127.0.0.1:1/v2.1',
                                    'http://127.0.0.1:1/image', 'RegionOne')

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def token(self, user, project):
        body = {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'name': user, 'domain': {'id': 'default'},
                'password': self.PASSWORDS[user]}}},
            'scope': {'project': {'name': project,
                                  'domain': {'id': 'default'}}}}}
        response = requests.post(self.keystone.url + '/auth/tokens',
                                 json=body, timeout=30)
        response.raise_for_status()
        return response.headers['X-Subject-Token']

    def revoke(self, admin_token, token):
        requests.delete(self.keystone.url + '/auth/tokens', timeout=30,
                        headers={'X-Auth-Token': admin_token,
                                 'X-Subject-Token': token}
                        ).raise_for_status()


class TestKeystoneAuth(base.FunctionalTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            import keystone  # noqa: F401
        except ImportError:
            raise testtools.TestCase.skipException(
                'keystone is not installed (multiprocess-requirements.txt)')
        cls.identity = KeystoneProcess()
        try:
            cls.identity.start()
        except Exception:
            cls.identity.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.identity.stop()
        super().tearDownClass()

    def configure(self):
        path = os.path.join(self.state_path, 'nova-keystone.conf')
        authtoken = dict(self.identity.keystone.authtoken_options())
        # Validate every request with Keystone (no cache), so a revoked
        # token is refused at once.
        authtoken['token_cache_time'] = '-1'
        cloud_utils.write_ini(path, {
            'api': {'auth_strategy': 'keystone'},
            'keystone_authtoken': authtoken})
        from nova import conf
        conf.CONF(['--config-file', path], project='nova',
                  default_config_files=[])
        self.addCleanup(self._forget_auth_plugin_options, conf.CONF)

    @staticmethod
    def _forget_auth_plugin_options(conf):
        """Unregister the auth plugin options auth_token registered.

        They include the required ``auth_url``; later tests parse no file,
        so the options must go again.
        """
        from keystoneauth1 import loading
        conf.clear()
        for opt in loading.get_auth_plugin_conf_options('password'):
            conf.unregister_opt(opt, group='keystone_authtoken')

    def _get(self, path, token=None):
        headers = {} if token is None else {'X-Auth-Token': token}
        headers['OpenStack-API-Version'] = 'compute 2.65'
        return requests.get(self.cloud.endpoint + path, headers=headers,
                            timeout=60)

    def test_tokens_carry_their_roles_and_bad_ones_get_401(self):
        admin = self.identity.token('admin', 'admin')
        member = self.identity.token('demo', 'demo')

        self.assertEqual(200, self._get('/servers', admin).status_code)
        self.assertEqual(200, self._get('/os-services', admin).status_code)
        self.assertEqual(200, self._get('/servers', member).status_code)
        forbidden = self._get('/os-services', member)
        self.assertEqual(403, forbidden.status_code)
        self.assertIn('forbidden', forbidden.json())

        self.assertEqual(401, self._get('/servers', 'not-a-token')
                         .status_code)
        self.assertEqual(401, self._get('/servers').status_code)
        self.identity.revoke(admin, member)
        self.assertEqual(401, self._get('/servers', member).status_code)
        # Discovery needs no token.
        self.assertEqual(200, self._get('/').status_code)
