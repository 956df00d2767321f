"""What the queue resource shows: order, reasons, estimates and their notes.

A real ``LiveMigrationSource`` queue of one slot whose first job is held on
an Event, a clock moved by hand, and recent run times set directly: no
database, RPC or driver is reached by ``describe``.
"""

import collections
import datetime
import threading
import uuid

from nova.compute import live_migration
from nova.compute import live_migration_queue_ops as queue_ops
from nova import test

WAIT = 30
Migration = collections.namedtuple('Migration', [
    'id', 'uuid', 'instance_uuid', 'dest_compute', 'status'])


class Clock:
    def __init__(self):
        self.now = datetime.datetime(2026, 1, 1, 12, 0, 0)

    def __call__(self):
        return self.now


def _migration(number, status='queued'):
    return Migration(number, str(uuid.uuid4()), str(uuid.uuid4()),
                     'compute2', status)


def _at(clock, seconds):
    return (clock.now + datetime.timedelta(seconds=seconds)).strftime(
        '%Y-%m-%dT%H:%M:%S.%f')


class DescribeTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(max_concurrent_live_migrations=1)
        self.clock = Clock()
        self.source = live_migration.LiveMigrationSource('compute1', None,
                                                         None)
        self.source.queue.clock = self.clock
        self.addCleanup(self.source.queue.shutdown)
        self.ops = queue_ops.LiveMigrationQueueOps(self.source)
        release = threading.Event()
        started = threading.Event()
        self.addCleanup(release.set)

        def held():
            started.set()
            release.wait(WAIT)
        self.preparing = _migration(1, 'preparing')
        self.source.queue.submit(self.preparing, held)
        self.assertTrue(started.wait(WAIT))
        self.waiting = [_migration(2), _migration(3)]
        for migration in self.waiting:
            self.source.queue.submit(migration, lambda: None)

    def describe(self):
        return self.ops.describe(None)

    def test_order_and_reasons_without_history(self):
        queue = self.describe()

        self.assertEqual([(1, 1, 'preparing'), (2, 2, 'queued'),
                          (3, 3, 'queued')],
                         [(m['position'], m['migration_id'], m['status'])
                          for m in queue['migrations']])
        self.assertEqual(['destination compute2 preparing',
                          'source slot: 1 of 1 busy',
                          '1 queued ahead; source slot: 1 of 1 busy'],
                         [m['waiting_for'] for m in queue['migrations']])
        self.assertEqual((1, 1, 2), (queue['slots'], queue['running'],
                                     queue['queued']))
        self.assertIsNone(queue['estimated_drain_seconds'])
        self.assertEqual([None] * 3, [m['estimated_start']
                                      for m in queue['migrations']])

    def test_estimates_follow_the_slots_and_recent_run_times(self):
        self.source.run_times.append(60.0)

        queue = self.describe()

        self.assertEqual([None, _at(self.clock, 60), _at(self.clock, 120)],
                         [m['estimated_start'] for m in queue['migrations']])
        self.assertEqual([_at(self.clock, 60), _at(self.clock, 120),
                          _at(self.clock, 180)],
                         [m['estimated_end'] for m in queue['migrations']])
        self.assertEqual(180.0, queue['estimated_drain_seconds'])

    def test_an_earlier_estimate_says_why(self):
        self.source.run_times.append(60.0)
        self.describe()

        self.source.queue.move(self.waiting[1].instance_uuid, 0)
        moved, pushed = self.describe()['migrations'][1:]

        self.assertEqual(_at(self.clock, 60), moved['estimated_start'])
        self.assertIn('earlier than the %s shown before'
                      % _at(self.clock, 120), moved['estimate_note'])
        self.assertIsNone(pushed['estimate_note'])


class WordsTest(test.TestCase):

    def test_progress_counts_memory_and_disk(self):
        migration = collections.namedtuple('M', [
            'memory_total', 'memory_processed', 'disk_total',
            'disk_processed'])
        self.assertIsNone(queue_ops._progress(migration(None, None, None,
                                                        None)))
        self.assertEqual(25.0, queue_ops._progress(migration(100, 50, 100,
                                                             0)))
