"""Bad configuration ends a command with one line, never a traceback.

Each case runs the real command in a child process and expects a non-zero
exit and exactly one ``nova: error: ...`` line on standard error.
nova-conductor must exit at once on these errors instead of serving.
"""

import ddt

from nova import test
from nova.tests.unit import cmd as cmd_tests

UNREACHABLE_DB = 'mysql+pymysql://root@127.0.0.1:1/nova'
COMMANDS = ({'command': 'manage', 'args': ('db', 'sync')},
            {'command': 'conductor', 'args': ()})


@ddt.ddt
class CommandErrorsTestCase(test.TestCase):

    def _fails_with_one_line(self, command, args, config, env=None):
        code, out, err = cmd_tests.run(command, '--config-file', config,
                                       *args, env=env)
        self.assertNotEqual(0, code, out + err)
        self.assertNotIn('Traceback', out + err)
        errors = [line for line in err.splitlines() if line.strip()]
        self.assertEqual(1, len(errors), err)
        self.assertTrue(errors[0].startswith('nova: error: '), err)
        return errors[0]

    @ddt.data(*COMMANDS)
    @ddt.unpack
    def test_unknown_backend_from_environment(self, command, args):
        line = self._fails_with_one_line(
            command, args, cmd_tests.write_config(self.state_path),
            env={'NOVA_CONCURRENCY_BACKEND': 'bogus'})
        self.assertIn("'bogus'", line)

    @ddt.data(*COMMANDS)
    @ddt.unpack
    def test_unknown_backend_from_config_file(self, command, args):
        config = cmd_tests.write_config(self.state_path,
                                        extra='concurrency_backend = bogus')
        line = self._fails_with_one_line(
            command, args, config, env={'NOVA_CONCURRENCY_BACKEND': None})
        self.assertIn("'bogus'", line)

    @ddt.data(*COMMANDS)
    @ddt.unpack
    def test_unreachable_database(self, command, args):
        config = cmd_tests.write_config(self.state_path,
                                        database=UNREACHABLE_DB)
        line = self._fails_with_one_line(command, args, config)
        self.assertIn('[database] connection', line)
        self.assertIn("Can't connect", line)

    @ddt.data(*COMMANDS)
    @ddt.unpack
    def test_missing_config_file(self, command, args):
        line = self._fails_with_one_line(
            command, args, self.state_path + '/missing.conf')
        self.assertIn('missing.conf', line)

    def test_conductor_bad_transport_url(self):
        config = cmd_tests.write_config(self.state_path,
                                        transport_url='bogus://')
        line = self._fails_with_one_line('conductor', (), config)
        self.assertIn("transport_url 'bogus://'", line)
