"""The launcher's own logic; needs no broker or database, always runs."""

import configparser
import os
import signal
import sys
import textwrap

import fixtures
import testtools

from nova.tests.multiprocess import fixtures as mp_fixtures

launcher = mp_fixtures.launcher
infra = mp_fixtures.infra


class SettingsTest(testtools.TestCase):

    def test_parse_setting(self):
        self.assertEqual(('all', 'DEFAULT', 'debug', 'true'),
                         launcher.parse_setting('DEFAULT.debug=true'))
        self.assertEqual(('compute2', 'compute', 'emulate_service_version',
                          '1'),
                         launcher.parse_setting(
                             'compute2:compute.emulate_service_version=1'))
        self.assertEqual(('api', 'database', 'connection', 'a://b:c@d/e'),
                         launcher.parse_setting(
                             'api:database.connection=a://b:c@d/e'))
        for bad in ('debug=true', 'DEFAULT.debug', 'x:.debug=1'):
            self.assertRaises(ValueError, launcher.parse_setting, bad)


class ConfigTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.cloud = launcher.Cloud(
            self.dir, db='postgresql', computes=2, name='novamp_unit',
            db_admin_url='postgresql+psycopg2://postgres@127.0.0.1/postgres',
            rabbit_url='rabbit://guest:guest@127.0.0.1:5672/',
            settings=['computes:fake.live_migration_bandwidth=1',
                      'compute2:compute.emulate_service_version=1',
                      'api:upgrade_levels.compute=auto'])
        self.cloud.state['ports'] = {'keystone': 5000, 'api': 8774}

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

    def test_api_authenticates_with_keystone(self):
        conf = self.cloud.nova_config('api')
        self.assertEqual('keystone', conf['api']['auth_strategy'])
        self.assertEqual('8774', conf['DEFAULT']['osapi_compute_listen_port'])
        self.assertEqual('auto', conf['upgrade_levels']['compute'])
        authtoken = conf['keystone_authtoken']
        self.assertEqual(('http://127.0.0.1:5000/v3', 'password', 'nova',
                          'service'),
                         (authtoken['auth_url'], authtoken['auth_type'],
                          authtoken['username'],
                          authtoken['project_name']))

    def test_written_files_parse_and_are_private(self):
        self.cloud.write_configs()
        path = self.cloud.config_path('compute1')
        parser = configparser.RawConfigParser()
        parser.read(path)
        self.assertEqual('compute1', parser.get('DEFAULT', 'host'))
        self.assertEqual(0o600, os.stat(path).st_mode & 0o777)

    def test_state_round_trip(self):
        self.cloud.save()
        loaded = launcher.Cloud.load(self.dir)
        self.assertEqual(self.cloud.state, loaded.state)
        self.assertEqual(['keystone', 'conductor', 'scheduler', 'compute1',
                          'compute2', 'api'], loaded.services)

    def test_database_urls(self):
        mysql = infra.DatabaseServer('mysql+pymysql://root:pw@db/')
        self.assertEqual('mysql+pymysql://root:pw@db/x?charset=utf8mb4',
                         mysql.url('x'))
        self.assertRaises(infra.InfraError, mysql.create, 'x; DROP')


class ServiceProcessTest(testtools.TestCase):

    def _process(self, code, name='sleeper'):
        tmp = self.useFixture(fixtures.TempDir()).path
        proc = infra.ServiceProcess(
            name, [sys.executable, '-c', textwrap.dedent(code), tmp],
            os.path.join(tmp, 'out.log'), identity=tmp)
        self.addCleanup(lambda: proc.alive() and proc.kill())
        return proc

    def test_sigterm_is_enough_for_a_well_behaved_process(self):
        proc = self._process('import time; time.sleep(60)')
        proc.start()
        self.assertTrue(proc.alive())
        self.assertTrue(proc.stop(timeout=10))
        self.assertEqual(-signal.SIGTERM, proc.returncode)

    def test_sigkill_after_the_timeout(self):
        proc = self._process('''
            import signal, sys, time
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            print('SIGTERM ignored', flush=True)
            time.sleep(60)
            ''')
        proc.start()
        mp_fixtures.wait_for(
            lambda: 'SIGTERM ignored' in proc.tail().splitlines(), 10,
            'the child to ignore SIGTERM')
        self.assertFalse(proc.stop(timeout=0.5))
        self.assertEqual(-signal.SIGKILL, proc.returncode)

    def test_a_pid_from_state_is_checked_against_its_command_line(self):
        proc = self._process('import time; time.sleep(60)')
        proc.start()
        adopted = infra.ServiceProcess('x', proc.argv, proc.log_path,
                                       identity=proc.identity, pid=proc.pid)
        stranger = infra.ServiceProcess('x', proc.argv, proc.log_path,
                                        identity='not-ours', pid=proc.pid)
        # Right after the fork the child may not show its command line yet.
        mp_fixtures.wait_for(adopted.alive, 10, 'the exec of the child')
        self.assertFalse(stranger.alive())
        stranger.send(signal.SIGTERM)  # not ours: nothing is sent
        self.assertTrue(proc.alive())
        self.assertTrue(adopted.stop(timeout=10))
        # The adopter sees the pid go as soon as its command line does,
        # a moment before the kernel makes it a zombie we can reap.
        self.assertTrue(proc.wait(timeout=10))


class WsgiRunnerTest(testtools.TestCase):

    def test_load_application_object_and_factory(self):
        sys.path.insert(0, os.path.join(mp_fixtures.REPO, 'tools'))
        self.addCleanup(sys.path.remove,
                        os.path.join(mp_fixtures.REPO, 'tools'))
        import wsgi_runner
        self.assertIs(os.path.join,
                      wsgi_runner.load_application('os.path:join'))
        self.assertEqual(os.getcwd(),
                         wsgi_runner.load_application('os:getcwd()'))
        self.assertRaises(ValueError, wsgi_runner.load_application, 'os')
