"""The fault matrix in process: every phase of a live migration x a stop.

A migration is held in one phase (``accepted``, ``queued``, ``preparing``,
``running``, ``post``) with the simulating driver's gates; then the source,
the destination or both stop cleanly (SIGTERM's path: ``cleanup_host``)
and come back in the cell's order.  Afterwards, once the operator has
aborted what still legitimately runs, every migration is final, no server
has a task, each server is where its migration's outcome says and the
usage of every host is exactly its servers.  Process kills, broker and
database faults are the multiprocess suite's cells.
"""

import time

import ddt

from nova.tests import fault_matrix
from nova.tests.functional import test_live_migration
from nova.virt import fake

TINY = test_live_migration.TINY
_add = test_live_migration._add
SOURCE, DEST = 'compute1', 'compute2'
# One migration running and one queued behind it: both phases at once.
QUEUE = 'queued,running'
# Phases held by a gate on the destination's driver.
GATES = {'accepted': fake.CHECK_DESTINATION,
         'preparing': fake.PRE_LIVE_MIGRATION,
         'post': fake.POST_AT_DESTINATION}
CELLS = (
    [(phase, 'stop source', (SOURCE,))
     for phase in ('accepted', QUEUE, 'preparing', 'post')] +
    [(QUEUE, 'stop destination', (DEST,))] +
    [(QUEUE, 'stop both', order) for order in ((SOURCE, DEST),
                                               (DEST, SOURCE))])


@ddt.ddt
class InProcessFaultMatrixTest(test_live_migration.LiveMigrationTestBase):

    compute_hosts = (SOURCE, DEST)

    def configure(self):
        # A stop ends what is busy at once instead of waiting for it.
        self.flags(live_migration_shutdown_timeout=0)

    def setUp(self):
        super().setUp()
        self.driver(SOURCE).live_migration_bandwidth = None

    def _hold(self, phase):
        """Servers with one migration held in ``phase``; the gate if any."""
        servers = [self.boot(SOURCE, name='vm%d' % i) for i in range(2)]
        self.before = self.usages()
        if phase in GATES:
            if phase == 'post':
                self.driver(SOURCE).live_migration_bandwidth = fake.FROM_CONFIG
            gate = self.driver(DEST).hooks.gate(GATES[phase], servers[0])
            self.live_migrate(servers[0], DEST)
            gate.wait_started()
            return servers[:1], gate
        self.start_migration(servers[0], DEST, status='running')
        self.start_migration(servers[1], DEST, status='queued')
        return servers, None

    def _stop_and_restart(self, hosts, order, gate):
        stopped = set()
        for host in hosts:
            if host in self.cloud.computes:
                self.cloud.stop_compute(host)
                stopped.add(host)
        if gate is not None:
            gate.release()
        slowest = 0.0
        for host in order:
            started = time.monotonic()
            self.cloud.start_compute(host)
            slowest = max(slowest, time.monotonic() - started)
            if host == SOURCE:
                self.driver(SOURCE).live_migration_bandwidth = None
        return slowest

    def _abort_what_still_runs(self, servers):
        def settled():
            for server_id in servers:
                latest = self.migrations_of(server_id)[-1]
                if latest.status in ('queued', 'running'):
                    self.abort(server_id, latest.id)
                elif latest.status not in test_live_migration.FINAL:
                    return False
            return all(self.migrations_of(s)[-1].status in
                       test_live_migration.FINAL for s in servers)
        self.wait_for(settled, message='migrations never became final')

    def _assert_invariants(self, servers):
        moved = []
        for server_id in servers:
            outcome = self.migrations_of(server_id)[-1].status
            host = DEST if outcome == 'completed' else SOURCE
            self.assert_on_host(server_id, host)
            if host == DEST:
                moved.append(server_id)
        # ``before`` counts every server on the source.
        away = {rc: -n * len(moved) for rc, n in TINY.items()}
        here = {rc: n * len(moved) for rc, n in TINY.items()}
        self.assertEqual(
            {SOURCE: _add(self.before[SOURCE], away),
             DEST: _add(self.before[DEST], here)}, self.usages())
        self.wait_nothing_incoming(DEST)

    @ddt.data(*CELLS)
    @ddt.unpack
    def test_cell(self, phase, fault, order):
        hosts = {'stop source': (SOURCE,), 'stop destination': (DEST,),
                 'stop both': (SOURCE, DEST)}[fault]
        result, slowest = 'FAILED', None
        try:
            servers, gate = self._hold(phase)
            slowest = self._stop_and_restart(hosts, order, gate)
            self._abort_what_still_runs(servers)
            self._assert_invariants(servers)
            result = 'passed'
        finally:
            fault_matrix.record('functional', phase.split(','), fault,
                                ', '.join(order), result, slowest)
