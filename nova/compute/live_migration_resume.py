"""``[compute] live_migration_queue_on_start = resume``.

At start (``init_host``), the live migrations a killed compute left
``queued`` are queued again in the order they ran in (as queued, or as an
operator last moved them) with the ``block_migration`` they were asked
with, each after two checks read from the database, never asked of another
host:

* the destination's compute service is up;
* the destination claim the conductor made is still held.

A migration that fails a check is cancelled with the revert of an abort,
and the server's fault and ``live_migration_cancel`` action say why.  The
other unfinished migrations (preparing, running) go on to the usual repair.
"""

from oslo_log import log as logging

from nova.compute import live_migration_queue_ops as queue_ops
from nova.compute import migration_states
from nova.compute import utils as compute_utils
import nova.conf
from nova import exception
from nova.i18n import _
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)
Status = migration_states.MigrationStatus

RESUME = 'resume'
RESUME_EVENT = 'compute_live_migration_queue_resume'


class LiveMigrationNotResumed(exception.NovaException):
    msg_fmt = _('Live migration %(migration_uuid)s was queued when '
                'compute %(host)s stopped and could not be queued again: '
                '%(reason)s; it was cancelled and the server left on its '
                'source host.')


def resume_queued(context, source, unfinished):
    """Resume or cancel the ``queued`` ones; return the others.

    With ``cancel`` (the default) nothing is taken out: the repair cancels
    them as before.
    """
    if CONF.compute.live_migration_queue_on_start != RESUME:
        return unfinished
    queued = [m for m in unfinished if m.status == Status.QUEUED.value]
    # Split before resuming: a resumed one's worker changes its status.
    others = [m for m in unfinished if m.status != Status.QUEUED.value]
    queued.sort(key=_run_order)
    for migration in queued:
        try:
            _resume_or_cancel(context, source, migration)
        except Exception:
            LOG.exception('Could not resume live migration %s',
                          migration.uuid)
    return others


def _run_order(migration):
    """The order the queue ran them in when the compute stopped.

    Those an operator placed (``queue_position``, written by every move
    for the whole queue) first, in that order; then those queued since the
    last move, in the order they were queued: a queued row is not written
    again until it leaves the queue, so its last update is when it was
    queued.
    """
    position = migration.queue_position
    return (position is None, position or 0,
            migration.updated_at or migration.created_at, migration.id)


def _resume_or_cancel(context, source, migration):
    try:
        instance = objects.Instance.get_by_uuid(context,
                                                migration.instance_uuid)
    except exception.InstanceNotFound:
        source.revert_deleted(context, migration)
        return
    reason = _why_not(context, migration)
    if reason is None:
        LOG.info('Resuming queued live migration %s of %s to %s',
                 migration.uuid, instance.uuid, migration.dest_compute)
        source.resume(context, instance, migration)
        return
    _cancel(context, source, migration, reason)


def _why_not(context, migration):
    """Why the migration cannot be queued again; None if it can."""
    try:
        service = objects.Service.get_by_compute_host(
            context, migration.dest_compute)
    except exception.NotFound:
        return _('destination %s has no compute service') % (
            migration.dest_compute)
    if not service.is_up(CONF.service_down_time):
        return _('destination %s is down') % migration.dest_compute
    if not objects.ResourceClaim.held_by(context, migration.uuid):
        return _('its claim on destination %s is no longer held') % (
            migration.dest_compute)
    return None


def _cancel(context, source, migration, reason):
    error = LiveMigrationNotResumed(migration_uuid=migration.uuid,
                                    host=source.host, reason=reason)
    LOG.warning('%s', error.format_message())
    with queue_ops.CancelRecord(context, source.host, migration,
                                RESUME_EVENT) as record:
        compute_utils.record_fault(context, migration.instance_uuid, error,
                                   host=source.host)
        source.revert_cancelled(context, record.instance, migration)
