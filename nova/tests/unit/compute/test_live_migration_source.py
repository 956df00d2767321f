"""The source side of live migration: each queue outcome, handoff, shutdown.

A real ``LiveMigrationSource`` and queue over the stub driver and a mocked
compute RPC client, on a real database: every test ends by reading the
migration's status, the claims and the task state back from it.
"""

from nova.compute import live_migration
from nova import exception
from nova.tests.unit.compute import live_migration_base as base

CHECKED = base.CHECKED
DEST = base.DEST
SOURCE = base.SOURCE
PREPARED = dict(CHECKED, prepared_on=DEST)


class SourceTestCase(base.LiveMigrationTestCase):
    """One slot unless a test class says otherwise."""

    slots = 1

    def setUp(self):
        super().setUp()
        self.flags(max_concurrent_live_migrations=self.slots)
        self.driver = base.StubDriver()
        self.rpc = base.compute_rpc_mock()
        self.source = live_migration.LiveMigrationSource(
            SOURCE, self.driver, self.rpc)
        self.addCleanup(self._stop_source)

    def _stop_source(self):
        self.driver.release_all()
        self.source.queue.shutdown()
        self.assertTrue(self.source.queue.wait_idle(base.WAIT))

    def start(self):
        """A migration the conductor accepted, cast here."""
        instance = self.make_instance()
        migration = self.make_migration(instance)
        self.source.enqueue(self.ctxt, instance, DEST, False, migration,
                            dict(CHECKED))
        return instance, migration

    def wait_idle(self):
        self.assertTrue(self.source.queue.wait_idle(base.WAIT),
                        'a worker did not finish')

    def in_driver(self, instance):
        """Wait until the driver holds the instance's migration."""
        base.wait_for(self, self.driver.job(instance.uuid).entered)

    def hold_preparing(self, result=None):
        """The destination's pre_live_migration blocks until released."""
        gate = base.Gate(dict(PREPARED) if result is None else result)
        self.rpc.pre_live_migration.side_effect = gate
        self.addCleanup(gate.release.set)
        return gate

    def prepared_for(self):
        return [c.args[1].uuid for c in
                self.rpc.pre_live_migration.call_args_list]

    def assert_rolled_back_at_destination(self, instance, migrate_data):
        rollback = self.rpc.rollback_live_migration_at_destination
        rollback.assert_called_once_with(self.ctxt, instance, DEST,
                                         migrate_data)


class QueueOutcomeTest(SourceTestCase):

    def test_free_slot_runs_and_completes(self):
        instance, migration = self.start()
        self.wait_idle()

        self.assertEqual('completed', self.status(migration))
        self.rpc.pre_live_migration.assert_called_once_with(
            self.ctxt, instance, False, CHECKED, host=DEST)
        [(uuid, details)] = self.driver.called('live_migration')
        self.assertEqual((instance.uuid, DEST, PREPARED),
                         (uuid, details['dest'], details['migrate_data']))
        self.assertEqual(1, self.source.queue.slots)
        self.assertEqual(1, len(self.source.run_times))
        self.rpc.rollback_live_migration_at_destination.assert_not_called()

    def test_progress_is_recorded_on_the_migration(self):
        _instance, migration = self.start()
        self.wait_idle()

        migration.refresh()
        self.assertEqual(base.PROGRESS, (
            migration.memory_total, migration.memory_processed,
            migration.memory_remaining, migration.disk_total,
            migration.disk_processed, migration.disk_remaining))

    def test_busy_slot_queues_then_runs_in_order(self):
        self.driver.hold = True
        first, first_migration = self.start()
        self.in_driver(first)
        second, second_migration = self.start()

        self.assertEqual('running', self.status(first_migration))
        self.assertEqual('queued', self.status(second_migration))
        self.assertEqual([first.uuid], self.prepared_for())
        self.assertIn(second.uuid, self.source.queue.waiting)

        self.driver.release_all()
        self.driver.job(second.uuid).release.set()
        self.wait_idle()

        self.assertEqual(['completed', 'completed'],
                         [self.status(first_migration),
                          self.status(second_migration)])
        self.assertEqual([first.uuid, second.uuid], self.prepared_for())

    def test_abort_while_queued_cancels_and_the_work_never_runs(self):
        self.driver.hold = True
        first, first_migration = self.start()
        self.in_driver(first)
        second, second_migration = self.start()

        self.source.abort(self.ctxt, second, second_migration)

        self.assert_reverted(second, second_migration, 'cancelled')
        self.assertNotIn(second.uuid, self.source.queue.waiting)
        self.driver.release_all()
        self.wait_idle()
        self.assertEqual('completed', self.status(first_migration))
        self.assertEqual([first.uuid], self.prepared_for())
        self.assertEqual([first.uuid], [
            uuid for uuid, _d in self.driver.called('live_migration')])
        # Nothing was prepared for it: the destination is not told.
        self.rpc.rollback_live_migration_at_destination.assert_not_called()

    def test_abort_while_preparing_rolls_back_once_prepared(self):
        gate = self.hold_preparing()
        instance, migration = self.start()
        base.wait_for(self, gate.entered)
        self.assertEqual('preparing', self.status(migration))

        self.source.abort(self.ctxt, instance, migration)
        # The worker owns it now: nothing changes until it is back.
        self.assertEqual('preparing', self.status(migration))
        gate.release.set()
        self.wait_idle()

        self.assert_reverted(instance, migration, 'cancelled')
        self.assert_rolled_back_at_destination(instance, PREPARED)
        self.assertEqual([], self.driver.called('live_migration'))

    def test_pre_live_migration_failure_fails_with_a_fault(self):
        self.rpc.pre_live_migration.side_effect = exception.MigrationError(
            reason='no room for the disk')
        instance, migration = self.start()
        self.wait_idle()

        self.assert_reverted(instance, migration, 'failed')
        self.assertIn('no room for the disk', self.fault(instance).message)
        self.assertEqual(SOURCE, self.fault(instance).host)
        self.assert_rolled_back_at_destination(instance, CHECKED)
        self.assertEqual([], self.driver.called('live_migration'))

    def test_driver_failure_fails_and_rolls_back(self):
        self.driver.outcome = 'failed'
        instance, migration = self.start()
        self.wait_idle()

        self.assert_reverted(instance, migration, 'failed')
        self.assert_rolled_back_at_destination(instance, PREPARED)
        self.assertEqual([], self.driver.called(
            'post_live_migration_at_source'))
        self.rpc.post_live_migration_at_destination.assert_not_called()

    def test_driver_raising_ends_in_error_with_a_fault(self):
        self.driver.outcome = exception.MigrationError(reason='guest crashed')
        instance, migration = self.start()
        self.wait_idle()

        self.assert_reverted(instance, migration, 'error')
        self.assertIn('guest crashed', self.fault(instance).message)
        self.assertEqual([(instance.uuid, DEST)], [
            (c.args[1].uuid, c.args[2]) for c in
            self.rpc.rollback_live_migration_at_destination.call_args_list])

    def test_abort_in_the_driver_goes_through_the_driver(self):
        self.driver.hold = True
        instance, migration = self.start()
        self.in_driver(instance)

        self.source.abort(self.ctxt, instance, migration)
        self.wait_idle()

        self.assertEqual([instance.uuid], [
            uuid for uuid, _d in self.driver.called('live_migration_abort')])
        self.assert_reverted(instance, migration, 'cancelled')
        self.assert_rolled_back_at_destination(instance, PREPARED)

    def test_abort_before_the_driver_registered_is_delivered_later(self):
        """The driver refuses the abort (Conflict); progress delivers it."""
        self.driver.hold = True
        self.driver.register_late = True
        instance, migration = self.start()
        self.in_driver(instance)

        self.source.abort(self.ctxt, instance, migration)
        self.assertEqual('running', self.status(migration))
        self.driver.release_all()
        self.wait_idle()

        self.assertEqual(2, len(self.driver.called('live_migration_abort')))
        self.assert_reverted(instance, migration, 'cancelled')

    def test_abort_of_an_ended_migration_is_refused(self):
        instance, migration = self.start()
        self.wait_idle()
        migration.refresh()

        self.assertRaises(exception.InvalidMigrationState,
                          self.source.abort, self.ctxt, instance, migration)
        self.assertEqual('completed', self.status(migration))

    def test_resumed_migration_asks_the_destination_again(self):
        instance = self.make_instance()
        migration = self.make_migration(instance, status='queued')

        self.source.resume(self.ctxt, instance, migration)
        self.wait_idle()

        self.rpc.check_can_live_migrate_destination.assert_called_once_with(
            self.ctxt, instance, DEST, False)
        self.rpc.pre_live_migration.assert_called_once_with(
            self.ctxt, instance, False, CHECKED, host=DEST)
        self.assertEqual('completed', self.status(migration))

    def test_intake_after_shutdown_ends_the_migration_in_error(self):
        self.source.shutdown(self.ctxt, 0)
        instance = self.make_instance()
        migration = self.make_migration(instance)

        self.assertRaises(exception.LiveMigrationNotSubmitted,
                          self.source.enqueue, self.ctxt, instance, DEST,
                          False, migration, dict(CHECKED))
        self.assert_reverted(instance, migration, 'error')
        self.rpc.pre_live_migration.assert_not_called()


class HandoffTest(SourceTestCase):
    """The driver moved the guest: the destination takes the instance."""

    def test_post_switches_the_claims_to_the_destination(self):
        instance, migration = self.start()
        self.wait_idle()

        self.assertEqual([instance.uuid], [
            uuid for uuid, _d in
            self.driver.called('post_live_migration_at_source')])
        self.rpc.post_live_migration_at_destination.assert_called_once()
        args = self.rpc.post_live_migration_at_destination.call_args.args
        self.assertEqual((self.ctxt, instance, False, DEST),
                         tuple(args[:4]))
        self.assertEqual(migration.uuid, args[4].uuid)
        self.assertEqual('completed', self.status(migration))
        self.assertEqual([DEST], self.held_on(instance.uuid))
        self.assertEqual([], self.held_on(migration.uuid))

    def test_destination_refusing_the_handoff_ends_in_error(self):
        self.rpc.post_live_migration_at_destination.side_effect = (
            exception.MigrationError(reason='destination gone'))
        instance, migration = self.start()
        self.wait_idle()

        self.assert_reverted(instance, migration, 'error')
        self.assertIn('destination gone', self.fault(instance).message)
        self.assertEqual(0, len(self.source.run_times))


class DeleteTest(SourceTestCase):
    """``end_for_delete``: the server goes, its migration ends first."""

    def test_queued_migration_is_cancelled_at_once(self):
        self.driver.hold = True
        first, _first_migration = self.start()
        self.in_driver(first)
        second, second_migration = self.start()

        self.assertTrue(self.source.end_for_delete(self.ctxt, second,
                                                   base.WAIT))
        self.assertEqual('cancelled', self.status(second_migration))
        self.assertEqual([], self.held_on(second_migration.uuid))

    def test_running_migration_is_aborted_and_waited_for(self):
        self.driver.hold = True
        instance, migration = self.start()
        self.in_driver(instance)

        self.assertTrue(self.source.end_for_delete(self.ctxt, instance,
                                                   base.WAIT))
        self.assertEqual('cancelled', self.status(migration))
        self.assertEqual(1, len(self.driver.called('live_migration_abort')))


class ShutdownTest(SourceTestCase):
    """``cleanup_host``: nothing is left non-final by a clean stop."""

    slots = 2

    def test_queued_cancelled_and_running_aborted(self):
        self.driver.hold = True
        running = [self.start() for _i in range(2)]
        for instance, _migration in running:
            self.in_driver(instance)
        queued, queued_migration = self.start()

        result = self.source.shutdown(self.ctxt, base.WAIT)

        self.assertEqual([queued_migration.uuid],
                         [m.uuid for m in result.cancelled])
        self.assert_reverted(queued, queued_migration, 'cancelled')
        for instance, migration in running:
            self.assert_reverted(instance, migration, 'cancelled')
        self.assertEqual(sorted(i.uuid for i, _m in running), sorted(set(
            uuid for uuid, _d in self.driver.called('live_migration_abort'))))
        self.assertEqual([i.uuid for i, _m in running], self.prepared_for())

    def test_stuck_migrations_are_ended_after_the_grace_period(self):
        """A driver that ignores the abort, a destination that never answers.

        The one in the driver ends ``error``, the one still preparing
        ``cancelled``; both give back their claim and task state and the
        destination is told to forget them.
        """
        self.driver.hold = True
        self.driver.ignore_abort = True
        in_driver, in_driver_migration = self.start()
        self.in_driver(in_driver)
        gate = self.hold_preparing()
        preparing, preparing_migration = self.start()
        base.wait_for(self, gate.entered)

        self.source.shutdown(self.ctxt, 0)

        self.assert_reverted(in_driver, in_driver_migration, 'error')
        self.assert_reverted(preparing, preparing_migration, 'cancelled')
        told = [c.args[1].uuid for c in self.rpc.
                rollback_live_migration_at_destination.call_args_list]
        self.assertEqual(sorted([in_driver.uuid, preparing.uuid]),
                         sorted(told))

        # The late workers find them ended and change nothing.
        self.driver.job(in_driver.uuid).aborted = True
        self.driver.release_all()
        gate.release.set()
        self.wait_idle()
        self.assertEqual(['error', 'cancelled'],
                         [self.status(in_driver_migration),
                          self.status(preparing_migration)])
        self.assertEqual(1, len(self.driver.called('live_migration')))
