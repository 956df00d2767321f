"""Repair at start: each unfinished status a killed source left behind.

The repair runs over a real source (queue and all) and destination with
the stub driver and a mocked compute RPC client; the database rows it
leaves are what the tests check.
"""

import ddt

from nova.compute import live_migration
from nova.compute import live_migration_dest
from nova.compute import live_migration_repair
from nova import objects
from nova.tests.unit.compute import live_migration_base as base

DEST = base.DEST
SOURCE = base.SOURCE


class RepairTestBase(base.LiveMigrationTestCase):

    def setUp(self):
        super().setUp()
        self.driver = base.StubDriver()
        self.rpc = base.compute_rpc_mock()
        self.source = live_migration.LiveMigrationSource(
            SOURCE, self.driver, self.rpc)
        self.addCleanup(self._stop_source)
        self.destination = live_migration_dest.LiveMigrationDestination(
            SOURCE, self.driver, self.rpc)

    def _stop_source(self):
        self.driver.release_all()
        self.source.queue.shutdown()
        self.assertTrue(self.source.queue.wait_idle(base.WAIT))

    def repair(self):
        live_migration_repair.LiveMigrationRepair(
            self.source, self.destination).run(self.ctxt)

    def left(self, status):
        instance = self.make_instance()
        return instance, self.make_migration(instance, status=status)

    def told_to_forget(self):
        return [c.args[1].uuid for c in self.rpc.
                rollback_live_migration_at_destination.call_args_list]


@ddt.ddt
class RepairTest(RepairTestBase):

    def test_queued_is_cancelled_without_asking_the_destination(self):
        instance, migration = self.left('queued')
        self.repair()

        self.assert_reverted(instance, migration, 'cancelled')
        self.assertEqual([], self.told_to_forget())

    def test_preparing_is_cancelled_and_the_destination_told(self):
        instance, migration = self.left('preparing')
        self.repair()

        self.assert_reverted(instance, migration, 'cancelled')
        self.assertEqual([instance.uuid], self.told_to_forget())
        self.assertEqual([], self.driver.called('live_migration_abort'))

    def test_running_on_the_source_is_aborted_and_ends_in_error(self):
        instance, migration = self.left('running')
        self.repair()

        self.assert_reverted(instance, migration, 'error')
        self.assertEqual([instance.uuid], [
            uuid for uuid, _d in self.driver.called('live_migration_abort')])
        self.assertEqual([instance.uuid], self.told_to_forget())

    def test_running_already_on_the_destination_is_completed(self):
        instance, migration = self.left('running')
        # The destination adopted it before the source was killed.
        instance.host = instance.node = DEST
        instance.task_state = None
        instance.save()
        self.repair()

        self.assertEqual('completed', self.status(migration))
        self.assertEqual([DEST], self.held_on(instance.uuid))
        self.assertEqual([], self.held_on(migration.uuid))
        self.assertEqual([], self.driver.called('live_migration_abort'))
        self.assertEqual([], self.told_to_forget())

    def test_accepted_belongs_to_the_conductor(self):
        instance, migration = self.left('accepted')
        self.repair()

        self.assertEqual('accepted', self.status(migration))
        self.assertEqual([DEST], self.held_on(migration.uuid))
        self.assertEqual('migrating', self.task_state(instance))

    @ddt.data('queued', 'preparing', 'running')
    def test_migration_of_a_deleted_server_ends_in_error(self, status):
        instance, migration = self.left(status)
        instance.destroy()
        self.repair()

        self.assertEqual('error', self.status(migration))
        self.assertEqual([], self.held_on(migration.uuid))

    @ddt.data('completed', 'failed', 'error', 'cancelled')
    def test_final_migrations_are_left_alone(self, status):
        instance, migration = self.left(status)
        self.repair()

        self.assertEqual(status, self.status(migration))
        self.assertEqual([DEST], self.held_on(migration.uuid))
        self.assertEqual([], self.told_to_forget())

    def test_migrations_of_other_sources_are_not_touched(self):
        instance, migration = self.left('queued')
        migration.source_compute = 'elsewhere'
        migration.save()
        self.repair()

        self.assertEqual('queued', self.status(migration))

    def test_migrating_server_without_a_migration_is_given_back(self):
        """The API's 202 was sent; the conductor never wrote a migration."""
        instance = self.make_instance()
        self.start_action(instance)
        self.repair()

        self.assertIsNone(self.task_state(instance))
        self.assertEqual(
            {live_migration_repair.REPAIR_EVENT: 'Error'},
            self.events(instance))
        self.assertIn(instance.uuid, self.fault(instance).message)

    def test_prepared_guest_of_an_ended_migration_is_forgotten(self):
        gone = 'b1a7c0e4-44b8-4f36-9f0e-5d1b0d7d3f21'
        self.driver.incoming = [gone]
        self.repair()

        self.assertEqual([gone], [uuid for uuid, _d in self.driver.called(
            'rollback_live_migration_at_destination')])


class ResumeAtStartTest(RepairTestBase):
    """``[compute] live_migration_queue_on_start = resume``."""

    def setUp(self):
        super().setUp()
        self.flags(live_migration_queue_on_start='resume', group='compute')

    def test_queued_runs_again_after_the_destination_rechecks(self):
        instance = self.make_instance()
        migration = self.make_migration(instance, status='queued')
        self.repair()
        self.assertTrue(self.source.queue.wait_idle(base.WAIT))

        [call] = self.rpc.check_can_live_migrate_destination.call_args_list
        self.assertEqual((instance.uuid, DEST, False),
                         (call.args[1].uuid,) + call.args[2:])
        self.assertEqual('completed', self.status(migration))

    def test_queued_to_a_down_destination_is_cancelled_with_a_reason(self):
        service = objects.Service.get_by_compute_host(self.ctxt, DEST)
        service.forced_down = True
        service.save()
        instance = self.make_instance()
        migration = self.make_migration(instance, status='queued')
        self.repair()

        self.assert_reverted(instance, migration, 'cancelled')
        self.assertIn('destination %s is down' % DEST,
                      self.fault(instance).message)
        self.rpc.pre_live_migration.assert_not_called()

    def test_queued_whose_claim_is_gone_is_cancelled(self):
        instance = self.make_instance()
        migration = self.make_migration(instance, status='queued',
                                        claim=False)
        self.repair()

        self.assert_reverted(instance, migration, 'cancelled')
        self.assertIn('no longer held', self.fault(instance).message)
