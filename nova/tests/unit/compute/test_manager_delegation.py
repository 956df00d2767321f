"""The compute manager's live-migration entry points delegate, and record.

A real ``ComputeManager`` on the stub driver (what ``compute_driver``
would load) with its compute RPC client mocked: each RPC entry point must
reach the live-migration source, record its instance-action event and,
on failure, the instance fault; the lifecycle hooks must start the repair
and end every migration before the driver stops.
"""

import fixtures

from nova.compute import manager as compute_manager
from nova import exception
from nova.tests.unit.compute import live_migration_base as base

DEST = base.DEST
SOURCE = base.SOURCE


class ManagerTestCase(base.LiveMigrationTestCase):

    def setUp(self):
        super().setUp()
        self.flags(max_concurrent_live_migrations=1)
        self.driver = base.StubDriver()
        self.rpc = base.compute_rpc_mock()
        self.useFixture(fixtures.MockPatch(
            'nova.virt.driver.load_compute_driver',
            return_value=self.driver))
        self.useFixture(fixtures.MockPatch(
            'nova.compute.rpcapi.ComputeAPI', return_value=self.rpc))
        self.manager = compute_manager.ComputeManager(host=SOURCE)
        self.addCleanup(self._stop)

    def _stop(self):
        self.driver.release_all()
        queue = self.manager.live_migrations.queue
        queue.shutdown()
        self.assertTrue(queue.wait_idle(base.WAIT))

    def wait_idle(self):
        self.assertTrue(self.manager.live_migrations.queue.wait_idle(
            base.WAIT), 'a worker did not finish')

    def cast_live_migration(self, instance=None):
        """What the conductor casts, through the manager's entry point."""
        instance = instance or self.make_instance()
        migration = self.make_migration(instance)
        self.start_action(instance)
        self.manager.live_migration(self.ctxt, instance, DEST, False,
                                    migration, dict(base.CHECKED))
        return instance, migration

    def occupy_the_slot(self):
        self.driver.hold = True
        instance, migration = self.cast_live_migration()
        base.wait_for(self, self.driver.job(instance.uuid).entered)
        return instance, migration


class LiveMigrationEntryPointsTest(ManagerTestCase):

    def test_live_migration_queues_on_the_source_and_runs(self):
        instance, migration = self.cast_live_migration()
        self.wait_idle()

        self.assertEqual('completed', self.status(migration))
        self.assertEqual({'compute_live_migration': 'Success'},
                         self.events(instance))
        self.rpc.pre_live_migration.assert_called_once_with(
            self.ctxt, instance, False, base.CHECKED, host=DEST)

    def test_queued_migration_is_visible_in_the_waiting_view(self):
        self.occupy_the_slot()
        instance, migration = self.cast_live_migration()

        entry = self.manager._waiting_live_migrations[instance.uuid]
        self.assertEqual(migration.uuid, entry.migration.uuid)
        self.assertEqual('queued', self.status(migration))

    def test_abort_by_migration_id_cancels_a_queued_migration(self):
        self.occupy_the_slot()
        instance, migration = self.cast_live_migration()

        self.manager.live_migration_abort(self.ctxt, instance,
                                          migration_id=migration.id)

        self.assert_reverted(instance, migration, 'cancelled')
        self.assertEqual('Success',
                         self.events(instance)['compute_live_migration_abort'])

    def test_abort_in_the_driver_reaches_the_driver(self):
        instance, migration = self.occupy_the_slot()

        self.manager.live_migration_abort(self.ctxt, instance,
                                          migration=migration)
        self.wait_idle()

        self.assertEqual(1, len(self.driver.called('live_migration_abort')))
        self.assert_reverted(instance, migration, 'cancelled')

    def test_refused_abort_records_the_event_error_and_a_fault(self):
        instance, migration = self.cast_live_migration()
        self.wait_idle()

        self.assertRaises(exception.InvalidMigrationState,
                          self.manager.live_migration_abort, self.ctxt,
                          instance, migration_id=migration.id)

        self.assertEqual('Error',
                         self.events(instance)['compute_live_migration_abort'])
        fault = self.fault(instance)
        self.assertIn('cannot abort live migration', fault.message)
        self.assertEqual(SOURCE, fault.host)

    def test_force_complete_asks_the_driver(self):
        instance, migration = self.occupy_the_slot()

        self.manager.live_migration_force_complete(self.ctxt, instance,
                                                   migration)

        self.assertEqual([instance.uuid], [
            uuid for uuid, _d in
            self.driver.called('live_migration_force_complete')])
        self.assertEqual(
            'Success',
            self.events(instance)['compute_live_migration_force_complete'])

    def test_failed_intake_records_the_event_error_and_a_fault(self):
        self.manager.live_migrations.shutdown(self.ctxt, 0)
        instance = self.make_instance()

        self.assertRaises(exception.LiveMigrationNotSubmitted,
                          self.cast_live_migration, instance)

        self.assertEqual({'compute_live_migration': 'Error'},
                         self.events(instance))
        self.assertIn('shut down', self.fault(instance).message)


class LifecycleTest(ManagerTestCase):

    def test_init_host_starts_the_driver_and_repairs(self):
        instance = self.make_instance()
        migration = self.make_migration(instance, status='preparing')

        self.manager.init_host()

        self.assertEqual([('init_host', SOURCE, {})],
                         self.driver.calls[:1])
        self.assert_reverted(instance, migration, 'cancelled')
        self.rpc.rollback_live_migration_at_destination.assert_called_once()

    def test_cleanup_host_ends_migrations_before_the_driver_stops(self):
        running, running_migration = self.occupy_the_slot()
        queued, queued_migration = self.cast_live_migration()

        self.manager.cleanup_host()

        self.assert_reverted(running, running_migration, 'cancelled')
        self.assert_reverted(queued, queued_migration, 'cancelled')
        names = [name for name, _uuid, _d in self.driver.calls]
        self.assertEqual('cleanup_host', names[-1])
        self.assertIn('live_migration_abort', names)

    def test_delete_ends_a_queued_migration_first(self):
        self.occupy_the_slot()
        instance, migration = self.cast_live_migration()
        instance.task_state = 'deleting'
        instance.save()

        self.manager.terminate_instance(self.ctxt, instance)

        self.assertEqual('cancelled', self.status(migration))
        self.assertEqual([], self.held_on(migration.uuid))
        self.assertEqual([], self.held_on(instance.uuid))
        self.assertEqual([instance.uuid], [
            uuid for uuid, _d in self.driver.called('destroy')])
        self.assertRaises(exception.InstanceNotFound,
                          self.task_state, instance)

    def test_periodic_expiry_is_scheduled(self):
        tasks = [fn for fn, _interval in self.manager.periodic_tasks()]
        self.assertIn(self.manager.expire_queued_live_migrations, tasks)
