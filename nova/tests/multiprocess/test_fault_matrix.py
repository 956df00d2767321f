"""The fault matrix with real processes: kill, stop, restart in either order.

Each cell fills a queue (one live migration ``running`` from compute1 to
compute2 and two ``queued`` behind it), injects one fault, restarts what
it took down in the cell's order and then checks what must always hold:
every migration final (after the operator finishes what legitimately still
runs), no server with a task, each server on the host its migration's
outcome says, the usage of every host exactly its servers, no claim left
behind, and each restart answering within ``RESTART_LIMIT`` seconds.
Every cell is recorded for the table ``tools/run-tests.sh`` prints.
"""

import collections
import os
import time
import unittest

from testtools import content

from nova.tests import fault_matrix
from nova.tests.multiprocess import fixtures as mp_fixtures
from nova.tests.multiprocess import scenarios
from nova.tests.multiprocess import shared_services

# A restart must answer within this (the bound).
RESTART_LIMIT = 10
# What the harness waits before it calls a start hung (a loaded machine).
START_WAIT = 60
PHASES = ('queued', 'running')
# graceful_shutdown_timeout of the computes.
GRACE = 5
ENV_RESTART_SERVICES = 'NOVA_TEST_RESTART_SERVICES'
SOURCE, DEST = 'compute1', 'compute2'


class FaultMatrixBase(scenarios.FullQueueMixin,
                      mp_fixtures.MultiprocessTestCase):
    """A cloud with a full queue per cell; the checks every cell makes."""

    db = 'mysql'
    settings = scenarios.FULL_QUEUE_SETTINGS + (
        'computes:DEFAULT.graceful_shutdown_timeout=%d' % GRACE,)

    def setUp(self):
        super().setUp()
        # Cleanups run last-in first-out: the conductor comes back first.
        for service in (DEST, SOURCE, 'conductor'):
            self.addCleanup(self._ensure_running, service)
        self.restarts = []

    def _ensure_running(self, service):
        if not self.cloud.is_running(service):
            self.cloud.start_service(service)

    def _restart(self, service):
        started = time.monotonic()
        self.cloud.start_service(service, timeout=START_WAIT)
        seconds = time.monotonic() - started
        self.restarts.append(seconds)
        self.addDetail('restart-%s-seconds' % service,
                       content.text_content('%.1f' % seconds))
        self.assertLess(seconds, RESTART_LIMIT,
                        '%s took %.1fs to answer again' % (service, seconds))

    def _fill(self):
        self.baseline = self.cloud_db.usage()
        servers, queue = self.fill_queue(3, SOURCE, DEST)
        self.assertEqual(collections.Counter(running=1, queued=2),
                         self.migration_statuses(servers))
        return servers, queue

    def _assert_invariants(self, servers):
        """Everything final, settled and exact: on the migration's side."""
        latest = self.api.latest_live_migrations(servers)
        ends = collections.Counter(m['status'] for m in latest.values())
        self.outcome = ', '.join('%s %d' % (status, n) if n > 1 else status
                                 for status, n in sorted(ends.items()))
        hosts = {s: DEST if latest[s]['status'] == 'completed' else SOURCE
                 for s in servers}
        self.assert_settled(servers, hosts, self.baseline)

    def _cell(self, fault, order, run, phases=PHASES):
        result = 'FAILED'
        try:
            run()
            result = 'passed'
        finally:
            fault_matrix.record(
                'multiprocess', phases, fault, order, result,
                max(self.restarts) if self.restarts else None,
                getattr(self, 'outcome', None))


class FaultMatrixTest(FaultMatrixBase):
    """Process faults: SIGTERM and SIGKILL of the services."""

    def test_sigterm_source(self):
        def run():
            servers, _ = self._fill()
            self.assertTrue(self.cloud.stop_service(SOURCE, timeout=30),
                            'compute1 needed SIGKILL')
            # A clean stop leaves nothing for the restart to repair.
            self.assertEqual(
                {'cancelled'},
                {m['status'] for m in self.api.latest_live_migrations(
                    servers).values()})
            self._restart(SOURCE)
            self._assert_invariants(servers)
        self._cell('SIGTERM source', 'source', run)

    def test_sigkill_source(self):
        def run():
            servers, queue = self._fill()
            self.cloud.kill_service(SOURCE)
            self._restart(SOURCE)
            self.wait_for_status(queue, scenarios.FINAL, timeout=30)
            self._assert_invariants(servers)
        self._cell('SIGKILL source', 'source', run)

    def _kill_source_with_destination_down(self, order):
        servers, queue = self._fill()
        self.cloud.kill_service(SOURCE)
        self.assertTrue(self.cloud.stop_service(DEST, timeout=30))
        for service in order:
            self._restart(service)
        self.wait_for_status(queue, scenarios.FINAL, timeout=30)
        self._assert_invariants(servers)

    def test_sigkill_source_destination_down_source_first(self):
        self._cell('SIGKILL source, destination down', 'source, dest',
                   lambda: self._kill_source_with_destination_down(
                       (SOURCE, DEST)))

    def test_sigkill_source_destination_down_destination_first(self):
        self._cell('SIGKILL source, destination down', 'dest, source',
                   lambda: self._kill_source_with_destination_down(
                       (DEST, SOURCE)))

    def _kill_and_finish(self, service):
        """Kill ``service``; once back, the queue completes as asked."""
        servers, _ = self._fill()
        self.cloud.kill_service(service)
        self._restart(service)
        final = self.force_complete_all(servers)
        self.assertEqual({s: 'completed' for s in servers},
                         {s: m['status'] for s, m in final.items()})
        self._assert_invariants(servers)

    def test_sigkill_destination(self):
        self._cell('SIGKILL destination', 'dest',
                   lambda: self._kill_and_finish(DEST))

    def test_sigterm_while_the_start_waits_for_the_conductor(self):
        """A signal during start-up ends the process within the grace."""
        self.cloud.kill_service('conductor')
        self.assertTrue(self.cloud.stop_service(SOURCE, timeout=30))
        proc = self.cloud.process(SOURCE)
        starting = os.path.getsize(proc.log_path)
        proc.start()
        mp_fixtures.wait_for(
            lambda: 'Starting nova-compute on' in _read_from(
                proc.log_path, starting), 60, 'compute1 starting')

        stopped = proc.stop(timeout=GRACE + 15)

        self.cloud.state['pids'].pop(SOURCE, None)
        self.cloud.save()
        self.assertTrue(stopped, 'compute1 ignored SIGTERM while it waited '
                        'for the conductor at start')
        fault_matrix.record('multiprocess', ('start',), 'SIGTERM source '
                            'while the conductor is down', 'conductor, '
                            'source', 'passed')

    def test_sigkill_conductor(self):
        self._cell('SIGKILL conductor', 'conductor',
                   lambda: self._kill_and_finish('conductor'))


@unittest.skipUnless(os.environ.get(ENV_RESTART_SERVICES) == '1',
                     'restarts the machine\'s RabbitMQ and MariaDB: only '
                     'with %s=1 (tools/run-tests.sh sets it under CI)'
                     % ENV_RESTART_SERVICES)
class SharedServiceRestartTest(FaultMatrixBase):
    """RabbitMQ and MariaDB restarted under a full queue.

    These restart the servers every test on the machine shares, so they run
    only where nothing else does (CI).  The cloud must ride through: once
    the server is back, the queue goes on and completes as asked.
    """

    def _restart_and_finish(self, restart, fault):
        def run():
            servers, _ = self._fill()
            started = time.monotonic()
            restart()
            self.restarts.append(time.monotonic() - started)
            final = self.force_complete_all(servers, timeout=300)
            self.assertEqual({s: 'completed' for s in servers},
                             {s: m['status'] for s, m in final.items()})
            self._assert_invariants(servers)
        self._cell(fault, 'broker' if 'Rabbit' in fault else 'database',
                   run)

    def test_rabbitmq_restart(self):
        self._restart_and_finish(shared_services.restart_rabbitmq,
                                 'RabbitMQ restart')

    def test_mariadb_restart(self):
        self._restart_and_finish(shared_services.restart_mariadb,
                                 'MariaDB restart')


def _read_from(path, offset):
    with open(path, 'rb') as handle:
        handle.seek(offset)
        return handle.read().decode('utf-8', 'replace')
