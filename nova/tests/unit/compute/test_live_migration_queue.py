"""The live-migration queue on a real executor of size one.

The first job of most tests blocks its only worker on an Event, so the
jobs behind it really are queued.  Races are lined up with Barriers and
Events; nothing sleeps, and every wait has a timeout that fails loudly.
"""

import collections
import datetime
import operator
import threading
import uuid

import ddt

from nova.compute import live_migration_queue as lmq
from nova import exception
from nova import test

CancelOutcome = lmq.CancelOutcome
WAIT = 30

Migration = collections.namedtuple('Migration', ['uuid', 'instance_uuid'])


def new_migration():
    return Migration(str(uuid.uuid4()), str(uuid.uuid4()))


class Gate:
    """A job that reports it started and holds until released."""

    def __init__(self, queue=None):
        self.queue = queue
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, instance_uuid=None):
        self.started.set()
        if not self.release.wait(WAIT):
            raise AssertionError('gate never released')
        if self.queue is not None:
            return self.queue.mark_started(instance_uuid)


class QueueTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.queue = lmq.LiveMigrationQueue(max_workers=1)
        self.addCleanup(self.queue.shutdown)
        self.ran = []

    def wait(self, event):
        self.assertTrue(event.wait(WAIT), 'timed out waiting for an event')

    def join(self, threads):
        for thread in threads:
            thread.join(WAIT)
            self.assertFalse(thread.is_alive(), 'thread did not finish')

    def occupy_worker(self):
        """Run a job on the only worker and hold it there."""
        migration, gate = new_migration(), Gate(self.queue)
        self.addCleanup(gate.release.set)
        future = self.queue.submit(migration, gate, migration.instance_uuid)
        self.wait(gate.started)
        return migration, gate, future

    def submit_recorded(self, migration):
        """Queue work that only records that it ran."""
        return self.queue.submit(migration, self.ran.append, migration)

    def run_after_queued(self, gate):
        """Release the worker and wait until it got past the queued jobs."""
        tail = self.submit_recorded(new_migration())
        gate.release.set()
        tail.result(WAIT)

    def submit_and_wait_callbacks(self, migration, fn):
        """Submit and return once the queue's done-callback has run."""
        done = threading.Event()
        future = self.queue.submit(migration, fn)
        # Callbacks run in order, so ours runs after the queue's.
        future.add_done_callback(lambda _f: done.set())
        self.wait(done)
        return future


@ddt.ddt
class CancelOutcomeTableTest(QueueTestBase):
    """Each queue state of an instance maps to one cancel outcome."""

    def _queued_behind_busy_worker(self):
        self.occupy_worker()
        migration = new_migration()
        self.submit_recorded(migration)
        return migration, migration

    def _started_not_yet_marked(self):
        migration, _gate, _future = self.occupy_worker()
        return migration, migration

    def _never_submitted(self):
        return new_migration(), None

    def _marked_started(self):
        migration = new_migration()
        future = self.queue.submit(migration, self.queue.mark_started,
                                   migration.instance_uuid)
        self.assertTrue(future.result(WAIT))
        return migration, None

    def _finished_without_marking(self):
        migration = new_migration()
        self.submit_and_wait_callbacks(migration, lambda: None)
        return migration, None

    def _cancelled_before(self):
        migration, expected = self._queued_behind_busy_worker()
        self.queue.cancel(migration.instance_uuid)
        return migration, None

    @ddt.data(('_queued_behind_busy_worker', CancelOutcome.CANCELLED),
              ('_started_not_yet_marked', CancelOutcome.ALREADY_STARTED),
              ('_never_submitted', CancelOutcome.NOT_QUEUED),
              ('_marked_started', CancelOutcome.NOT_QUEUED),
              ('_finished_without_marking', CancelOutcome.NOT_QUEUED),
              ('_cancelled_before', CancelOutcome.NOT_QUEUED))
    @ddt.unpack
    def test_cancel_outcome(self, scenario, outcome):
        migration, expected_migration = getattr(self, scenario)()

        result = self.queue.cancel(migration.instance_uuid)

        self.assertEqual((outcome, expected_migration), result)
        self.assertNotIn(migration.instance_uuid, self.queue)


class CancelTest(QueueTestBase):

    def test_cancel_queued_migration_means_its_work_never_runs(self):
        _busy, gate, _future = self.occupy_worker()
        migration = new_migration()
        future = self.submit_recorded(migration)

        result = self.queue.cancel(migration.instance_uuid)
        self.run_after_queued(gate)

        self.assertEqual(CancelOutcome.CANCELLED, result.outcome)
        self.assertTrue(future.cancelled())
        self.assertNotIn(migration, self.ran)

    def test_cancel_after_worker_began_makes_mark_started_false(self):
        migration, gate, future = self.occupy_worker()

        result = self.queue.cancel(migration.instance_uuid)
        gate.release.set()

        self.assertEqual(CancelOutcome.ALREADY_STARTED, result.outcome)
        self.assertIs(False, future.result(WAIT))

    def test_mark_started_claims_entry_when_nobody_aborted(self):
        migration, gate, future = self.occupy_worker()
        self.assertIn(migration.instance_uuid, self.queue)

        gate.release.set()

        self.assertIs(True, future.result(WAIT))
        self.assertNotIn(migration.instance_uuid, self.queue)

    def test_concurrent_cancels_of_one_entry_cancel_it_once(self):
        self.occupy_worker()
        migration = new_migration()
        self.submit_recorded(migration)
        barrier, results = threading.Barrier(4), []

        def cancel():
            barrier.wait(WAIT)
            results.append(self.queue.cancel(migration.instance_uuid))

        threads = [threading.Thread(target=cancel) for _ in range(4)]
        for thread in threads:
            thread.start()
        self.join(threads)

        outcomes = collections.Counter(r.outcome for r in results)
        self.assertEqual({CancelOutcome.CANCELLED: 1,
                          CancelOutcome.NOT_QUEUED: 3}, outcomes)


class SubmitTest(QueueTestBase):

    def test_submit_registers_entry_and_returns_its_future(self):
        self.occupy_worker()
        migration = new_migration()

        future = self.submit_recorded(migration)

        self.assertEqual((migration, future),
                         self.queue.waiting[migration.instance_uuid])
        self.assertEqual(2, len(self.queue))

    def test_duplicate_submit_is_refused_and_first_entry_kept(self):
        self.occupy_worker()
        first = new_migration()
        future = self.submit_recorded(first)
        second = Migration(str(uuid.uuid4()), first.instance_uuid)

        exc = self.assertRaises(lmq.LiveMigrationAlreadyQueued,
                                self.submit_recorded, second)

        self.assertIsInstance(exc, exception.LiveMigrationNotSubmitted)
        self.assertIn(first.uuid, exc.format_message())
        self.assertEqual((first, future),
                         self.queue.waiting[first.instance_uuid])

    def test_submit_after_shutdown_raises(self):
        self.queue.shutdown()

        self.assertRaises(exception.LiveMigrationQueueShutDown,
                          self.submit_recorded, new_migration())

    def test_entry_of_work_that_ends_without_mark_started_is_dropped(self):
        migration = new_migration()

        future = self.submit_and_wait_callbacks(migration, lambda: 'failed')

        self.assertEqual('failed', future.result(WAIT))
        self.assertNotIn(migration.instance_uuid, self.queue)

    def test_waiting_is_a_live_read_only_view(self):
        waiting = self.queue.waiting
        migration, gate, future = self.occupy_worker()

        self.assertEqual({migration.instance_uuid: (migration, future)},
                         dict(waiting))
        self.assertRaises(TypeError, operator.setitem, waiting, 'x', None)
        gate.release.set()
        future.result(WAIT)
        self.assertEqual({}, dict(waiting))

    def test_max_workers_below_one_is_the_callers_to_map(self):
        self.assertRaises(ValueError, lmq.LiveMigrationQueue, 0)


class ShutdownTest(QueueTestBase):

    def test_shutdown_returns_queued_without_waiting_for_running(self):
        running, gate, running_future = self.occupy_worker()
        queued = [new_migration(), new_migration()]
        futures = [self.submit_recorded(m) for m in queued]

        result = self.queue.shutdown()

        # Returned while the running job is still held at its gate.
        self.assertFalse(running_future.done())
        self.assertEqual(lmq.ShutdownResult(queued, [running]), result)
        self.assertTrue(all(f.cancelled() for f in futures))
        self.assertEqual(0, len(self.queue))
        gate.release.set()
        self.assertIs(False, running_future.result(WAIT))
        self.assertEqual([], self.ran)

    def test_second_shutdown_returns_nothing(self):
        self.occupy_worker()
        self.submit_recorded(new_migration())
        self.queue.shutdown()

        self.assertEqual(([], []), self.queue.shutdown())


class RaceTest(QueueTestBase):
    """Two callers released together; any order must leave one owner.

    The thread started last usually reaches the barrier last and goes on
    first, so alternating the start order exercises both interleavings.
    """

    ROUNDS = 10

    def _race(self, round_number, *actions):
        barrier, threads = threading.Barrier(len(actions)), []
        results = [None] * len(actions)

        def run(index, action):
            barrier.wait(WAIT)
            results[index] = action()

        for index, action in enumerate(actions):
            threads.append(threading.Thread(target=run, args=(index, action)))
        if round_number % 2:
            threads.reverse()
        for thread in threads:
            thread.start()
        self.join(threads)
        return results

    def test_submit_racing_cancel_leaves_entry_or_cancelled_future(self):
        self.occupy_worker()
        for round_number in range(self.ROUNDS):
            migration = new_migration()
            future, result = self._race(
                round_number,
                lambda: self.submit_recorded(migration),
                lambda: self.queue.cancel(migration.instance_uuid))
            if result.outcome is CancelOutcome.CANCELLED:
                self.assertEqual(migration, result.migration)
                self.assertTrue(future.cancelled())
                self.assertNotIn(migration.instance_uuid, self.queue)
            else:
                self.assertEqual(CancelOutcome.NOT_QUEUED, result.outcome)
                self.assertIs(future,
                              self.queue.waiting[migration.instance_uuid][1])

    def test_cancel_racing_shutdown_hands_entry_out_once(self):
        for round_number in range(self.ROUNDS):
            self.queue = lmq.LiveMigrationQueue(max_workers=1)
            self.addCleanup(self.queue.shutdown)
            self.occupy_worker()
            migration = new_migration()
            future = self.submit_recorded(migration)
            result, shutdown = self._race(
                round_number,
                lambda: self.queue.cancel(migration.instance_uuid),
                self.queue.shutdown)
            by_cancel = result.outcome is CancelOutcome.CANCELLED
            by_shutdown = migration in shutdown.cancelled
            self.assertTrue(by_cancel != by_shutdown, (result, shutdown))
            self.assertTrue(future.cancelled())


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = datetime.datetime(2026, 1, 1, 12, 0, 0)

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += datetime.timedelta(seconds=seconds)


class OrderTest(QueueTestBase):
    """The queue, not the executor, decides what runs next."""

    def queue_three(self):
        _busy, gate, _future = self.occupy_worker()
        waiting = [new_migration() for _ in range(3)]
        for migration in waiting:
            self.submit_recorded(migration)
        return gate, waiting

    def test_work_is_dispatched_only_when_a_slot_frees(self):
        gate, waiting = self.queue_three()

        snapshot = self.queue.snapshot()

        self.assertEqual(1, len(snapshot.dispatched))
        self.assertEqual(waiting, [m for m, _at in snapshot.waiting])
        self.run_after_queued(gate)
        self.assertEqual(waiting, self.ran[:3])

    def test_moved_job_runs_at_its_new_place(self):
        gate, (first, second, third) = self.queue_three()

        self.assertEqual(0, self.queue.move(third.instance_uuid, 0))
        self.assertEqual(2, self.queue.move(first.instance_uuid, 99))

        self.assertEqual([third, second, first],
                         [m for m, _at in self.queue.snapshot().waiting])
        self.run_after_queued(gate)
        self.assertEqual([third, second, first], self.ran[:3])

    def test_move_of_a_dispatched_job_is_refused(self):
        running, gate, _future = self.occupy_worker()

        self.assertRaises(exception.MigrationNotQueued,
                          self.queue.move, running.instance_uuid, 0)
        self.assertRaises(exception.MigrationNotQueued,
                          self.queue.move, new_migration().instance_uuid, 0)

    def test_cancelled_job_frees_no_slot_and_next_one_runs(self):
        gate, (first, second, third) = self.queue_three()

        self.queue.cancel(first.instance_uuid)
        self.run_after_queued(gate)

        self.assertEqual([second, third], self.ran[:2])


class CancelAllTest(QueueTestBase):

    def test_cancel_all_cancels_waiting_in_order_and_reports_started(self):
        running, gate, running_future = self.occupy_worker()
        waiting = [new_migration() for _ in range(3)]
        futures = [self.submit_recorded(m) for m in waiting]

        results = self.queue.cancel_all()

        self.assertEqual(
            [(CancelOutcome.CANCELLED, m) for m in waiting]
            + [(CancelOutcome.ALREADY_STARTED, running)], results)
        self.assertTrue(all(f.cancelled() for f in futures))
        self.assertEqual([], self.queue.cancel_all())
        gate.release.set()
        self.assertIs(False, running_future.result(WAIT))
        self.assertEqual([], self.ran)

    def test_cancel_all_racing_the_worker_hands_each_entry_out_once(self):
        """The worker freeing its slot and a drain, released together.

        Whatever the interleaving, each job has exactly one owner: a job
        the drain cancelled never runs, one it found started is told by
        ``mark_started`` to roll back, and one the drain did not see had
        taken its entry itself.
        """
        for _round in range(10):
            running, gate, future = self.occupy_worker()
            queued = new_migration()
            queued_future = self.queue.submit(
                queued, self.queue.mark_started, queued.instance_uuid)
            barrier, results = threading.Barrier(2), []

            def drain():
                barrier.wait(WAIT)
                results.extend(self.queue.cancel_all())

            thread = threading.Thread(target=drain)
            thread.start()
            barrier.wait(WAIT)
            gate.release.set()
            self.join([thread])
            outcomes = dict((r.migration, r.outcome) for r in results)
            self.assertEqual(len(results), len(outcomes))
            self.assertEqual(future.result(WAIT), running not in outcomes)
            if outcomes.get(queued) is CancelOutcome.CANCELLED:
                self.assertTrue(queued_future.cancelled())
            else:
                self.assertEqual(queued not in outcomes,
                                 queued_future.result(WAIT))
            self.assertEqual(0, len(self.queue))


class TimeoutTest(test.TestCase):

    def test_only_jobs_waiting_long_enough_are_reported(self):
        clock = FakeClock()
        queue = lmq.LiveMigrationQueue(max_workers=1, clock=clock)
        self.addCleanup(queue.shutdown)
        gate = Gate(queue)
        self.addCleanup(gate.release.set)
        busy = new_migration()
        queue.submit(busy, gate, busy.instance_uuid)
        self.assertTrue(gate.started.wait(WAIT))
        old = new_migration()
        queue.submit(old, lambda: None)
        clock.advance(40)
        young = new_migration()
        queue.submit(young, lambda: None)
        clock.advance(25)

        first = clock.now - datetime.timedelta(seconds=65)
        second = clock.now - datetime.timedelta(seconds=25)
        self.assertEqual([(old.instance_uuid, first)],
                         queue.waited_longer_than(60))
        self.assertEqual([(old.instance_uuid, first),
                          (young.instance_uuid, second)],
                         queue.waited_longer_than(25))
        self.assertEqual(clock.now - datetime.timedelta(seconds=65),
                         queue.snapshot().waiting[0][1])
