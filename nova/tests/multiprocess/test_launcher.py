"""The launcher's service processes; needs no broker or database.

Always runs: real child processes, signalled and adopted by pid.  The
launcher's pure parts are unit tests (``nova/tests/unit/tools``).
"""

import os
import signal
import sys
import textwrap

import fixtures
import testtools

from nova.tests.multiprocess import fixtures as mp_fixtures
from nova.tools.cloud import processes


class ServiceProcessTest(testtools.TestCase):

    def _process(self, code, name='sleeper'):
        tmp = self.useFixture(fixtures.TempDir()).path
        proc = processes.ServiceProcess(
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
        adopted = processes.ServiceProcess(
            'x', proc.argv, proc.log_path, identity=proc.identity,
            pid=proc.pid)
        stranger = processes.ServiceProcess(
            'x', proc.argv, proc.log_path, identity='not-ours', pid=proc.pid)
        # Right after the fork the child may not show its command line yet.
        mp_fixtures.wait_for(adopted.alive, 10, 'the exec of the child')
        self.assertFalse(stranger.alive())
        stranger.send(signal.SIGTERM)  # not ours: nothing is sent
        self.assertTrue(proc.alive())
        self.assertTrue(adopted.stop(timeout=10))
        # The adopter sees the pid go as soon as its command line does,
        # a moment before the kernel makes it a zombie we can reap.
        self.assertTrue(proc.wait(timeout=10))
