"""A live migration's end and its revert as one transaction, per backend.

Either the migration ends and gives back its destination claim and the
instance's task state together, or (another writer ended it first)
nothing is written at all.
"""

import ddt

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
