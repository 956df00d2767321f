"""Repair at start: end the live migrations a killed compute left behind.

A compute that stopped cleanly cancelled and reverted its queue; one that
was killed did not.  At ``init_host`` every live migration whose source is
this host and that is not final is ended, and what it held is given back:

* ``queued`` / ``preparing``: never handed to the driver; the destination is
  told to forget what it prepared, the claim and ``task_state`` are
  reverted, and the migration ends ``cancelled``.
* ``running``: if the destination had already taken the instance, the
  migration is completed (claims moved, ``completed``); otherwise the driver
  is asked to abort (best effort), the destination rolls back, the revert
  runs and the migration ends ``error``.
* ``accepted`` belongs to the conductor and is left alone.

Instances of this host still ``migrating`` without any unfinished migration
get their ``task_state`` cleared.
"""

from oslo_log import log as logging

from nova.compute import live_migration as lm
from nova.compute import migration_states
from nova.compute import task_states
from nova import exception
from nova import objects
from nova.objects import migration as migration_obj

LOG = logging.getLogger(__name__)
Status = migration_states.MigrationStatus


class LiveMigrationRepair(object):

    def __init__(self, source):
        self.source = source

    def run(self, context):
        unfinished = objects.MigrationList.get_unfinished_by_source(
            context, self.source.host)
        for migration in unfinished:
            if migration.status == Status.ACCEPTED.value:
                continue
            try:
                self._repair(context, migration)
            except Exception:
                LOG.exception('Could not repair live migration %s',
                              migration.uuid)
        self._clear_orphaned_task_states(context)

    def _repair(self, context, migration):
        try:
            instance = objects.Instance.get_by_uuid(context,
                                                    migration.instance_uuid)
        except exception.InstanceNotFound:
            objects.ResourceClaim.release(context, migration.uuid)
            lm.try_set_status(migration, Status.ERROR)
            return
        status = migration.status
        LOG.info('Repairing live migration %s of %s left %s', migration.uuid,
                 instance.uuid, status)
        if status == Status.RUNNING.value and \
                instance.host == migration.dest_compute:
            lm.finish_post_claims(context, instance, migration)
            lm.try_set_status(migration, Status.COMPLETED)
            return
        if status == Status.RUNNING.value:
            self._driver_abort(instance)
            final = Status.ERROR
        else:
            final = Status.CANCELLED
        if status != Status.QUEUED.value:
            self._rollback_destination(context, instance, migration)
        self.source.revert(context, instance, migration, final)

    def _driver_abort(self, instance):
        try:
            self.source.driver.live_migration_abort(instance)
        except exception.NovaException:
            pass

    def _rollback_destination(self, context, instance, migration):
        try:
            self.source.compute_rpcapi.rollback_live_migration_at_destination(
                context, instance, migration.dest_compute)
        except Exception:
            LOG.warning('Destination %s could not roll back %s',
                        migration.dest_compute, instance.uuid, exc_info=True)

    def _clear_orphaned_task_states(self, context):
        instances = objects.InstanceList.get_by_filters(
            context, {'host': self.source.host,
                      'task_state': task_states.MIGRATING})
        for instance in instances:
            pending = objects.MigrationList.get_by_filters(context, {
                'instance_uuid': instance.uuid,
                'migration_type': 'live-migration',
                'status': migration_obj.UNFINISHED_VALUES})
            if len(pending):
                continue
            instance.task_state = None
            try:
                instance.save(expected_task_state=[task_states.MIGRATING])
            except exception.UnexpectedTaskStateError:
                pass
