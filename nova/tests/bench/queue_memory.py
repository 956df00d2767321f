"""Benchmark 2: memory and threads per queued live migration.

No HTTP.  One worker (``max_workers = 1``) is held busy by a first job,
then N more are queued behind it; we compare resident memory (VmRSS) and
thread counts before and after the N.  Everything the queued jobs carry
(migration and instance objects) exists before the first figure, so the
difference is what queueing itself costs.

Scenarios:

* ``queue``: ``LiveMigrationQueue`` alone, migrations as bare records.
* ``manager``: ``ComputeManager.live_migrations.enqueue`` with real
  ``Migration`` objects on SQLite; each enqueue saves ``queued``.

Each (scenario, N) runs in a fresh process so allocator reuse from a
previous size cannot hide growth.
"""

import threading
import types

from oslo_utils import uuidutils

from nova.tests.bench import stats

NAME = 'queue_memory'
SCENARIOS = ('queue', 'manager')
HOLD_TIMEOUT = 600


def run(scenario, size):
    """One row: figures before and after queueing ``size`` migrations."""
    if scenario == 'queue':
        before, after, seconds = _bare_queue(size)
    else:
        before, after, seconds = _manager_queue(size)
    row = {'scenario': scenario, 'queued': size, 'before': before,
           'after': after, 'seconds_to_queue': round(seconds, 3)}
    row['rss_added_bytes'] = after['rss'] - before['rss']
    row['bytes_per_migration'] = round(row['rss_added_bytes'] / size, 1)
    row['threads_added'] = {
        key: (after[key] - before[key]) if after[key] is not None else None
        for key in ('threads_active', 'threads_native', 'greenlets')}
    return row


def _bare_queue(size):
    from nova.compute import live_migration_queue as lm_queue
    from nova.tests.bench import cloud as bench_cloud

    queue = lm_queue.LiveMigrationQueue(max_workers=1)
    holder = Holder()
    queue.submit(_record('holder'), holder.hold)
    try:
        holder.wait_started()
        migrations = [_record(uuidutils.generate_uuid())
                      for _ in range(size)]
        before = stats.process_figures()
        start = bench_cloud.now()
        for migration in migrations:
            queue.submit(migration, _never_runs, migration)
        seconds = bench_cloud.now() - start
        after = stats.process_figures()
        check_waiting(len(queue), size)
    finally:
        queue.shutdown()
        holder.release()
    return before, after, seconds


def _record(instance_uuid):
    return types.SimpleNamespace(instance_uuid=instance_uuid,
                                 uuid=uuidutils.generate_uuid())


def _never_runs(migration):
    raise AssertionError('queued job %s ran' % migration.uuid)


def check_waiting(entries, size):
    """The held job's entry plus ``size`` queued ones."""
    if entries != size + 1:
        from nova.tests.bench import cloud as bench_cloud
        raise bench_cloud.BenchError('%d queue entries, expected %d'
                                     % (entries, size + 1))


class Holder:
    """The first job: occupies the only worker until released."""

    def __init__(self):
        self.started = threading.Event()
        self.proceed = threading.Event()

    def hold(self, *args, **kwargs):
        self.started.set()
        self.proceed.wait(HOLD_TIMEOUT)

    def wait_started(self):
        if not self.started.wait(HOLD_TIMEOUT):
            raise RuntimeError('the holder job never started')

    def release(self):
        self.proceed.set()


def _manager_queue(size):
    from nova.tests.bench import manager_rig
    with manager_rig.ManagerRig() as rig:
        return rig.measure(size, stats.process_figures)
