"""Repair at start: end the tasks a killed conductor left half done.

The conductor owns a live migration from the API's cast until it casts
``live_migration`` to the source compute: it writes the migration
``accepted``, claims the destination and asks it whether the move can
work.  A conductor killed in between leaves the migration ``accepted``
with its claim, the server ``migrating`` and the request unfinished, and
no compute ever hears of it.

Every task records its start as an instance-action event carrying the
conductor's host, so at start a conductor finds, without any clock or
lock, exactly the tasks its previous process was running: their events
are unfinished and name its host.  Conductors on other hosts are never
touched, so this is safe with several conductors.  Each ``accepted``
migration of such a task ends ``error`` with its claim released and the
task state cleared in one compare-and-swap unit; a migration the source
compute took meanwhile (the cast went out just before the kill) is left
to the compute, and the event is finished as the success it was.
"""

from oslo_log import log as logging

from nova.compute import instance_actions
from nova.compute import live_migration_repair
from nova.compute import migration_states
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova.conductor.tasks import live_migrate
from nova import exception
from nova import objects

LOG = logging.getLogger(__name__)
ACCEPTED = migration_states.MigrationStatus.ACCEPTED.value
# The instance-action event that records this repair.
REPAIR_EVENT = 'conductor_init_host_live_migration_repair'


class ConductorRepair(object):
    """What one conductor host repairs of its own, at its start."""

    def __init__(self, host):
        self.host = host

    def run(self, context):
        actions = objects.InstanceActionList.get_with_unfinished_event(
            context, live_migrate.EVENT, self.host)
        for action in actions:
            try:
                self._repair_live_migration(context, action)
            except Exception:
                LOG.exception('Could not repair the live migration request '
                              '%s of %s', action.request_id,
                              action.instance_uuid)

    def _repair_live_migration(self, context, action):
        request = context.elevated()
        request.request_id = action.request_id
        ended = [m for m in self._accepted(request, action.instance_uuid)
                 if self._end(request, m)]
        if ended or self._clear_orphaned_task(request, action):
            reason = exception.ConductorTaskInterrupted(
                instance_uuid=action.instance_uuid, host=self.host,
                migration=', '.join(m.uuid for m in ended) or 'not written')
            LOG.info('%s', reason.format_message())
            self._finish(request, action, reason)
        else:
            # The cast reached the source first: the request went through.
            objects.InstanceActionEvent.event_finish(
                request, action.instance_uuid, live_migrate.EVENT)

    @staticmethod
    def _accepted(context, instance_uuid):
        return objects.MigrationList.get_by_filters(context, {
            'instance_uuid': instance_uuid,
            'migration_type': 'live-migration', 'status': [ACCEPTED]})

    @staticmethod
    def _end(context, migration):
        """End it ``error`` unless a compute took it first."""
        try:
            migration.revert_and_end(migration_states.MigrationStatus.ERROR)
        except exception.InvalidMigrationTransition:
            return False
        return True

    def _clear_orphaned_task(self, context, action):
        """Killed before the migration was written: only the task is left."""
        try:
            instance = objects.Instance.get_by_uuid(context,
                                                    action.instance_uuid)
        except exception.InstanceNotFound:
            return False
        if instance.task_state != task_states.MIGRATING:
            return False
        return live_migration_repair.clear_orphaned_task(context, instance)

    def _finish(self, context, action, reason):
        message = reason.format_message()
        objects.InstanceActionEvent.event_finish(
            context, action.instance_uuid, live_migrate.EVENT,
            error=message, traceback=None)
        objects.InstanceAction.fail_unfinished(
            context, action.instance_uuid, instance_actions.LIVE_MIGRATION,
            REPAIR_EVENT, message, host=self.host)
        compute_utils.record_fault(context, action.instance_uuid, reason,
                                   host=self.host)
