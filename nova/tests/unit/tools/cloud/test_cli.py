"""The command line of ``tools/cloud.py``, without starting anything."""

import contextlib
import io
import os

import fixtures
import testtools

from nova.tools.cloud import cli
from nova.tools.cloud import state


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
