"""The conductor's live-migration task.

Creates the Migration (``accepted``), picks or checks the destination and
claims its resources for the migration as consumer, asks the destination
(which asks the source) whether the move can work, then casts
``live_migration`` to the source compute, where the migration queues.
Any failure before that cast ends the migration ``error``, releases the
claim, clears ``task_state`` and records a fault.
"""

from oslo_log import log as logging
from oslo_utils import uuidutils

from nova.compute import migration_states
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova.conductor.tasks import base
import nova.conf
from nova import exception
from nova import objects
from nova.scheduler import rpcapi as scheduler_rpcapi

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

EVENT = 'conductor_live_migrate_instance'


class LiveMigrationTask(base.TaskBase):

    def __init__(self, context, instance, destination, block_migration,
                 force=False):
        super().__init__(context, instance)
        self.destination = destination
        self.block_migration = block_migration
        self.force = force
        self.source = instance.host
        self.migration = None
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self.scheduler = scheduler_rpcapi.SchedulerAPI()

    def execute(self):
        with compute_utils.EventReporter(self.context, EVENT,
                                         self.instance.uuid, host=CONF.host):
            super().execute()

    def _execute(self):
        self.migration = self._create_migration()
        self._check_instance_is_migrating()
        self._check_host_is_up(self.source)
        if self.destination:
            self._check_requested_destination()
        dest = self._claim_destination()
        self._record_destination(dest)
        migrate_data = self._check_requested_move(dest['host'])
        self.compute_rpcapi.live_migration(
            self.context, self.instance, dest['host'], self.block_migration,
            host=self.source, migration=self.migration,
            migrate_data=migrate_data)

    def _create_migration(self):
        migration = objects.Migration(
            self.context, uuid=uuidutils.generate_uuid(),
            instance_uuid=self.instance.uuid,
            status=migration_states.MigrationStatus.ACCEPTED.value,
            migration_type='live-migration',
            source_compute=self.source, source_node=self.instance.node,
            dest_compute=self.destination,
            old_instance_type_id=self.instance.instance_type_id,
            new_instance_type_id=self.instance.instance_type_id,
            user_id=self.context.user_id,
            project_id=self.context.project_id)
        migration.create()
        return migration

    def _check_instance_is_migrating(self):
        """The API set ``migrating``; anything else means another won."""
        if self.instance.task_state != task_states.MIGRATING:
            raise exception.MigrationPreCheckError(
                reason='instance %s is not migrating (task_state %s)' % (
                    self.instance.uuid, self.instance.task_state))

    def _check_host_is_up(self, host):
        try:
            svc = objects.Service.get_by_compute_host(self.context, host)
        except exception.NotFound:
            raise exception.ComputeServiceUnavailable(host=host)
        if not svc.is_up(CONF.service_down_time):
            raise exception.ComputeServiceUnavailable(host=host)

    def _check_requested_destination(self):
        if self.destination == self.source:
            raise exception.MigrationPreCheckError(
                reason='the destination %s is the source host' %
                self.destination)
        self._check_host_is_up(self.destination)

    def _claim_destination(self):
        """Claim the destination for the migration (scheduled or forced)."""
        try:
            return self.scheduler.select_destinations(
                self.context, self.migration.uuid, self.instance.resources(),
                requested_host=self.destination, ignore_hosts=[self.source],
                force=self.force)
        except exception.NoValidHost as exc:
            raise exception.MigrationPreCheckError(reason=exc.format_message())

    def _record_destination(self, dest):
        self.migration.dest_compute = dest['host']
        self.migration.dest_node = dest['nodename']
        self.migration.save()

    def _check_requested_move(self, dest_host):
        return self.compute_rpcapi.check_can_live_migrate_destination(
            self.context, self.instance, dest_host, self.block_migration)

    def rollback(self, ex):
        if self.migration is not None:
            objects.ResourceClaim.release(self.context, self.migration.uuid)
            self._end_migration()
        compute_utils.record_fault(self.context, self.instance.uuid, ex)
        self.instance.task_state = None
        try:
            self.instance.save(expected_task_state=[task_states.MIGRATING])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s changed during live-migration rollback',
                     self.instance.uuid)

    def _end_migration(self):
        self.migration.status = migration_states.MigrationStatus.ERROR.value
        try:
            self.migration.save()
        except exception.InvalidMigrationTransition:
            LOG.info('Migration %s already ended', self.migration.uuid)
