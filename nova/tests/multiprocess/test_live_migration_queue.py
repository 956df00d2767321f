"""A full live-migration queue on a real cloud: abort, stop, kill.

Every service is its own process on RabbitMQ and MariaDB or PostgreSQL,
Keystone authenticates the ``openstack`` CLI that drives them.
"""

import collections
import os
import subprocess
import sys
import time

from testtools import content

from nova.tests.multiprocess import fixtures as mp_fixtures
from nova.tests.multiprocess import scenarios
from nova.tools.cloud import state as cloud_state

COMPUTE_STOP_LIMIT = 10


class AbortQueuedScenario(scenarios.FullQueueMixin):
    """Scenario a, run on each database server."""

    def test_abort_queued_then_complete_the_rest(self):
        baseline = self.cloud_db.usage()
        servers, queue = self.fill_queue(10, 'compute1', 'compute2')
        queued = [s for s in servers if queue[s]['status'] == 'queued']
        aborted = {s: queue[s] for s in queued[:5]}

        self.abort(aborted)
        self.wait_for_status(aborted, 'cancelled')
        rest = [s for s in servers if s not in aborted]
        self.assertEqual(collections.Counter(running=1, queued=4),
                         self.migration_statuses(rest))

        final = self.force_complete_all(rest)
        self.assertEqual({s: 'completed' for s in rest},
                         {s: final[s]['status'] for s in rest})
        hosts = {s: 'compute1' if s in aborted else 'compute2'
                 for s in servers}
        self.assert_settled(servers, hosts, baseline)


class TestFullQueueMariaDB(AbortQueuedScenario,
                           mp_fixtures.MultiprocessTestCase):
    db = 'mysql'
    settings = scenarios.FULL_QUEUE_SETTINGS

    def _split(self, queue):
        running = [s for s, m in queue.items() if m['status'] == 'running']
        queued = {s: m for s, m in queue.items() if m['status'] == 'queued'}
        self.assertEqual(1, len(running))
        return running[0], queued

    def test_sigterm_compute_with_full_queue(self):
        self.addCleanup(self.ensure_compute_running, 'compute1')
        baseline = self.cloud_db.usage()
        servers, queue = self.fill_queue(10, 'compute1', 'compute2')
        running, queued = self._split(queue)

        started = time.monotonic()
        graceful = self.cloud.stop_service('compute1',
                                           timeout=COMPUTE_STOP_LIMIT)
        self.addDetail('sigterm-exit-seconds', content.text_content(
            '%.1f' % (time.monotonic() - started)))
        self.assertTrue(graceful, 'compute1 needed SIGKILL: it did not exit '
                        'within %ss of SIGTERM' % COMPUTE_STOP_LIMIT)

        # The stopping compute cancelled its whole queue itself.
        latest = self.api.latest_live_migrations(servers)
        self.assertEqual({s: 'cancelled' for s in queued},
                         {s: latest[s]['status'] for s in queued})
        found = self.api.servers(list(queued))
        self.assertEqual({s: ('compute1', None) for s in queued},
                         {s: (v['OS-EXT-SRV-ATTR:host'],
                              v['OS-EXT-STS:task_state'])
                          for s, v in found.items()})
        self.assertEqual(set(), {m['uuid'] for m in queued.values()} &
                         set(self.cloud_db.consumers()))
        # The running one was aborted in the driver and rolled back before
        # the exit: a clean stop leaves nothing non-final.
        self.assertIn(latest[running]['status'], ('cancelled', 'error'))

        self.cloud.start_service('compute1')
        self.assert_settled(servers, dict.fromkeys(servers, 'compute1'),
                            baseline)

    def test_sigkill_compute_with_full_queue_then_restart(self):
        self.addCleanup(self.ensure_compute_running, 'compute1')
        baseline = self.cloud_db.usage()
        servers, queue = self.fill_queue(10, 'compute1', 'compute2')
        running, queued = self._split(queue)

        self.cloud.kill_service('compute1')
        # Nobody cleaned up: the database still shows the queue.
        self.assertEqual(collections.Counter(running=1, queued=9),
                         self.migration_statuses(servers))

        self.cloud.start_service('compute1')
        final = self.wait_for_status(queue, scenarios.FINAL, timeout=30)
        self.assertEqual(dict({s: 'cancelled' for s in queued},
                              **{running: 'error'}),
                         {s: m['status'] for s, m in final.items()})
        self.assert_settled(servers, dict.fromkeys(servers, 'compute1'),
                            baseline)


class TestFullQueuePostgreSQL(AbortQueuedScenario,
                              mp_fixtures.MultiprocessTestCase):
    """Scenario a on PostgreSQL, with the cloud run by the launcher CLI."""

    db = 'postgresql'
    settings = scenarios.FULL_QUEUE_SETTINGS

    @classmethod
    def launcher_cli(cls, *args):
        return subprocess.run(
            [sys.executable, os.path.join(mp_fixtures.REPO, 'tools',
                                          'cloud.py')] + list(args) +
            ['--dir', cls.cloud.dir], capture_output=True, text=True,
            stdin=subprocess.DEVNULL, timeout=300)

    @classmethod
    def start_cloud(cls):
        settings = [arg for setting in cls.all_settings()
                    for arg in ('--set', setting)]
        result = cls.launcher_cli('start', '--db', cls.db, '--computes', '2',
                                  '--name', cls.cloud.name, *settings)
        if result.returncode:
            raise AssertionError('cloud.py start failed:\n%s%s'
                                 % (result.stdout, result.stderr))
        cls.cloud = cloud_state.Cloud.load(cls.cloud.dir)

    @classmethod
    def destroy_cloud(cls):
        if os.path.exists(os.path.join(cls.cloud.dir, 'cloud.json')):
            result = cls.launcher_cli('stop', '--purge', '--timeout', '20')
            if result.returncode:
                sys.stderr.write('cloud.py stop failed:\n%s'
                                 % result.stderr)
            cls.cloud = cloud_state.Cloud.load(cls.cloud.dir)
        # Then the common purge (a no-op now) and the leftovers check.
        super().destroy_cloud()

    def test_launcher_status_and_logs(self):
        status = self.launcher_cli('status')
        self.assertEqual(0, status.returncode, status.stdout)
        self.assertEqual(
            sorted(self.cloud.services),
            sorted(line.split()[0] for line in status.stdout.splitlines()
                   if line.endswith('running')))
        logs = self.launcher_cli('logs', 'compute1', '-n', '50')
        self.assertIn('Started nova-compute on compute1', logs.stdout)
