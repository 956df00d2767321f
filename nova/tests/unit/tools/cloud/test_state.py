"""The launcher's Cloud: settings, the configs it writes, its state file.

Pure parts only: no broker, database or process is touched.  Starting and
stopping real services is ``nova/tests/multiprocess``'s job.
"""

import configparser
import json
import os
import sys

import fixtures
import testtools

from nova.tools.cloud import state
from nova.tools.cloud import utils

# What ``cloud.json`` holds; a cloud saved by an older launcher must load.
STATE_KEYS = {'name', 'db', 'db_admin_url', 'rabbit_url', 'backend',
              'computes', 'settings', 'passwords', 'ports', 'pids',
              'provisioned', 'gates_dir'}


class SettingsTest(testtools.TestCase):

    def test_parse_setting(self):
        self.assertEqual(('all', 'DEFAULT', 'debug', 'true'),
                         state.parse_setting('DEFAULT.debug=true'))
        self.assertEqual(('compute2', 'compute', 'emulate_service_version',
                          '1'),
                         state.parse_setting(
                             'compute2:compute.emulate_service_version=1'))
        self.assertEqual(('api', 'database', 'connection', 'a://b:c@d/e'),
                         state.parse_setting(
                             'api:database.connection=a://b:c@d/e'))

    def test_bad_settings_are_refused(self):
        for bad in ('debug=true', 'DEFAULT.debug', 'x:.debug=1',
                    'DEFAULT.=1'):
            self.assertRaises(ValueError, state.parse_setting, bad)


class CloudTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.cloud = state.Cloud(
            self.dir, db='postgresql', computes=2, name='novamp_unit',
            db_admin_url='postgresql+psycopg2://postgres@127.0.0.1/postgres',
            rabbit_url='rabbit://guest:guest@127.0.0.1:5672/',
            backend='threading',
            settings=['computes:fake.live_migration_bandwidth=1',
                      'compute2:compute.emulate_service_version=1',
                      'api:upgrade_levels.compute=auto'])
        self.cloud.state['ports'] = {'keystone': 5000, 'api': 8774}


class ConfigTest(CloudTestCase):

    def test_computes_get_no_database_and_their_own_host(self):
        for host in ('compute1', 'compute2'):
            conf = self.cloud.nova_config(host)
            self.assertNotIn('database', conf)
            self.assertNotIn('keystone_authtoken', conf)
            self.assertEqual(host, conf['DEFAULT']['host'])
            self.assertEqual('1', conf['fake']['live_migration_bandwidth'])
        self.assertEqual(
            {'emulate_service_version': '1'},
            self.cloud.nova_config('compute2')['compute'])
        self.assertNotIn('compute', self.cloud.nova_config('compute1'))

    def test_controller_services_share_database_and_vhost(self):
        confs = [self.cloud.nova_config(s)
                 for s in ('api', 'conductor', 'scheduler')]
        self.assertEqual(
            {'postgresql+psycopg2://postgres@127.0.0.1/novamp_unit_nova'},
            {c['database']['connection'] for c in confs})
        self.assertEqual(
            {'rabbit://guest:guest@127.0.0.1:5672/novamp_unit'},
            {c['DEFAULT']['transport_url'] for c in confs})
        self.assertEqual({'controller'},
                         {c['DEFAULT']['host'] for c in confs})
        self.assertEqual({'threading'},
                         {c['DEFAULT']['concurrency_backend'] for c in confs})

    def test_api_authenticates_with_keystone(self):
        conf = self.cloud.nova_config('api')
        self.assertEqual('keystone', conf['api']['auth_strategy'])
        self.assertEqual('8774', conf['DEFAULT']['osapi_compute_listen_port'])
        self.assertEqual('auto', conf['upgrade_levels']['compute'])
        authtoken = conf['keystone_authtoken']
        self.assertEqual(('http://127.0.0.1:5000/v3', 'password', 'nova',
                          'service', self.cloud.state['passwords']['nova']),
                         (authtoken['auth_url'], authtoken['auth_type'],
                          authtoken['username'], authtoken['project_name'],
                          authtoken['password']))

    def test_written_files_parse_and_are_private(self):
        self.cloud.write_configs()
        path = self.cloud.config_path('compute1')
        parser = configparser.RawConfigParser()
        parser.read(path)
        self.assertEqual('compute1', parser.get('DEFAULT', 'host'))
        self.assertEqual(0o600, os.stat(path).st_mode & 0o777)
        keystone = configparser.RawConfigParser()
        keystone.read(self.cloud.path('etc', 'keystone.conf'))
        self.assertEqual(
            'postgresql+psycopg2://postgres@127.0.0.1/novamp_unit_keystone',
            keystone.get('database', 'connection'))

    def test_set_option_replaces_drops_and_rewrites(self):
        self.cloud.set_option('compute1', 'fake', 'vcpus', 64)
        self.cloud.set_option('compute1', 'fake', 'vcpus', 8)
        self.assertEqual('8', self._written('compute1', 'fake', 'vcpus'))
        self.assertEqual(1, sum(s[:3] == ['compute1', 'fake', 'vcpus']
                                for s in self.cloud.state['settings']))
        self.cloud.set_option('compute1', 'fake', 'vcpus')
        self.assertIsNone(self._written('compute1', 'fake', 'vcpus'))
        self.assertEqual(self.cloud.state,
                         state.Cloud.load(self.dir).state)

    def _written(self, service, section, option):
        parser = configparser.RawConfigParser()
        parser.read(self.cloud.config_path(service))
        return parser.get(section, option, fallback=None)


class StateFileTest(CloudTestCase):

    def test_state_round_trip(self):
        self.cloud.save()
        loaded = state.Cloud.load(self.dir)
        self.assertEqual(self.cloud.state, loaded.state)
        self.assertEqual(['keystone', 'conductor', 'scheduler', 'compute1',
                          'compute2', 'api'], loaded.services)
        self.assertEqual({'nova': 'novamp_unit_nova',
                          'keystone': 'novamp_unit_keystone'},
                         loaded.database_names)

    def test_state_file_format(self):
        self.cloud.save()
        path = os.path.join(self.dir, state.STATE_FILE)
        with open(path) as handle:
            saved = json.load(handle)
        self.assertEqual(STATE_KEYS, set(saved))
        self.assertEqual([['computes', 'fake', 'live_migration_bandwidth',
                           '1'],
                          ['compute2', 'compute', 'emulate_service_version',
                           '1'],
                          ['api', 'upgrade_levels', 'compute', 'auto']],
                         saved['settings'])
        self.assertEqual({'admin', 'nova', 'demo'}, set(saved['passwords']))
        self.assertEqual(0o600, os.stat(path).st_mode & 0o777)

    def test_no_state_file_is_an_error(self):
        empty = self.useFixture(fixtures.TempDir()).path
        self.assertRaises(state.CloudError, state.Cloud.load, empty)

    def test_default_names_differ(self):
        first = state.Cloud(self.dir, db_admin_url='mysql://x@h/',
                            rabbit_url='rabbit://h/')
        second = state.Cloud(self.dir, db_admin_url='mysql://x@h/',
                             rabbit_url='rabbit://h/')
        self.assertTrue(utils.SAFE_NAME.match(first.name))
        self.assertNotEqual(first.name, second.name)
        self.assertNotEqual(first.state['passwords'],
                            second.state['passwords'])


class CommandTest(CloudTestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.MonkeyPatch(
            'nova.tools.cloud.utils.script', lambda name: '/venv/' + name))

    def test_services_run_their_console_scripts(self):
        for service, binary in (('api', 'nova-api'),
                                ('conductor', 'nova-conductor'),
                                ('scheduler', 'nova-scheduler'),
                                ('compute2', 'nova-compute')):
            argv, env = self.cloud._command(service)
            self.assertEqual(['/venv/' + binary, '--config-file',
                              self.cloud.config_path(service)], argv)
            self.assertEqual({}, env)

    def test_keystone_is_served_by_the_wsgi_runner(self):
        argv, env = self.cloud._command('keystone')
        conf = self.cloud.path('etc', 'keystone.conf')
        self.assertEqual([sys.executable, '-m', 'nova.tools.wsgi_runner',
                          '--app', 'keystone.wsgi.api:application'],
                         argv[:5])
        self.assertEqual('keystone@%s' % conf, argv[-1])
        self.assertEqual({'OS_KEYSTONE_CONFIG_FILES': conf}, env)

    def test_gated_computes_run_the_hooked_service(self):
        gates = os.path.join(self.dir, 'gates')
        self.cloud.state['gates_dir'] = gates
        argv, env = self.cloud._command('compute1')
        self.assertEqual([sys.executable, '-m', state.HOOKED_SERVICE,
                          'nova-compute', '--config-file',
                          self.cloud.config_path('compute1')], argv)
        self.assertEqual({'NOVA_TEST_GATES_DIR': gates}, env)
        # The controller services stay as they are.
        self.assertEqual('/venv/nova-api', self.cloud._command('api')[0][0])

    def test_process_env_and_identity(self):
        self.cloud.state['gates_dir'] = '/gates'
        self.cloud.state['pids'] = {'compute1': 4242}
        proc = self.cloud.process('compute1')
        self.assertIs(proc, self.cloud.process('compute1'))
        self.assertEqual(4242, proc.pid)
        self.assertEqual(self.cloud.config_path('compute1'), proc.identity)
        self.assertEqual(('/gates', 'threading'),
                         (proc.env['NOVA_TEST_GATES_DIR'],
                          proc.env['NOVA_CONCURRENCY_BACKEND']))
        self.assertEqual(self.cloud.log_path('compute1'), proc.log_path)
