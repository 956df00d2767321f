"""The conductor's cold-migrate task (resize and cold migration).

Creates the migration (``pre-migrating``, type ``resize`` when the flavor
changes, ``migration`` otherwise), schedules a destination other than the
source and claims the new flavor there for the migration, then casts
``resize_instance`` to the source compute.  It runs inside the API's RPC
call, so a scheduling failure reaches the user as a 400 (``No valid host
was found``) after the rollback: migration ``error``, claim released,
server back to its vm_state with no task.
"""

from oslo_log import log as logging
from oslo_utils import uuidutils

from nova.compute import instance_states
from nova.compute import migration_states
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import utils as compute_utils
from nova.conductor.tasks import base
import nova.conf
from nova import exception
from nova import objects
from nova.scheduler import rpcapi as scheduler_rpcapi

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

EVENT = 'conductor_migrate_server'


def flavor_resources(flavor):
    return {'VCPU': flavor.vcpus, 'MEMORY_MB': flavor.memory_mb,
            'DISK_GB': flavor.root_gb + flavor.ephemeral_gb}


class MigrationTask(base.TaskBase):

    def __init__(self, context, instance, flavor, host=None):
        super().__init__(context, instance)
        self.flavor = flavor
        self.requested_host = host
        self.migration = None
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self.scheduler = scheduler_rpcapi.SchedulerAPI()

    @property
    def action(self):
        if self.flavor.id != self.instance.instance_type_id:
            return 'resize'
        return 'migrate'

    def execute(self):
        with compute_utils.EventReporter(self.context, EVENT,
                                         self.instance.uuid, host=CONF.host):
            return super().execute()

    def _execute(self):
        self.migration = self._create_migration()
        dest = self.scheduler.select_destinations(
            self.context, self.migration.uuid, flavor_resources(self.flavor),
            requested_host=self.requested_host,
            ignore_hosts=[self.instance.host])
        self.migration.dest_compute = dest['host']
        self.migration.dest_node = dest['nodename']
        self.migration.dest_host = dest['host']
        self.migration.save()
        self.compute_rpcapi.resize_instance(self.context, self.instance,
                                            self.migration, self.flavor)
        return self.migration

    def _create_migration(self):
        migration = objects.Migration(
            self.context, uuid=uuidutils.generate_uuid(),
            instance_uuid=self.instance.uuid,
            status=migration_states.MigrationStatus.PRE_MIGRATING.value,
            migration_type='resize' if self.action == 'resize'
            else 'migration',
            source_compute=self.instance.host,
            source_node=self.instance.node,
            old_instance_type_id=self.instance.instance_type_id,
            new_instance_type_id=self.flavor.id,
            user_id=self.context.user_id,
            project_id=self.context.project_id)
        migration.create()
        return migration

    def rollback(self, ex):
        if self.migration is not None:
            objects.ResourceClaim.release(self.context, self.migration.uuid)
            self.migration.status = 'error'
            try:
                self.migration.save()
            except exception.InvalidMigrationTransition:
                LOG.info('Migration %s already ended', self.migration.uuid)
        compute_utils.record_fault(self.context, self.instance.uuid, ex)
        try:
            instance_states.rollback(self.instance, self.action)
        except (exception.InstanceNotFound, exception.Conflict):
            LOG.info('Instance %s changed during the migrate rollback',
                     self.instance.uuid)
