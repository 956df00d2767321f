"""One cloud in one directory, and its state file ``cloud.json``.

:class:`Cloud` knows what a cloud is made of (names, ports, passwords, the
settings given at start), writes every service's config from that, and
starts, stops and probes the services.  Its state survives in
``cloud.json`` so that a later ``tools/cloud.py`` run (or a test) can take
the cloud over; the tests in ``nova/tests/multiprocess`` drive the same
class.
"""

import collections
import json
import os
import secrets
import sys
import time

from nova.tools.cloud import clients
from nova.tools.cloud import databases
from nova.tools.cloud import keystone
from nova.tools.cloud import processes
from nova.tools.cloud import rabbit
from nova.tools.cloud import utils

SERVICE_BINARIES = {'conductor': 'nova-conductor',
                    'scheduler': 'nova-scheduler', 'api': 'nova-api'}
CONTROLLER_HOST = 'controller'
# Runs a compute whose driver obeys file gates (``gates_dir``; tests only).
HOOKED_SERVICE = 'nova.tests.multiprocess.hooked_service'
REGION = 'RegionOne'
STATE_FILE = 'cloud.json'
START_TIMEOUT = 90


class CloudError(Exception):
    pass


def parse_setting(text):
    """``[SERVICE:]SECTION.OPTION=VALUE`` -> (service, section, opt, value).

    SERVICE is ``all`` (default: every nova service), ``computes``, ``api``,
    ``conductor``, ``scheduler`` or a compute host such as ``compute2``.
    """
    key, sep, value = text.partition('=')
    target, colon, key = key.rpartition(':')
    target = target if colon else 'all'
    section, dot, option = key.rpartition('.')
    if not sep or not dot or not section or not option:
        raise ValueError('expected [SERVICE:]SECTION.OPTION=VALUE, got %r'
                         % text)
    return target, section, option, value


class Cloud(object):
    """One cloud in one directory; its state survives in ``cloud.json``."""

    def __init__(self, directory, db='mysql', computes=2, name=None,
                 settings=(), backend=None, db_admin_url=None,
                 rabbit_url=None, gates_dir=None):
        self.dir = os.path.abspath(directory)
        self.state = {
            'name': name or 'novacloud_%s' % secrets.token_hex(4),
            'db': db,
            'db_admin_url': db_admin_url or databases.default_db_url(db),
            'rabbit_url': rabbit_url or rabbit.default_rabbit_url(),
            'backend': backend or os.environ.get(
                'NOVA_CONCURRENCY_BACKEND', 'eventlet'),
            'computes': ['compute%d' % i for i in range(1, computes + 1)],
            'settings': [list(parse_setting(s)) if isinstance(s, str)
                         else list(s) for s in settings],
            'passwords': {user: secrets.token_hex(8)
                          for user in ('admin', 'nova', 'demo')},
            'ports': {}, 'pids': {}, 'provisioned': False,
            # Tests only: computes whose driver a test holds by files.
            'gates_dir': gates_dir,
        }
        self._processes = {}

    # State.

    @classmethod
    def load(cls, directory):
        path = os.path.join(os.path.abspath(directory), STATE_FILE)
        if not os.path.exists(path):
            raise CloudError('no cloud in %s (no %s)' % (directory,
                                                         STATE_FILE))
        cloud = cls(directory)
        with open(path) as handle:
            cloud.state = json.load(handle)
        return cloud

    def save(self):
        os.makedirs(self.dir, exist_ok=True)
        path = os.path.join(self.dir, STATE_FILE)
        with open(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC,
                          0o600), 'w') as handle:
            json.dump(self.state, handle, indent=2, sort_keys=True)

    @property
    def name(self):
        return self.state['name']

    @property
    def computes(self):
        return list(self.state['computes'])

    @property
    def services(self):
        """Every service, in start order."""
        return (['keystone', 'conductor', 'scheduler'] + self.computes +
                ['api'])

    @property
    def database_names(self):
        return {'nova': '%s_nova' % self.name,
                'keystone': '%s_keystone' % self.name}

    @property
    def vhost(self):
        return self.name

    @property
    def db_server(self):
        return databases.DatabaseServer(self.state['db_admin_url'])

    def nova_db_url(self):
        return self.db_server.url(self.database_names['nova'])

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    @property
    def keystone_url(self):
        return 'http://127.0.0.1:%d/v3' % self.state['ports']['keystone']

    @property
    def compute_url(self):
        return 'http://127.0.0.1:%d/v2.1' % self.state['ports']['api']

    @property
    def image_url(self):
        """nova-api's Glance v2 face of the image registry."""
        return 'http://127.0.0.1:%d/image' % self.state['ports']['api']

    # Whole-cloud life cycle.

    def start(self):
        """Provision (once), then start every service that is not up."""
        if not self.state['provisioned']:
            self.provision()
        for service in self.services:
            if not self.is_running(service):
                self.start_service(service)
        return self

    def provision(self):
        """Vhost, databases, configs, Keystone and nova's schema."""
        for sub in ('etc', 'logs', 'state'):
            os.makedirs(self.path(sub), exist_ok=True)
        self.state['ports'] = {'keystone': utils.free_port(),
                               'api': utils.free_port()}
        self.state['provisioned'] = True
        self.save()
        rabbit.RabbitVhosts().create(self.vhost)
        for database in self.database_names.values():
            self.db_server.create(database)
        self.write_configs()
        self.keystone.bootstrap(self.path('logs', 'keystone-manage.log'))
        self.start_service('keystone')
        self.keystone.register_nova(self.compute_url, self.image_url, REGION)
        utils.run_logged([utils.script('nova-manage'), '--config-file',
                          self.config_path('api'), 'db', 'sync'],
                         self.path('logs', 'nova-manage.log'))
        clients.write_client_files(self)

    def stop(self, timeout=30):
        """SIGTERM every service, SIGKILL what outlives ``timeout``.

        In three waves: the API, the scheduler and the computes together
        (a compute's cleanup still needs the conductor), then the
        conductor, then Keystone.
        """
        waves = (['api', 'scheduler'] + self.computes, ['conductor'],
                 ['keystone'])
        for wave in waves:
            procs = [self.process(service) for service in wave]
            processes.stop_all(procs, timeout)
            for service in wave:
                self.state['pids'].pop(service, None)
            self.save()

    def purge(self, timeout=30):
        """Stop everything and remove the vhost and both databases."""
        self.stop(timeout)
        errors = []
        for action in ([lambda: rabbit.RabbitVhosts().delete(self.vhost)] +
                       [lambda d=d: self.db_server.drop(d)
                        for d in self.database_names.values()]):
            try:
                action()
            except Exception as exc:
                errors.append(str(exc))
        self.state['provisioned'] = False
        self.save()
        if errors:
            raise CloudError('purge left something behind: %s'
                             % '; '.join(errors))

    # Configuration.

    @property
    def keystone(self):
        return keystone.Keystone(self.path('etc', 'keystone.conf'),
                                 self.path('keystone'),
                                 self.db_server.url(
                                     self.database_names['keystone']),
                                 self.state['ports'].get('keystone', 0),
                                 self.state['passwords'])

    def config_path(self, service):
        return self.path('etc', '%s.conf' % service)

    def write_configs(self):
        os.makedirs(self.path('etc'), exist_ok=True)
        self.keystone.write_config()
        for service in self.services[1:]:
            utils.write_ini(self.config_path(service),
                            self.nova_config(service))

    def nova_config(self, service):
        """{section: {option: value}} of one nova service."""
        is_compute = service in self.computes
        conf = collections.OrderedDict()
        conf['DEFAULT'] = {
            'host': service if is_compute else CONTROLLER_HOST,
            'state_path': self.path('state', service),
            'transport_url': rabbit.vhost_url(self.state['rabbit_url'],
                                              self.vhost),
            'concurrency_backend': self.state['backend'],
            'report_interval': '2', 'service_down_time': '20',
            'rpc_response_timeout': '60'}
        if not is_compute:
            conf['database'] = {'connection': self.nova_db_url()}
        if service == 'api':
            conf['DEFAULT'].update(
                osapi_compute_listen='127.0.0.1',
                osapi_compute_listen_port=str(self.state['ports']['api']))
            conf['api'] = {'auth_strategy': 'keystone'}
            conf['keystone_authtoken'] = self.keystone.authtoken_options()
        for target, section, option, value in self.state['settings']:
            if self._setting_applies(target, service):
                conf.setdefault(section, {})[option] = value
        return conf

    def set_option(self, target, section, option, value=None):
        """Change (or with ``value=None`` drop) a setting; rewrite configs.

        Running services keep what they read: restart those it concerns.
        """
        key = [target, section, option]
        self.state['settings'] = [s for s in self.state['settings']
                                  if s[:3] != key]
        if value is not None:
            self.state['settings'].append([target, section, option,
                                           str(value)])
        self.save()
        self.write_configs()

    def _setting_applies(self, target, service):
        if target == 'all':
            return True
        if target == 'computes':
            return service in self.computes
        return target == service

    # Single services.

    def _command(self, service):
        if service == 'keystone':
            return self.keystone.server_command()
        binary = SERVICE_BINARIES.get(service, 'nova-compute')
        config = ['--config-file', self.config_path(service)]
        gates_dir = self.state.get('gates_dir')
        if gates_dir and service in self.computes:
            return ([sys.executable, '-m', HOOKED_SERVICE, binary] + config,
                    {'NOVA_TEST_GATES_DIR': gates_dir})
        return [utils.script(binary)] + config, {}

    def process(self, service):
        proc = self._processes.get(service)
        if proc is None:
            argv, env = self._command(service)
            proc = processes.ServiceProcess(
                service, argv, self.path('logs', '%s.log' % service),
                identity=argv[-1], extra_env=dict(
                    env, NOVA_CONCURRENCY_BACKEND=self.state['backend']),
                cwd=self.dir, pid=self.state['pids'].get(service))
            self._processes[service] = proc
        return proc

    def is_running(self, service):
        return self.process(service).alive()

    def start_service(self, service, timeout=START_TIMEOUT):
        """Start one service and wait until it serves."""
        proc = self.process(service)
        before = self._readiness_mark(service)
        proc.start()
        self.state['pids'][service] = proc.pid
        self.save()
        deadline = time.monotonic() + timeout
        while not self._ready(service, before):
            if not proc.alive():
                raise CloudError('%s exited while starting (rc=%s):\n%s' % (
                    service, proc.returncode, proc.tail(40)))
            if time.monotonic() > deadline:
                raise CloudError('%s not ready after %ss:\n%s' % (
                    service, timeout, proc.tail(40)))
            time.sleep(0.2)

    def stop_service(self, service, timeout=30):
        """SIGTERM, then SIGKILL after ``timeout``; True if TERM sufficed."""
        graceful = self.process(service).stop(timeout)
        self.state['pids'].pop(service, None)
        self.save()
        return graceful

    def restart_service(self, service, timeout=30):
        self.stop_service(service, timeout)
        self.start_service(service)

    def kill_service(self, service):
        self.process(service).kill()
        self.state['pids'].pop(service, None)
        self.save()

    def _readiness_mark(self, service):
        if service in ('keystone', 'api'):
            return None
        return databases.report_count(self.nova_db_url(),
                                      self._host(service),
                                      self._binary(service))

    def _ready(self, service, before):
        if service == 'keystone':
            return utils.http_ok(self.keystone_url)
        if service == 'api':
            return utils.http_ok(self.compute_url)
        count = databases.report_count(self.nova_db_url(),
                                       self._host(service),
                                       self._binary(service))
        return count > (before or 0)

    def _host(self, service):
        return service if service in self.computes else CONTROLLER_HOST

    def _binary(self, service):
        return SERVICE_BINARIES.get(service, 'nova-compute')

    # Reporting.

    def status(self):
        """[(service, pid or None, alive)] in start order."""
        return [(s, self.process(s).pid, self.is_running(s))
                for s in self.services]

    def log_path(self, service):
        return self.path('logs', '%s.log' % service)

    def logs(self, lines=40, services=None):
        """The last ``lines`` of each service's log, as one text."""
        parts = []
        for service in services or self.services:
            parts.append('==== %s (%s) ====\n%s' % (
                service, self.log_path(service),
                utils.tail(self.log_path(service), lines)))
        return '\n'.join(parts)

    def client_env(self, user='admin'):
        """Environment for the ``openstack`` CLI as ``user``."""
        return clients.client_env(self, user)
