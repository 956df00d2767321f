"""The executor factory follows the backend and honours its bound.

Run under both NOVA_CONCURRENCY_BACKEND=eventlet and =threading; each run
checks the backend it is in.
"""

import threading

import ddt
import futurist

from nova import concurrency
from nova import monkey_patch
from nova import test

WAIT = 30
EVENTLET = monkey_patch.is_eventlet()


class BackendTest(test.TestCase):

    def test_process_runs_the_requested_backend(self):
        self.assertEqual(monkey_patch.requested_backend([]),
                         monkey_patch.active_backend())

    def test_rpc_executor_name_matches_backend(self):
        self.assertEqual(monkey_patch.active_backend(),
                         concurrency.rpc_executor_name())


@ddt.ddt
class MakeExecutorTest(test.TestCase):

    def _make(self, max_workers):
        executor = concurrency.make_executor(max_workers)
        self.addCleanup(executor.shutdown, wait=False)
        return executor

    def test_executor_is_green_under_eventlet(self):
        if not EVENTLET:
            self.skipTest('eventlet backend only')
        self.assertIsInstance(self._make(1),
                              futurist.GreenThreadPoolExecutor)

    def test_executor_is_native_under_threading(self):
        if EVENTLET:
            self.skipTest('threading backend only')
        executor = self._make(1)
        self.assertIsInstance(executor, futurist.ThreadPoolExecutor)
        self.assertNotIsInstance(executor, futurist.GreenThreadPoolExecutor)

    @ddt.data(0, -1)
    def test_fewer_than_one_worker_is_refused(self, max_workers):
        self.assertRaises(ValueError, concurrency.make_executor, max_workers)

    @ddt.data(1, 2, 3)
    def test_max_workers_bounds_concurrency(self, max_workers):
        executor = self._make(max_workers)
        release, started = threading.Event(), threading.Condition()
        self.addCleanup(release.set)
        count = [0]

        def job():
            with started:
                count[0] += 1
                started.notify_all()
            return release.wait(WAIT)

        futures = [executor.submit(job) for _ in range(max_workers + 2)]
        with started:
            self.assertTrue(started.wait_for(
                lambda: count[0] >= max_workers, WAIT))
            # Every worker is held by release, so no other job can start.
            self.assertEqual(max_workers, count[0])
        self.assertEqual([True] * max_workers + [False] * 2,
                         [f.running() for f in futures])

        release.set()

        self.assertEqual([True] * len(futures),
                         [f.result(WAIT) for f in futures])
        self.assertEqual(len(futures), count[0])


class SpawnTest(test.TestCase):

    def test_spawn_runs_function_in_background(self):
        go, done, seen = threading.Event(), threading.Event(), []

        def waiter(tag):
            seen.append((tag, go.wait(WAIT)))
            done.set()

        concurrency.spawn(waiter, 'bg')
        # Had spawn run waiter inline, it would have timed out before now.
        go.set()

        self.assertTrue(done.wait(WAIT))
        self.assertEqual([('bg', True)], seen)
