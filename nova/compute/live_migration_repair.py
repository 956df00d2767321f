"""Repair at start: end the live migrations a killed compute left behind.

A compute that stopped cleanly ended every migration it owned; one that was
killed did not.  At ``init_host`` this host repairs, without waiting on any
other compute, what it owns in either role:

As the source, every live migration from this host that is not final ends,
and what it held is given back at once (claims, ``task_state``, status):

* ``queued`` / ``preparing``: never handed to the driver; reverted, ends
  ``cancelled``.
* ``running``: if the destination had already taken the instance, the
  migration is completed (claims moved, ``completed``); otherwise the driver
  is asked to abort (best effort), the revert runs and it ends ``error``.
* ``accepted`` belongs to the conductor and is left alone.

What a destination prepared is the destination's to clean: the source only
casts it a rollback (one-way, never waited for).  Each compute, as a
destination, forgets at its own start whatever it prepared for a migration
that has since ended without moving the instance here
(``LiveMigrationDestination.forget_abandoned``), so the rule holds whichever
side was down: the source never waits, and a destination that missed the
cast cleans up when it comes back.

Instances of this host still ``migrating`` without any unfinished migration
get their ``task_state`` cleared, and their ``live-migration`` instance
action, left unfinished by a process that died between the API's 202 and
the conductor writing the migration, is finished with an error.
"""

from oslo_log import log as logging

from nova.compute import instance_actions
from nova.compute import live_migration as lm
from nova.compute import live_migration_resume as lm_resume
from nova.compute import migration_states
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova import exception
from nova import objects
from nova.objects import migration as migration_obj

LOG = logging.getLogger(__name__)
Status = migration_states.MigrationStatus

# The instance-action event that records a repair at start.
REPAIR_EVENT = 'compute_init_host_live_migration_repair'


def clear_orphaned_task(context, instance):
    """Clear ``migrating`` if no live migration of it is unfinished.

    :returns: whether it was cleared (by this call).
    """
    pending = objects.MigrationList.get_by_filters(context, {
        'instance_uuid': instance.uuid, 'migration_type': 'live-migration',
        'status': migration_obj.UNFINISHED_VALUES})
    if len(pending):
        return False
    instance.task_state = None
    try:
        instance.save(expected_task_state=[task_states.MIGRATING])
    except exception.UnexpectedTaskStateError:
        return False
    return True


class LiveMigrationRepair(object):

    def __init__(self, source, destination):
        self.source = source
        self.destination = destination

    @property
    def host(self):
        return self.source.host

    def run(self, context):
        unfinished = objects.MigrationList.get_unfinished_by_source(
            context, self.host)
        unfinished = lm_resume.resume_queued(context, self.source,
                                             unfinished)
        for migration in unfinished:
            if migration.status == Status.ACCEPTED.value:
                continue
            try:
                self._repair(context, migration)
            except Exception:
                LOG.exception('Could not repair live migration %s',
                              migration.uuid)
        self.destination.forget_abandoned(context)
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
            lm.complete_taken(context, instance, migration)
            return
        if status == Status.RUNNING.value:
            self._driver_abort(instance)
            final = Status.ERROR
        else:
            final = Status.CANCELLED
        reverted = self.source.revert(context, instance, migration, final)
        if reverted and status != Status.QUEUED.value:
            self.source.tell_destination_to_forget(context, instance,
                                                   migration.dest_compute)

    def _driver_abort(self, instance):
        try:
            self.source.driver.live_migration_abort(instance)
        except exception.NovaException:
            pass

    def _clear_orphaned_task_states(self, context):
        instances = objects.InstanceList.get_by_filters(
            context, {'host': self.host,
                      'task_state': task_states.MIGRATING})
        for instance in instances:
            if clear_orphaned_task(context, instance):
                self._finish_abandoned_action(context, instance)

    def _finish_abandoned_action(self, context, instance):
        """End the request whose migration was never written."""
        reason = exception.LiveMigrationNeverStarted(
            instance_uuid=instance.uuid, host=self.host)
        try:
            found = objects.InstanceAction.fail_unfinished(
                context, instance.uuid, instance_actions.LIVE_MIGRATION,
                REPAIR_EVENT, reason.format_message(), host=self.host)
        except Exception:
            LOG.warning('Could not finish the live-migration request of %s',
                        instance.uuid, exc_info=True)
            return
        if found:
            LOG.info('%s', reason.format_message())
            compute_utils.record_fault(context, instance.uuid, reason,
                                       host=self.host)
