"""A live migration's end and its revert as one transaction, per backend.

Either the migration ends and gives back its destination claim and the
instance's task state together, or (another writer ended it first)
nothing is written at all.
"""

import ddt
import fixtures
from oslo_utils import timeutils

from nova.db.main import actions
from nova.db.main import allocations
from nova.db.main import instances
from nova.db.main import migration_outcomes
from nova.db.main import migration_records
from nova import exception
from nova.tests.unit import db as db_tests
from nova.tests.unit.db import test_db_api

FROM_LIVE = ('accepted', 'queued', 'preparing', 'running')


@ddt.ddt
class LiveMigrationRevertTestCase(test_db_api.DbTestCase):

    def _held(self, status='queued', task_state='migrating'):
        node = self._node('host2')
        instance = self._instance(task_state=task_state)
        migration = self._migration(instance_uuid=instance.uuid,
                                    status=status)
        allocations.allocation_claim(self.ctxt, migration.uuid, node.id,
                                     {'VCPU': 1, 'MEMORY_MB': 512})
        return instance, migration

    def _revert(self, migration, status='cancelled', **kwargs):
        return migration_outcomes.live_migration_revert(
            self.ctxt, migration.id, status, FROM_LIVE, 'migrating',
            **kwargs)

    def _state(self, instance, migration):
        return (migration_records.migration_get(self.ctxt,
                                                migration.id).status,
                instances.instance_get_by_uuid(self.ctxt,
                                               instance.uuid).task_state,
                allocations.allocation_get_by_consumer(self.ctxt,
                                                       migration.uuid) != {})

    @ddt.data(*db_tests.BACKENDS)
    def test_ends_releases_and_clears_together(self, backend):
        self.use_backend(backend)
        instance, migration = self._held()
        row, cleared = self._revert(migration)
        self.assertEqual(('cancelled', True), (row.status, cleared))
        self.assertEqual(('cancelled', None, False),
                         self._state(instance, migration))

    @ddt.data(*db_tests.BACKENDS)
    def test_migration_ended_by_another_writer_changes_nothing(self,
                                                               backend):
        self.use_backend(backend)
        instance, migration = self._held(status='completed')
        exc = self.assertRaises(exception.InvalidMigrationTransition,
                                self._revert, migration)
        self.assertIn('completed', str(exc))
        self.assertEqual(('completed', 'migrating', True),
                         self._state(instance, migration))

    @ddt.data(*db_tests.BACKENDS)
    def test_instance_already_on_the_destination_is_not_reverted(
            self, backend):
        """Its post ran and the answer was lost: it must complete."""
        self.use_backend(backend)
        instance, migration = self._held(status='running')
        instances.instance_update(self.ctxt, instance.uuid,
                                  {'host': 'host2', 'task_state': None})
        exc = self.assertRaises(exception.LiveMigrationTookPlace,
                                self._revert, migration, status='error')
        self.assertIn('host2', str(exc))
        self.assertEqual(('running', None, True),
                         self._state(instance, migration))

    @ddt.data(*db_tests.BACKENDS)
    def test_instance_no_longer_migrating_is_left_alone(self, backend):
        self.use_backend(backend)
        instance, migration = self._held(task_state='deleting')
        row, cleared = self._revert(migration, status='error')
        self.assertFalse(cleared)
        self.assertEqual(('error', 'deleting', False),
                         self._state(instance, migration))

    @ddt.data(*db_tests.BACKENDS)
    def test_claim_can_be_kept(self, backend):
        self.use_backend(backend)
        instance, migration = self._held()
        self._revert(migration, status='error', release_claim=False)
        self.assertEqual(('error', None, True),
                         self._state(instance, migration))

    def test_unknown_migration(self):
        self.use_backend('sqlite')
        self.assertRaises(exception.MigrationNotFound,
                          migration_outcomes.live_migration_revert,
                          self.ctxt, 4242, 'cancelled', FROM_LIVE,
                          'migrating')


@ddt.ddt
class LiveMigrationsRevertTestCase(test_db_api.DbTestCase):
    """The set-based revert of many (a drain), chunk boundaries included."""

    def setUp(self):
        super().setUp()
        # Two ids per IN (...), so five migrations span three chunks.
        self.useFixture(fixtures.MonkeyPatch('nova.db.main.api.CHUNK', 2))

    _state = LiveMigrationRevertTestCase._state

    def _held(self, status='queued', task_state='migrating'):
        node = self._node('host2', vcpus=16, memory_mb=16384)
        instance = self._instance(task_state=task_state)
        migration = self._migration(instance_uuid=instance.uuid,
                                    status=status)
        allocations.allocation_claim(self.ctxt, migration.uuid, node.id,
                                     {'VCPU': 1, 'MEMORY_MB': 512})
        return instance, migration

    @ddt.data(*db_tests.BACKENDS)
    def test_ends_releases_and_clears_only_what_may_move(self, backend):
        self.use_backend(backend)
        held = [self._held() for _ in range(3)]
        held.append(self._held(status='preparing'))
        done = self._held(status='completed')
        busy = self._held(task_state='deleting')
        ids = [m.id for _i, m in held + [done, busy]]

        rows, cleared = migration_outcomes.live_migrations_revert(
            self.ctxt, ids, 'cancelled', FROM_LIVE, 'migrating')

        self.assertEqual(sorted(m.id for _i, m in held + [busy]),
                         sorted(row.id for row in rows))
        self.assertEqual({'cancelled'}, {row.status for row in rows})
        self.assertEqual(sorted(i.uuid for i, _m in held), sorted(cleared))
        for instance, migration in held:
            self.assertEqual(('cancelled', None, False),
                             self._state(instance, migration))
        self.assertEqual(('completed', 'migrating', True),
                         self._state(*done))
        self.assertEqual(('cancelled', 'deleting', False),
                         self._state(*busy))

    def test_nothing_to_do(self):
        self.use_backend('sqlite')
        self.assertEqual(([], []), migration_outcomes.live_migrations_revert(
            self.ctxt, [], 'cancelled', FROM_LIVE, 'migrating'))

    @ddt.data(*db_tests.BACKENDS)
    def test_queue_positions_are_written_for_queued_ones_only(self,
                                                              backend):
        self.use_backend(backend)
        queued = [self._migration() for _ in range(4)]
        started = self._migration(status='preparing')
        order = [queued[3], queued[0], started, queued[2], queued[1]]

        migration_outcomes.set_queue_positions(self.ctxt,
                                               [m.id for m in order])

        self.assertEqual(
            [1, 2, None, 4, 5],
            [migration_records.migration_get(self.ctxt, m.id).queue_position
             for m in order])


@ddt.ddt
class ActionsRecordFinishedTestCase(test_db_api.DbTestCase):

    @ddt.data(*db_tests.BACKENDS)
    def test_one_action_event_and_fault_each_deleted_ones_skipped(
            self, backend):
        self.use_backend(backend)
        kept = [self._instance() for _ in range(2)]
        gone = self._instance()
        instances.instance_destroy(self.ctxt, gone.uuid)
        now = timeutils.utcnow()
        fault = {'code': 500, 'message': 'waited too long', 'details': 'x',
                 'host': 'host1'}

        recorded = actions.actions_record_finished(
            self.ctxt, [i.uuid for i in kept] + [gone.uuid],
            {'action': 'live_migration_cancel', 'request_id': 'req-1',
             'start_time': now},
            {'event': 'drain', 'start_time': now, 'finish_time': now,
             'result': 'Success', 'host': 'host1'},
            {kept[1].uuid: fault, gone.uuid: fault})

        self.assertEqual([i.uuid for i in kept], recorded)
        for instance in kept:
            action, = actions.actions_get(self.ctxt, instance.uuid)
            self.assertEqual(('live_migration_cancel', 'req-1'),
                             (action.action, action.request_id))
            event, = actions.action_events_get(self.ctxt, action.id)
            self.assertEqual(('drain', 'Success'), (event.event,
                                                    event.result))
        self.assertEqual([], actions.actions_get(self.ctxt, gone.uuid))
        faults = instances.instance_fault_get_by_instance_uuids(
            self.ctxt, [i.uuid for i in kept] + [gone.uuid])
        self.assertEqual(['waited too long'],
                         [f.message for f in faults[kept[1].uuid]])
        self.assertEqual([], faults.get(kept[0].uuid, []))
        self.assertEqual([], faults.get(gone.uuid, []))
