"""The conductor's live-migration task: the cast, or a full rollback.

The task runs against real objects on the SQLite fixture; the compute and
scheduler RPC clients are mocks, the scheduler's claiming for the
migration as the real one does, so a rollback has a real claim to give
back.
"""

from unittest import mock

import ddt
import fixtures

from nova.conductor.tasks import live_migrate
from nova import exception
from nova import objects
from nova.scheduler import rpcapi as scheduler_rpcapi
from nova.tests.unit.compute import live_migration_base as base

DEST = base.DEST
SOURCE = base.SOURCE


@ddt.ddt
class LiveMigrationTaskTest(base.LiveMigrationTestCase):

    def setUp(self):
        super().setUp()
        self.rpc = base.compute_rpc_mock()
        self.scheduler = mock.create_autospec(scheduler_rpcapi.SchedulerAPI,
                                              instance=True)
        self.useFixture(fixtures.MockPatch(
            'nova.scheduler.rpcapi.SchedulerAPI',
            return_value=self.scheduler))
        self.useFixture(fixtures.MockPatch(
            'nova.compute.rpcapi.ComputeAPI', return_value=self.rpc))
        self.scheduler.select_destinations.side_effect = self._select
        self.instance = self.make_instance()
        self.start_action(self.instance)

    def _select(self, context, consumer_uuid, resources, requested_host=None,
                ignore_hosts=None, force=False):
        """The scheduler's answer: claim the destination for the consumer."""
        host = requested_host or DEST
        objects.ResourceClaim.claim(context, consumer_uuid, host, host,
                                    resources)
        return {'host': host, 'nodename': host}

    def task(self, destination=None, force=False):
        return live_migrate.LiveMigrationTask(
            self.ctxt, self.instance, destination, False, force=force)

    def test_success_casts_to_the_source(self):
        task = self.task()
        task.execute()

        migration = task.migration
        self.assertEqual(('accepted', DEST, DEST), (
            self.status(migration), migration.dest_compute,
            migration.dest_node))
        self.assertEqual([DEST], self.held_on(migration.uuid))
        self.scheduler.select_destinations.assert_called_once_with(
            self.ctxt, migration.uuid, self.instance.resources(),
            requested_host=None, ignore_hosts=[SOURCE], force=False)
        self.rpc.check_can_live_migrate_destination.assert_called_once_with(
            self.ctxt, self.instance, DEST, False)
        self.rpc.live_migration.assert_called_once_with(
            self.ctxt, self.instance, DEST, False, host=SOURCE,
            migration=migration, migrate_data=base.CHECKED)
        self.assertEqual('migrating', self.task_state(self.instance))
        self.assertIsNone(self.fault(self.instance))
        self.assertEqual({live_migrate.EVENT: 'Success'},
                         self.events(self.instance))

    def test_requested_destination_is_passed_to_the_scheduler(self):
        task = self.task(destination=DEST, force=True)
        task.execute()

        self.scheduler.select_destinations.assert_called_once_with(
            self.ctxt, task.migration.uuid, self.instance.resources(),
            requested_host=DEST, ignore_hosts=[SOURCE], force=True)
        self.rpc.live_migration.assert_called_once()

    # Each failure, and the rollback it must lead to.

    def _no_valid_host(self):
        self.scheduler.select_destinations.side_effect = \
            exception.NoValidHost(reason='no room anywhere')
        return self.task(), exception.MigrationPreCheckError

    def _host_down(self, host):
        service = objects.Service.get_by_compute_host(self.ctxt, host)
        service.forced_down = True
        service.save()

    def _source_down(self):
        self._host_down(SOURCE)
        return self.task(), exception.ComputeServiceUnavailable

    def _destination_down(self):
        self._host_down(DEST)
        return self.task(DEST), exception.ComputeServiceUnavailable

    def _destination_unknown(self):
        return self.task('nowhere'), exception.ComputeServiceUnavailable

    def _same_host(self):
        return self.task(SOURCE), exception.MigrationPreCheckError

    def _destination_check_fails(self):
        self.rpc.check_can_live_migrate_destination.side_effect = \
            exception.MigrationPreCheckError(reason='incompatible CPU')
        return self.task(), exception.MigrationPreCheckError

    def _cast_fails(self):
        self.rpc.live_migration.side_effect = exception.NovaException(
            'transport gone')
        return self.task(), exception.NovaException

    @ddt.data('_no_valid_host', '_source_down', '_destination_down',
              '_destination_unknown', '_same_host',
              '_destination_check_fails', '_cast_fails')
    def test_failure_rolls_back(self, scenario):
        task, error = getattr(self, scenario)()

        raised = self.assertRaises(error, task.execute)

        migration = task.migration
        self.assertEqual('error', self.status(migration))
        self.assertEqual([], self.held_on(migration.uuid))
        self.assertEqual([SOURCE], self.held_on(self.instance.uuid))
        self.assertIsNone(self.task_state(self.instance))
        self.assertEqual(raised.format_message(),
                         self.fault(self.instance).message)
        self.assertEqual({live_migrate.EVENT: 'Error'},
                         self.events(self.instance))
        if scenario != '_cast_fails':
            self.rpc.live_migration.assert_not_called()

    def test_instance_no_longer_migrating_is_left_as_it_is(self):
        """Another request won: its task state is not cleared by this one."""
        self.instance.task_state = 'deleting'
        self.instance.save()

        self.assertRaises(exception.MigrationPreCheckError,
                          self.task().execute)

        self.assertEqual('deleting', self.task_state(self.instance))
        self.scheduler.select_destinations.assert_not_called()
