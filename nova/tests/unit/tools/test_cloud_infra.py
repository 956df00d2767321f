"""What the launcher stands on, where no server is needed.

Database URLs and name checks, vhost URLs, Keystone's config and server
command, the ``openstack`` CLI's files, and the command line of
``tools/cloud.py``.
"""

import configparser
import contextlib
import io
import os
import sys

import fixtures
import testtools
import yaml

from nova.tools.cloud import cli
from nova.tools.cloud import clients
from nova.tools.cloud import databases
from nova.tools.cloud import keystone
from nova.tools.cloud import rabbit
from nova.tools.cloud import state
from nova.tools.cloud import utils
from nova.tools import wsgi_runner


class DatabaseServerTest(testtools.TestCase):

    def test_database_urls(self):
        mysql = databases.DatabaseServer('mysql+pymysql://root:pw@db/')
        self.assertEqual('mysql', mysql.kind)
        self.assertEqual('mysql+pymysql://root:pw@db/x?charset=utf8mb4',
                         mysql.url('x'))
        pg = databases.DatabaseServer(
            'postgresql+psycopg2://postgres@db/postgres')
        self.assertEqual('postgresql', pg.kind)
        self.assertEqual('postgresql+psycopg2://postgres@db/x', pg.url('x'))

    def test_unsafe_names_are_refused_before_connecting(self):
        # db:1 answers nothing: reaching it would be another error.
        mysql = databases.DatabaseServer('mysql+pymysql://root@db:1/')
        for name in ('x; DROP', 'Upper', '1st', 'a-b'):
            self.assertRaises(utils.InfraError, mysql.create, name)
            self.assertRaises(utils.InfraError, mysql.drop, name)

    def test_default_url_from_the_environment(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'NOVA_TEST_MYSQL_URL', 'mysql+pymysql://u:p@h/'))
        self.assertEqual('mysql+pymysql://u:p@h/',
                         databases.default_db_url('mysql'))
        self.useFixture(fixtures.EnvironmentVariable(
            'NOVA_TEST_POSTGRESQL_URL'))
        self.assertEqual('postgresql+psycopg2://postgres@127.0.0.1/postgres',
                         databases.default_db_url('postgresql'))


class RabbitTest(testtools.TestCase):

    def test_vhost_url_replaces_the_path(self):
        self.assertEqual('rabbit://guest:guest@h:5672/novamp_x',
                         rabbit.vhost_url('rabbit://guest:guest@h:5672/',
                                          'novamp_x'))
        self.assertEqual('rabbit://h/a%2Fb',
                         rabbit.vhost_url('rabbit://h/old', 'a/b'))


class KeystoneTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.keystone = keystone.Keystone(
            os.path.join(self.dir, 'keystone.conf'),
            os.path.join(self.dir, 'keys'), 'sqlite:///k.db', 5001,
            {'admin': 'a', 'nova': 'n', 'demo': 'd'})

    def test_config(self):
        self.keystone.write_config()
        parser = configparser.RawConfigParser()
        parser.read(self.keystone.conf_path)
        self.assertEqual('sqlite:///k.db', parser.get('database',
                                                      'connection'))
        self.assertEqual(os.path.join(self.dir, 'keys', 'fernet-keys'),
                         parser.get('fernet_tokens', 'key_repository'))
        self.assertEqual('fernet', parser.get('token', 'provider'))

    def test_server_command(self):
        argv, env = self.keystone.server_command()
        self.assertEqual([sys.executable, '-m', keystone.WSGI_RUNNER],
                         argv[:3])
        self.assertEqual('5001', argv[argv.index('--port') + 1])
        self.assertEqual({'OS_KEYSTONE_CONFIG_FILES':
                          self.keystone.conf_path}, env)

    def test_authtoken_options(self):
        options = self.keystone.authtoken_options()
        self.assertEqual(('http://127.0.0.1:5001/v3', 'nova', 'n'),
                         (options['auth_url'], options['username'],
                          options['password']))


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


class CommandLineTest(testtools.TestCase):

    def test_start_options(self):
        args = cli.parse_args(['start', '--dir', '/d', '--set', 'a.b=1',
                               '--set', 'api:c.d=2', '--name', 'my_cloud'])
        self.assertEqual(('/d', 'mysql', 2, None, ['a.b=1', 'api:c.d=2'],
                          'my_cloud'),
                         (args.dir, args.db, args.computes, args.backend,
                          args.set, args.name))

    def test_bad_cloud_name_is_a_usage_error(self):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            self.assertRaises(SystemExit, cli.parse_args,
                              ['start', '--dir', '/d', '--name', 'Bad-Name'])
        self.assertIn('lower-case letters', stderr.getvalue())

    def test_errors_are_one_line_and_exit_1(self):
        empty = self.useFixture(fixtures.TempDir()).path
        for argv in (['status', '--dir', empty],
                     ['stop', '--dir', empty, '--purge']):
            stderr = io.StringIO()
            with contextlib.redirect_stderr(stderr):
                self.assertEqual(1, cli.main(argv))
            self.assertEqual('cloud: error: no cloud in %s (no cloud.json)\n'
                             % empty, stderr.getvalue())

    def test_status_of_a_stopped_cloud(self):
        directory = self.useFixture(fixtures.TempDir()).path
        state.Cloud(directory, computes=1, db_admin_url='mysql://x@h/',
                    rabbit_url='rabbit://h/').save()
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            self.assertEqual(1, cli.main(['status', '--dir', directory]))
        self.assertEqual(
            ['keystone', 'conductor', 'scheduler', 'compute1', 'api'],
            [line.split()[0] for line in stdout.getvalue().splitlines()])
        self.assertIn('stopped', stdout.getvalue())

    def test_usage_names_the_thin_entry(self):
        self.assertTrue(os.path.isfile(cli.ENTRY_POINT))
        directory = self.useFixture(fixtures.TempDir()).path
        cloud = state.Cloud(directory, db_admin_url='mysql://x@h/',
                            rabbit_url='rabbit://h/')
        cloud.state['ports'] = {'keystone': 5000, 'api': 8774}
        text = cli.usage_text(cloud)
        self.assertIn('Compute API: http://127.0.0.1:8774/v2.1', text)
        self.assertIn('%s stop --dir %s' % (cli.ENTRY_POINT, cloud.dir),
                      text)


class WsgiRunnerTest(testtools.TestCase):

    def test_load_application_object_and_factory(self):
        self.assertIs(os.path.join,
                      wsgi_runner.load_application('os.path:join'))
        self.assertEqual(os.getcwd(),
                         wsgi_runner.load_application('os:getcwd()'))
        self.assertRaises(ValueError, wsgi_runner.load_application, 'os')
