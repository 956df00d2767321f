"""The cloud's Keystone: config, bootstrap, server command and catalog.

Served by :mod:`nova.tools.wsgi_runner` on cheroot; nova-api validates its
tokens, so Keystone gets nova's service user and the compute and image
endpoints.
"""

import grp
import os
import pwd
import sys

from nova.tools.cloud import utils

WSGI_RUNNER = 'nova.tools.wsgi_runner'


class Keystone(object):
    """A Keystone on the cloud's database, served by the WSGI runner."""

    def __init__(self, conf_path, key_dir, db_url, port, passwords):
        self.conf_path = conf_path
        self.key_dir = key_dir
        self.db_url = db_url
        self.port = port
        self.passwords = passwords

    @property
    def url(self):
        return 'http://127.0.0.1:%d/v3' % self.port

    def write_config(self):
        keys = os.path.join(self.key_dir, 'fernet-keys')
        utils.write_ini(self.conf_path, {
            'DEFAULT': {'debug': 'false'},
            'database': {'connection': self.db_url},
            'token': {'provider': 'fernet'},
            'fernet_tokens': {'key_repository': keys},
            'fernet_receipts': {'key_repository': keys},
            'credential': {'key_repository': os.path.join(
                self.key_dir, 'credential-keys')},
            # A throw-away cloud: cheap password hashing keeps each CLI
            # command's authentication fast.
            'identity': {'password_hash_rounds': '4'},
        })

    def bootstrap(self, log_path):
        manage = [utils.script('keystone-manage'), '--config-file',
                  self.conf_path]
        owner = ['--keystone-user', pwd.getpwuid(os.getuid()).pw_name,
                 '--keystone-group', grp.getgrgid(os.getgid()).gr_name]
        os.makedirs(self.key_dir, mode=0o700, exist_ok=True)
        utils.run_logged(manage + ['db_sync'], log_path)
        utils.run_logged(manage + ['fernet_setup'] + owner, log_path)
        utils.run_logged(manage + ['credential_setup'] + owner, log_path)
        utils.run_logged(manage + [
            'bootstrap', '--bootstrap-password', self.passwords['admin'],
            '--bootstrap-region-id', 'RegionOne',
            '--bootstrap-public-url', self.url,
            '--bootstrap-internal-url', self.url], log_path)

    def server_command(self):
        argv = [sys.executable, '-m', WSGI_RUNNER,
                '--app', 'keystone.wsgi.api:application',
                '--host', '127.0.0.1', '--port', str(self.port),
                '--name', 'keystone@%s' % self.conf_path]
        return argv, {'OS_KEYSTONE_CONFIG_FILES': self.conf_path}

    def authtoken_options(self):
        return {'www_authenticate_uri': self.url, 'auth_url': self.url,
                'auth_type': 'password', 'username': 'nova',
                'password': self.passwords['nova'],
                'project_name': 'service', 'user_domain_name': 'Default',
                'project_domain_name': 'Default'}

    def _session(self):
        from keystoneauth1.identity import v3
        from keystoneauth1 import session
        return session.Session(auth=v3.Password(
            auth_url=self.url, username='admin',
            password=self.passwords['admin'], project_name='admin',
            user_domain_id='default', project_domain_id='default'))

    def register_nova(self, compute_url, image_url, region):
        """Projects, users, roles and the compute and image endpoints.

        The image endpoint is nova-api's Glance v2 face of the local image
        registry (``/image/v2/images``), not a Glance service.
        """
        api = _KeystoneAPI(self._session(), self.url)
        roles = {r['name']: r['id'] for r in api.get('/roles')['roles']}
        for project, user, role_names in (
                ('service', 'nova', ('service', 'admin')),
                ('demo', 'demo', ('member',))):
            project_id = api.create('project', {'name': project,
                                                'domain_id': 'default'})
            user_id = api.create('user', {
                'name': user, 'domain_id': 'default',
                'password': self.passwords[user],
                'default_project_id': project_id})
            for role in role_names:
                api.put('/projects/%s/users/%s/roles/%s'
                        % (project_id, user_id, roles[role]))
        for kind, name, url in (('compute', 'nova', compute_url),
                                ('image', 'glance', image_url)):
            service_id = api.create('service', {'type': kind, 'name': name})
            for interface in ('public', 'internal'):
                api.create('endpoint', {'service_id': service_id,
                                        'interface': interface,
                                        'region_id': region, 'url': url})


class _KeystoneAPI(object):
    def __init__(self, session, url):
        self.session, self.url = session, url

    def get(self, path):
        return self.session.get(self.url + path).json()

    def put(self, path):
        self.session.put(self.url + path)

    def create(self, kind, body):
        response = self.session.post('%s/%ss' % (self.url, kind),
                                     json={kind: body})
        return response.json()[kind]['id']
