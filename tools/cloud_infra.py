"""What ``tools/cloud.py`` stands on: servers, Keystone and processes.

Kept apart from the launcher so that each piece is small: the database
server and RabbitMQ (create and drop what a cloud owns), Keystone (config,
``keystone-manage`` bootstrap, the catalog and users nova needs), one
service process (start with its log, SIGTERM then SIGKILL) and the client
files of the ``openstack`` CLI.
"""

import functools
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import sqlalchemy as sa
from sqlalchemy import pool as sa_pool
import yaml

TOOLS_DIR = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DB_URLS = {
    'mysql': ('NOVA_TEST_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1/'),
    'postgresql': ('NOVA_TEST_POSTGRESQL_URL',
                   'postgresql+psycopg2://postgres@127.0.0.1/postgres'),
}
DEFAULT_RABBIT_URL = ('NOVA_TEST_RABBIT_URL',
                      'rabbit://guest:guest@127.0.0.1:5672/')
SAFE_NAME = re.compile(r'^[a-z][a-z0-9_]{0,62}$')


class InfraError(Exception):
    pass


def default_db_url(kind):
    env_var, fallback = DEFAULT_DB_URLS[kind]
    return os.environ.get(env_var) or fallback


def default_rabbit_url():
    return os.environ.get(DEFAULT_RABBIT_URL[0]) or DEFAULT_RABBIT_URL[1]


def vhost_url(base_url, vhost):
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(
        parts._replace(path='/' + urllib.parse.quote(vhost, safe='')))


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def script(name):
    """A console script of this venv (beside the interpreter) or PATH."""
    local = os.path.join(os.path.dirname(sys.executable), name)
    found = local if os.access(local, os.X_OK) else shutil.which(name)
    if not found:
        raise InfraError('%s not found; install the project and its '
                         'multiprocess-requirements.txt into this venv'
                         % name)
    return found


def run_logged(argv, log_path, env=None):
    """Run a set-up command, its output appended to ``log_path``."""
    with open(log_path, 'ab') as log:
        log.write(('==== %s\n' % ' '.join(argv)).encode())
        log.flush()
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, env=env)
    if result.returncode:
        raise InfraError('%s failed (rc=%d):\n%s' % (
            os.path.basename(argv[0]), result.returncode,
            tail(log_path, 30)))


def write_ini(path, sections):
    lines = []
    for section, options in sections.items():
        lines.append('[%s]' % section)
        lines.extend('%s = %s' % item for item in options.items())
        lines.append('')
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with open(fd, 'w') as handle:
        handle.write('\n'.join(lines))


def tail(path, lines):
    try:
        with open(path, 'rb') as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 200 * lines - 4096))
            data = handle.read().decode('utf-8', 'replace')
    except FileNotFoundError:
        return '(no log yet)'
    return '\n'.join(data.splitlines()[-lines:])


def follow(paths):
    """Print what is appended to ``paths`` until interrupted."""
    handles = {}
    while True:
        for path in paths:
            if path not in handles and os.path.exists(path):
                handles[path] = open(path, 'rb')
                handles[path].seek(0, os.SEEK_END)
            for line in handles[path].readlines() if path in handles \
                    else ():
                print('%s| %s' % (os.path.basename(path)[:-4],
                                  line.decode('utf-8', 'replace').rstrip()))
        sys.stdout.flush()
        time.sleep(0.5)


def http_ok(url):
    """True once ``url`` answers HTTP at all (below 500)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, urllib.error.URLError):
        return False


@functools.lru_cache(maxsize=None)
def _engine(url):
    return sa.create_engine(url, poolclass=sa_pool.NullPool)


def report_count(db_url, host, binary):
    """Heartbeats of a service so far (0 if it never registered)."""
    services = sa.table('services', sa.column('host'), sa.column('binary'),
                        sa.column('report_count'))
    query = sa.select(sa.func.max(services.c.report_count)).where(
        services.c.host == host, services.c.binary == binary)
    with _engine(db_url).connect() as conn:
        return conn.execute(query).scalar() or 0


class DatabaseServer(object):
    """The MariaDB/MySQL or PostgreSQL server the cloud's databases live on."""

    def __init__(self, admin_url):
        self.admin_url = sa.engine.make_url(admin_url)
        self.kind = ('mysql' if self.admin_url.get_backend_name() == 'mysql'
                     else 'postgresql')

    def url(self, database):
        url = self.admin_url.set(database=database)
        if self.kind == 'mysql':
            url = url.update_query_dict({'charset': 'utf8mb4'})
        return url.render_as_string(hide_password=False)

    def _execute(self, statement):
        engine = sa.create_engine(self.admin_url, poolclass=sa_pool.NullPool,
                                  isolation_level='AUTOCOMMIT')
        try:
            with engine.connect() as conn:
                result = conn.execute(sa.text(statement))
                return result.fetchall() if result.returns_rows else None
        finally:
            engine.dispose()

    @staticmethod
    def _check(name):
        if not SAFE_NAME.match(name):
            raise InfraError('unsafe database name %r' % name)
        return name

    def create(self, name):
        extra = (' CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci'
                 if self.kind == 'mysql' else '')
        self._execute('CREATE DATABASE %s%s' % (self._check(name), extra))

    def drop(self, name):
        force = ' WITH (FORCE)' if self.kind == 'postgresql' else ''
        self._execute('DROP DATABASE IF EXISTS %s%s'
                      % (self._check(name), force))

    def list(self, prefix=''):
        rows = self._execute('SHOW DATABASES' if self.kind == 'mysql' else
                             'SELECT datname FROM pg_database')
        return sorted(r[0] for r in rows if r[0].startswith(prefix))


class RabbitVhosts(object):
    """Vhosts through ``rabbitmqctl`` (the broker must be local)."""

    def __init__(self, user='guest'):
        self.user = user
        self.ctl = shutil.which('rabbitmqctl') or '/usr/sbin/rabbitmqctl'

    def _run(self, *args):
        result = subprocess.run([self.ctl, '-q'] + list(args),
                                capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
        if result.returncode:
            raise InfraError('rabbitmqctl %s failed: %s' % (
                ' '.join(args), (result.stderr or result.stdout).strip()))
        return result.stdout

    def create(self, name):
        self._run('add_vhost', name)
        self._run('set_permissions', '-p', name, self.user, '.*', '.*', '.*')

    def delete(self, name):
        if name in self.list():
            self._run('delete_vhost', name)

    def list(self, prefix=''):
        out = self._run('list_vhosts', '--no-table-headers', 'name')
        return sorted(v for v in out.split() if v.startswith(prefix))


class Keystone(object):
    """A Keystone on the cloud's database, served by tools/wsgi_runner.py."""

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
        write_ini(self.conf_path, {
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
        manage = [script('keystone-manage'), '--config-file', self.conf_path]
        owner = ['--keystone-user', pwd.getpwuid(os.getuid()).pw_name,
                 '--keystone-group', grp.getgrgid(os.getgid()).gr_name]
        os.makedirs(self.key_dir, mode=0o700, exist_ok=True)
        run_logged(manage + ['db_sync'], log_path)
        run_logged(manage + ['fernet_setup'] + owner, log_path)
        run_logged(manage + ['credential_setup'] + owner, log_path)
        run_logged(manage + [
            'bootstrap', '--bootstrap-password', self.passwords['admin'],
            '--bootstrap-region-id', 'RegionOne',
            '--bootstrap-public-url', self.url,
            '--bootstrap-internal-url', self.url], log_path)

    def server_command(self):
        argv = [sys.executable, os.path.join(TOOLS_DIR, 'wsgi_runner.py'),
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


class ServiceProcess(object):
    """One service as a child process (or a pid a previous run left)."""

    def __init__(self, name, argv, log_path, identity, extra_env=None,
                 cwd=None, pid=None):
        self.name = name
        self.argv = argv
        self.log_path = log_path
        self.identity = identity
        self.env = dict(os.environ, **(extra_env or {}))
        self.cwd = cwd
        self.pid = pid
        self.popen = None
        self.returncode = None

    def start(self):
        if self.alive():
            raise InfraError('%s already runs as pid %s'
                             % (self.name, self.pid))
        with open(self.log_path, 'ab') as log:
            banner = '==== %s: %s\n' % (time.strftime('%H:%M:%S'),
                                        ' '.join(self.argv))
            log.write(banner.encode())
            log.flush()
            self.popen = subprocess.Popen(
                self.argv, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=self.env, cwd=self.cwd,
                start_new_session=True)
        self.pid, self.returncode = self.popen.pid, None

    def alive(self):
        if self.popen is not None:
            self.returncode = self.popen.poll()
            return self.returncode is None
        return self.pid is not None and _is_ours(self.pid, self.identity)

    def send(self, signum):
        if self.alive():
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def wait(self, timeout):
        """True if the process ended within ``timeout`` seconds."""
        if self.popen is not None:
            try:
                self.returncode = self.popen.wait(timeout)
                return True
            except subprocess.TimeoutExpired:
                return False
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def stop(self, timeout=30):
        """SIGTERM, SIGKILL after ``timeout``; True if SIGTERM sufficed."""
        if not self.alive():
            return True
        self.send(signal.SIGTERM)
        if self.wait(timeout):
            return True
        self.kill()
        return False

    def kill(self):
        self.send(signal.SIGKILL)
        if not self.wait(30):
            raise InfraError('%s (pid %s) survived SIGKILL' % (self.name,
                                                               self.pid))

    def tail(self, lines=40):
        return tail(self.log_path, lines)


def stop_all(processes, timeout=30):
    """SIGTERM all at once, SIGKILL those still running after ``timeout``.

    :returns: the names of the processes that needed SIGKILL.
    """
    for proc in processes:
        proc.send(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    killed = []
    for proc in processes:
        if not proc.wait(max(0, deadline - time.monotonic())):
            proc.kill()
            killed.append(proc.name)
    return killed


def _is_ours(pid, identity):
    """pid runs (not a zombie) and its command line names ``identity``."""
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            argv = handle.read().decode('utf-8', 'replace').split('\0')
        with open('/proc/%d/stat' % pid) as handle:
            state = handle.read().rsplit(')', 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != 'Z' and identity in argv


def write_client_files(cloud):
    """clouds.yaml and one openrc per user for the ``openstack`` CLI."""
    clouds = {'clouds': {
        'nova-%s' % role: _cloud_entry(cloud, user)
        for role, user in (('admin', 'admin'), ('member', 'demo'))}}
    path = cloud.path('clouds.yaml')
    with open(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600),
              'w') as handle:
        yaml.safe_dump(clouds, handle, default_flow_style=False)
    for role, user in (('admin', 'admin'), ('member', 'demo')):
        rc = cloud.path('%s-openrc.sh' % role)
        with open(os.open(rc, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600),
                  'w') as handle:
            handle.write(''.join('export %s=%s\n' % item for item in
                                 sorted(_openrc(cloud, user).items())))


def _cloud_entry(cloud, user):
    project = 'admin' if user == 'admin' else 'demo'
    return {'auth': {'auth_url': cloud.keystone_url, 'username': user,
                     'password': cloud.state['passwords'][user],
                     'project_name': project,
                     'user_domain_name': 'Default',
                     'project_domain_name': 'Default'},
            'identity_api_version': 3, 'region_name': 'RegionOne',
            'interface': 'public',
            # Image look-ups of `server create` go to nova's image API.
            'image_endpoint_override': cloud.compute_url}


def _openrc(cloud, user):
    entry = _cloud_entry(cloud, user)
    env = {'OS_%s' % key.upper(): value
           for key, value in entry['auth'].items()}
    env.update(OS_IDENTITY_API_VERSION='3', OS_REGION_NAME='RegionOne',
               OS_INTERFACE='public',
               OS_IMAGE_ENDPOINT_OVERRIDE=cloud.compute_url)
    return env


def client_env(cloud, user='admin'):
    """os.environ without OS_* plus what selects ``user``'s cloud."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    env['OS_CLIENT_CONFIG_FILE'] = cloud.path('clouds.yaml')
    env['OS_CLOUD'] = 'nova-%s' % ('admin' if user == 'admin'
                                   else 'member')
    env['PATH'] = os.pathsep.join([os.path.dirname(sys.executable),
                                   env.get('PATH', '')])
    return env


def usage_text(cloud):
    return '\n'.join([
        'Cloud %s is running (logs in %s).' % (cloud.name,
                                               cloud.path('logs')),
        'Keystone:    %s' % cloud.keystone_url,
        'Compute API: %s' % cloud.compute_url,
        'Computes:    %s' % ', '.join(cloud.computes),
        '',
        'openstack CLI as admin (or nova-member for user demo):',
        '  export OS_CLIENT_CONFIG_FILE=%s' % cloud.path('clouds.yaml'),
        '  openstack --os-cloud nova-admin compute service list',
        '(or: source %s)' % cloud.path('admin-openrc.sh'),
        '',
        'Stop with: %s %s stop --dir %s [--purge]' % (
            os.path.basename(sys.executable),
            os.path.join(TOOLS_DIR, 'cloud.py'), cloud.dir),
    ])
