"""The simulating driver: guests, capacity, live migration and test hooks.

Races are held with the driver's own gates and ``threading.Event``; no test
sleeps or depends on how long anything takes.
"""

import types

from oslo_utils import uuidutils

from nova.compute import power_state
from nova import concurrency
from nova import exception
from nova import test
from nova.tests.fixtures import driver_hooks
from nova.virt import driver
from nova.virt import fake

CONTEXT = object()
RESULT_TIMEOUT = 30


def make_instance(memory_mb=1024, vcpus=2, root_gb=10, ephemeral_gb=0,
                  **extra):
    return types.SimpleNamespace(uuid=uuidutils.generate_uuid(),
                                 memory_mb=memory_mb, vcpus=vcpus,
                                 root_gb=root_gb, ephemeral_gb=ephemeral_gb,
                                 **extra)


class MigrationRecorder:
    """Stands in for the compute manager's live-migration callbacks."""

    def __init__(self):
        self.posts = []
        self.recovers = []
        self.progress = []

    def post(self, context, instance, dest, block_migration, migrate_data):
        self.posts.append((instance.uuid, dest, block_migration,
                           migrate_data))

    def recover(self, context, instance, dest, migrate_data,
                migration_status):
        self.recovers.append((instance.uuid, dest, migration_status))

    def report(self, *values):
        self.progress.append(values)


class FakeDriverTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(driver_hooks.DriverHooks())
        self.driver = fake.FakeDriver(virtapi=None, host='src')
        self.recorder = MigrationRecorder()
        self.executor = concurrency.make_executor(2)
        # Idle workers notice a shutdown only after futurist's idle poll;
        # every test has collected its futures, so do not wait for them.
        self.addCleanup(self.executor.shutdown, wait=False)
        # Runs before the shutdown above, so no worker stays held.
        self.addCleanup(self.driver.hooks.clear)

    def migrate(self, instance, **kwargs):
        """Run a live migration to ``dest`` in this thread."""
        self.driver.live_migration(
            CONTEXT, instance, 'dest', self.recorder.post,
            self.recorder.recover, progress_method=self.recorder.report,
            **kwargs)

    def migrate_in_background(self, instance, **kwargs):
        return self.executor.submit(self.migrate, instance, **kwargs)

    def held_migration(self, point, instance):
        """Start a migration of ``instance`` and hold it at ``point``."""
        gate = self.driver.hooks.gate(point)
        future = self.migrate_in_background(instance)
        gate.wait_started()
        return gate, future

    def assertCancelled(self, instance):
        self.assertEqual([], self.recorder.posts)
        self.assertEqual([(instance.uuid, 'dest', fake.CANCELLED)],
                         self.recorder.recovers)

    def assertCompleted(self, instance):
        self.assertEqual([], self.recorder.recovers)
        self.assertEqual([(instance.uuid, 'dest', False, None)],
                         self.recorder.posts)


class GuestsAndResourcesTestCase(FakeDriverTestBase):

    def test_spawn_runs_guest(self):
        instance = make_instance()
        self.driver.spawn(CONTEXT, instance)
        self.assertEqual([instance.uuid], self.driver.list_instance_uuids())
        self.assertEqual(power_state.RUNNING, self.driver.get_info(instance))

    def test_destroy_forgets_guest_and_tolerates_a_missing_one(self):
        instance = make_instance()
        self.driver.spawn(CONTEXT, instance)
        self.driver.destroy(CONTEXT, instance)
        self.driver.destroy(CONTEXT, instance)
        self.assertEqual([], self.driver.list_instance_uuids())
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.get_info, instance)

    def test_resources_come_from_options_and_running_guests(self):
        self.flags(vcpus=8, memory_mb=4096, local_gb=100, group='fake')
        self.driver.spawn(CONTEXT, make_instance(1024, 2, 10, 5))
        flavor = types.SimpleNamespace(memory_mb=512, vcpus=1, root_gb=20)
        self.driver.spawn(CONTEXT, make_instance(None, None, None,
                                                 None, flavor=flavor))
        resources = self.driver.get_available_resource('src')
        self.assertEqual(
            {'vcpus': 8, 'memory_mb': 4096, 'local_gb': 100,
             'vcpus_used': 3, 'memory_mb_used': 1536, 'local_gb_used': 35,
             'disk_available_least': 65, 'running_vms': 2,
             'hypervisor_type': 'fake', 'hypervisor_hostname': 'src'},
            {key: resources[key] for key in (
                'vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'disk_available_least',
                'running_vms', 'hypervisor_type', 'hypervisor_hostname')})

    def test_node_is_the_host_given_to_init_host(self):
        unnamed = fake.FakeDriver(virtapi=None)
        unnamed.init_host('cmp-07')
        self.assertEqual(['cmp-07'], unnamed.get_available_nodes())

    def test_drivers_do_not_share_guests(self):
        other = fake.FakeDriver(virtapi=None, host='other')
        self.driver.spawn(CONTEXT, make_instance())
        self.assertEqual([], other.list_instance_uuids())


class InstantLiveMigrationTestCase(FakeDriverTestBase):

    def test_zero_bandwidth_completes_at_once_with_one_post(self):
        instance = make_instance(memory_mb=1024)
        self.migrate(instance)
        self.assertCompleted(instance)
        total = 1024 * driver.MIB
        self.assertEqual([(total, total, 0, None, None, None)],
                         self.recorder.progress)

    def test_block_migration_reports_disk_progress_too(self):
        instance = make_instance(memory_mb=1, root_gb=2, ephemeral_gb=1)
        self.migrate(instance, block_migration=True, migrate_data={'k': 1})
        self.assertEqual([(instance.uuid, 'dest', True, {'k': 1})],
                         self.recorder.posts)
        disk = 3 * driver.GIB
        self.assertEqual((driver.MIB, driver.MIB, 0, disk, disk, 0),
                         self.recorder.progress[-1])

    def test_timed_migration_ends_with_everything_copied(self):
        self.flags(live_migration_bandwidth=1000000,
                   live_migration_progress_interval=0.01, group='fake')
        instance = make_instance(memory_mb=1)
        self.migrate(instance)
        self.assertCompleted(instance)
        self.assertEqual((driver.MIB, driver.MIB, 0, None, None, None),
                         self.recorder.progress[-1])

    def test_progress_method_error_does_not_fail_migration(self):
        instance = make_instance()

        def broken_report(*values):
            raise RuntimeError('database is away')

        self.driver.live_migration(CONTEXT, instance, 'dest',
                                   self.recorder.post, self.recorder.recover,
                                   progress_method=broken_report)
        self.assertCompleted(instance)


class HeldLiveMigrationTestCase(FakeDriverTestBase):
    """Migrations that copy until a signal; gates show where they are."""

    def setUp(self):
        super().setUp()
        # An hour between reports: only a signal can end a wait in time.
        self.flags(live_migration_progress_interval=3600, group='fake')
        self.driver.live_migration_bandwidth = None
        self.instance = make_instance(memory_mb=2048)

    def test_gate_holds_migration_after_first_progress_report(self):
        gate, future = self.held_migration(fake.LIVE_MIGRATION_PROGRESS,
                                           self.instance)
        total = 2048 * driver.MIB
        self.assertEqual([(total, 0, total, None, None, None)],
                         self.recorder.progress)
        self.assertEqual([self.instance.uuid], gate.reached_by)
        self.assertEqual(([], []), (self.recorder.posts,
                                    self.recorder.recovers))
        self.driver.live_migration_abort(self.instance)
        gate.release()
        future.result(RESULT_TIMEOUT)
        self.assertCancelled(self.instance)

    def test_abort_wakes_copy_and_recovers_cancelled(self):
        gate, future = self.held_migration(fake.LIVE_MIGRATION_PROGRESS,
                                           self.instance)
        gate.release()
        self.driver.live_migration_abort(self.instance)
        future.result(RESULT_TIMEOUT)
        self.assertCancelled(self.instance)

    def test_abort_before_copy_starts_cancels_without_progress(self):
        gate, future = self.held_migration(fake.LIVE_MIGRATION_START,
                                           self.instance)
        self.driver.live_migration_abort(self.instance)
        gate.release()
        future.result(RESULT_TIMEOUT)
        self.assertCancelled(self.instance)
        self.assertEqual([], self.recorder.progress)

    def test_force_complete_finishes_copy_and_posts(self):
        gate, future = self.held_migration(fake.LIVE_MIGRATION_PROGRESS,
                                           self.instance)
        gate.release()
        self.driver.live_migration_force_complete(self.instance)
        future.result(RESULT_TIMEOUT)
        self.assertCompleted(self.instance)
        total = 2048 * driver.MIB
        self.assertEqual((total, total, 0, None, None, None),
                         self.recorder.progress[-1])

    def test_abort_that_beats_completion_wins(self):
        self.driver.live_migration_bandwidth = 0
        gate, future = self.held_migration(fake.LIVE_MIGRATION_PROGRESS,
                                           self.instance)
        self.driver.live_migration_abort(self.instance)
        gate.release()
        future.result(RESULT_TIMEOUT)
        self.assertCancelled(self.instance)

    def test_second_migration_of_same_instance_is_refused(self):
        gate, future = self.held_migration(fake.LIVE_MIGRATION_START,
                                           self.instance)
        self.assertRaises(exception.MigrationError,
                          self.migrate, self.instance)
        gate.release()
        self.driver.live_migration_abort(self.instance)
        future.result(RESULT_TIMEOUT)
        self.assertCancelled(self.instance)


class NoRunningMigrationTestCase(FakeDriverTestBase):

    def test_abort_without_migration_raises_conflict(self):
        error = self.assertRaises(fake.LiveMigrationNotRunning,
                                  self.driver.live_migration_abort,
                                  make_instance())
        self.assertEqual(409, error.code)
        self.assertIn('src', error.format_message())

    def test_force_complete_without_migration_raises(self):
        self.assertRaises(fake.LiveMigrationNotRunning,
                          self.driver.live_migration_force_complete,
                          make_instance())

    def test_abort_after_migration_ended_raises(self):
        instance = make_instance()
        self.migrate(instance)
        self.assertRaises(fake.LiveMigrationNotRunning,
                          self.driver.live_migration_abort, instance)


class InjectedFailureTestCase(FakeDriverTestBase):

    def _fail_at(self, point, instance_uuid=None):
        self.driver.hooks.fail_at(
            point, exception.MigrationError(reason='injected'),
            instance_uuid=instance_uuid)

    def test_failure_at_start_recovers_failed(self):
        self._fail_at(fake.LIVE_MIGRATION_START)
        instance = make_instance()
        self.migrate(instance)
        self.assertEqual([], self.recorder.posts)
        self.assertEqual([(instance.uuid, 'dest', fake.FAILED)],
                         self.recorder.recovers)
        self.assertEqual([], self.recorder.progress)

    def test_failure_during_copy_recovers_failed_once(self):
        self._fail_at(fake.LIVE_MIGRATION_PROGRESS)
        instance = make_instance()
        self.migrate(instance)
        self.migrate(instance)
        self.assertEqual([(instance.uuid, 'dest', fake.FAILED)],
                         self.recorder.recovers)
        self.assertEqual(1, len(self.recorder.posts))

    def test_failure_for_one_instance_spares_others(self):
        target, other = make_instance(), make_instance()
        self._fail_at(fake.LIVE_MIGRATION_START, target.uuid)
        self.migrate(other)
        self.migrate(target)
        self.assertEqual([other.uuid], [p[0] for p in self.recorder.posts])
        self.assertEqual([target.uuid],
                         [r[0] for r in self.recorder.recovers])

    def test_failure_outside_live_migration_is_raised(self):
        self._fail_at(fake.PRE_LIVE_MIGRATION)
        instance = make_instance()
        self.assertRaises(exception.MigrationError,
                          self.driver.pre_live_migration, CONTEXT, instance,
                          {})
        self.assertEqual([], self.driver.list_incoming_uuids())

    def test_unknown_hook_point_is_refused(self):
        self.assertRaises(ValueError, self.driver.hooks.gate, 'nowhere')
        self.assertRaises(ValueError, self.driver.hooks.fail_at, 'nowhere',
                          RuntimeError())


class GateTestCase(FakeDriverTestBase):

    def test_gate_for_one_instance_lets_others_through(self):
        held, free = make_instance(), make_instance()
        gate = self.driver.hooks.gate(fake.PRE_LIVE_MIGRATION, held.uuid)
        future = self.executor.submit(self.driver.pre_live_migration,
                                      CONTEXT, held, {'held': True})
        gate.wait_started()
        self.assertEqual({}, self.driver.pre_live_migration(CONTEXT, free,
                                                            {}))
        self.assertEqual([free.uuid], self.driver.list_incoming_uuids())
        gate.release()
        self.assertEqual({'held': True}, future.result(RESULT_TIMEOUT))

    def test_forgotten_gate_times_out_loudly(self):
        gate = self.driver.hooks.gate(fake.PRE_LIVE_MIGRATION,
                                      timeout=0.01)
        self.assertRaises(driver_hooks.GateTimeout,
                          self.driver.pre_live_migration,
                          CONTEXT, make_instance(), {})
        self.assertTrue(gate.started.is_set())

    def test_wait_started_raises_if_nothing_arrives(self):
        gate = self.driver.hooks.gate(fake.PRE_LIVE_MIGRATION)
        self.assertRaises(driver_hooks.GateTimeout, gate.wait_started, 0)

    def test_released_gate_stays_open(self):
        gate = self.driver.hooks.gate(fake.CHECK_SOURCE)
        gate.release()
        instance = make_instance()
        for _ in range(2):
            self.driver.check_can_live_migrate_source(CONTEXT, instance, {})
        self.assertEqual([instance.uuid] * 2, gate.reached_by)


class MigrationBetweenDriversTestCase(FakeDriverTestBase):
    """The source and destination drivers of one migration."""

    def setUp(self):
        super().setUp()
        self.dest = fake.FakeDriver(virtapi=None, host='dest')
        self.addCleanup(self.dest.hooks.clear)
        self.instance = make_instance(memory_mb=512, vcpus=1, root_gb=5)
        self.driver.spawn(CONTEXT, self.instance)

    def _checks_and_pre(self):
        dest_data = self.dest.check_can_live_migrate_destination(
            CONTEXT, self.instance, 'src', 'dest')
        migrate_data = self.driver.check_can_live_migrate_source(
            CONTEXT, self.instance, dest_data)
        return self.dest.pre_live_migration(CONTEXT, self.instance,
                                            migrate_data)

    def _post(self, context, instance, dest, block_migration, migrate_data):
        self.driver.post_live_migration(context, instance)
        self.driver.post_live_migration_at_source(context, instance)
        self.dest.post_live_migration_at_destination(context, instance)

    def test_completed_migration_moves_guest(self):
        migrate_data = self._checks_and_pre()
        self.assertEqual({'block_migration': False, 'dest_host': 'dest'},
                         migrate_data)
        self.assertEqual([self.instance.uuid],
                         self.dest.list_incoming_uuids())
        self.driver.live_migration(CONTEXT, self.instance, 'dest',
                                   self._post, self.recorder.recover,
                                   migrate_data=migrate_data)
        self.assertEqual([], self.driver.list_instance_uuids())
        self.assertEqual([self.instance.uuid],
                         self.dest.list_instance_uuids())
        self.assertEqual([], self.dest.list_incoming_uuids())
        self.assertEqual(512, self.dest.get_available_resource(
            'dest')['memory_mb_used'])

    def test_destination_refuses_guest_it_already_runs(self):
        self.dest.spawn(CONTEXT, self.instance)
        self.assertRaises(exception.MigrationPreCheckError,
                          self.dest.check_can_live_migrate_destination,
                          CONTEXT, self.instance, 'src', 'dest')

    def test_rollback_at_destination_forgets_prepared_guest(self):
        self._checks_and_pre()
        self.dest.rollback_live_migration_at_destination(CONTEXT,
                                                         self.instance)
        self.assertEqual([], self.dest.list_incoming_uuids())
        self.assertEqual([], self.dest.list_instance_uuids())
        self.assertEqual([self.instance.uuid],
                         self.driver.list_instance_uuids())

    def test_adopted_guest_keeps_paused_state(self):
        self.instance.power_state = power_state.PAUSED
        self.dest.post_live_migration_at_destination(CONTEXT, self.instance)
        self.assertEqual(power_state.PAUSED,
                         self.dest.get_info(self.instance))

    def test_failure_at_destination_post_registers_nothing(self):
        self._checks_and_pre()
        self.dest.hooks.fail_at(fake.POST_AT_DESTINATION,
                                exception.MigrationError(reason='x'))
        self.assertRaises(exception.MigrationError,
                          self.dest.post_live_migration_at_destination,
                          CONTEXT, self.instance)
        self.assertEqual([], self.dest.list_instance_uuids())
