"""The fault matrix for the phases around the queue: accepted, preparing, post.

Each cell boots one server on compute1, asks to live-migrate it to compute2
and holds it in one phase with a file gate on compute2's driver (see
``nova.tests.multiprocess.hooked_service``):

* ``accepted``: compute2's ``check_can_live_migrate_destination``; the
  conductor waits on it with the migration written and compute2 claimed.
* ``preparing``: compute2's ``pre_live_migration``; compute1's worker
  waits on it.
* ``post``: compute2's ``post_live_migration_at_destination`` after the
  copy was forced to complete; compute1 waits on it, status ``running``.

Then one fault, the restart of what it took down (each restart must answer
within ``RESTART_LIMIT`` seconds), the gate opened, whatever still runs
force-completed, and the checks of every cell: every migration final, no
task, the server on the host its migration's outcome says, usage exact and
no claim left.  A lost RPC answer ends after ``long_rpc_timeout``, short
here so a cell does not wait the default half hour.
"""

import os
import time

from nova.tests.multiprocess import fixtures as mp_fixtures
from nova.tests.multiprocess import shared_services
from nova.tests.multiprocess import test_fault_matrix as matrix
from nova.virt import fake

SOURCE, DEST = matrix.SOURCE, matrix.DEST
# Seconds before a call whose answer was lost gives up.
RPC_TIMEOUT = 10
HELD_AT = {'accepted': fake.CHECK_DESTINATION,
           'preparing': fake.PRE_LIVE_MIGRATION,
           'post': fake.POST_AT_DESTINATION}
HELD_STATUS = {'accepted': 'accepted', 'preparing': 'preparing',
               'post': 'running'}


class PhaseFaultMatrixTest(matrix.FaultMatrixBase):
    """One server held in one phase per cell; one fault each."""

    file_gates = True
    settings = matrix.FaultMatrixBase.settings + (
        'DEFAULT.long_rpc_timeout=%d' % RPC_TIMEOUT,
        'computes:DEFAULT.live_migration_shutdown_timeout=2',
    )

    def _hold(self, phase):
        """Boot and request; return the server once held in ``phase``."""
        self.baseline = self.cloud_db.usage()
        [server] = self.boot_servers(1, SOURCE)
        point = HELD_AT[phase]
        self.gates.close(point)
        self.addCleanup(self.gates.open, point)
        self.request_live_migrations([server], DEST)
        if phase == 'post':
            running = self._wait_latest(server, 'running')
            self.cli('server', 'migration', 'force', 'complete', server,
                     str(running['id']))
        self.assertEqual(server, self.gates.wait_reached(point, 90))
        self.assertEqual(HELD_STATUS[phase],
                         self._wait_latest(server)['status'])
        return server

    def _wait_latest(self, server, status=None):
        def latest():
            found = self.api.latest_live_migrations([server]).get(server)
            if found and (status is None or found['status'] == status):
                return found
        return mp_fixtures.wait_for(
            latest, 90, 'a %s live migration of %s' % (status or 'new',
                                                       server))

    def _finish(self, server):
        """Force what still runs; then every check of the matrix."""
        self.force_complete_all([server], timeout=180)
        self._assert_invariants([server])

    # Faults: take something down, bring it back, let the held call go.

    def _sigterm_source(self, point):
        self.assertTrue(self.cloud.stop_service(SOURCE, timeout=30),
                        'compute1 needed SIGKILL')
        self._restart(SOURCE)
        self.gates.open(point)

    def _sigkill(self, service, point):
        self.cloud.kill_service(service)
        if service == DEST:
            # The held call died with it; a restarted compute2 must not
            # be held again.
            self.gates.open(point)
        self._restart(service)
        self.gates.open(point)

    def _sigkill_both(self, order, point):
        self.cloud.kill_service(SOURCE)
        self.cloud.kill_service(DEST)
        self.gates.open(point)
        for service in order:
            self._restart(service)

    def _restart_shared(self, restart, point):
        started = time.monotonic()
        restart()
        self.restarts.append(time.monotonic() - started)
        self.gates.open(point)


FAULTS = {
    'sigterm_source': ('SIGTERM source', 'source',
                       lambda t, point: t._sigterm_source(point)),
    'sigkill_source': ('SIGKILL source', 'source',
                       lambda t, point: t._sigkill(SOURCE, point)),
    'sigkill_destination': ('SIGKILL destination', 'dest',
                            lambda t, point: t._sigkill(DEST, point)),
    'sigkill_conductor': ('SIGKILL conductor', 'conductor',
                          lambda t, point: t._sigkill('conductor', point)),
    'sigkill_both_source_first': (
        'SIGKILL source and destination', 'source, dest',
        lambda t, point: t._sigkill_both((SOURCE, DEST), point)),
    'sigkill_both_destination_first': (
        'SIGKILL source and destination', 'dest, source',
        lambda t, point: t._sigkill_both((DEST, SOURCE), point)),
    'rabbitmq_restart': ('RabbitMQ restart', 'broker',
                         lambda t, point: t._restart_shared(
                             shared_services.restart_rabbitmq, point)),
    'mariadb_restart': ('MariaDB restart', 'database',
                        lambda t, point: t._restart_shared(
                            shared_services.restart_mariadb, point)),
}


def _make_cell(phase, fault_key):
    fault, order, inject = FAULTS[fault_key]

    def test(self):
        if fault_key.endswith('_restart') and os.environ.get(
                matrix.ENV_RESTART_SERVICES) != '1':
            self.skipTest('restarts the machine\'s RabbitMQ and MariaDB: '
                          'only with %s=1' % matrix.ENV_RESTART_SERVICES)

        def run():
            server = self._hold(phase)
            inject(self, HELD_AT[phase])
            self._finish(server)
        self._cell(fault, order, run, phases=(phase,))
    test.__name__ = 'test_%s_%s' % (phase, fault_key)
    test.__doc__ = '%s while a live migration is %s.' % (fault, phase)
    return test


for _phase in HELD_AT:
    for _fault_key in FAULTS:
        _cell_test = _make_cell(_phase, _fault_key)
        setattr(PhaseFaultMatrixTest, _cell_test.__name__, _cell_test)
