"""The full revert of many waiting live migrations at once.

A drain (and the queue timeout, and a shutdown) cancels migrations whose
work never runs, by the hundred.  Each must end as a 2.65 abort of a
queued one ends: ``cancelled``, its destination claim released, its
server's ``task_state`` cleared, a ``live_migration_cancel`` action with
an event saying what cancelled it (and a fault when that was an error),
and the abort notifications.  Done one by one that is five transactions
and a conductor round trip each; here it is two transactions for all of
them, whatever their number:

1. ``MigrationList.revert_and_end_all``: status, claims and task states,
   the crash-safe unit (a crash before its commit leaves the migrations
   ``queued`` for ``init_host`` to repair; after it nothing is left);
2. ``InstanceActionList.record_finished``: the actions, events and faults.

Only moves the transition table allows are written
(``migration_states.check_transitions``, then compare-and-swap).
"""

from oslo_log import log as logging
from oslo_utils import timeutils

from nova.compute import instance_actions
from nova.compute import live_migration_notify as lm_notify
from nova.compute import migration_states
from nova import exception
from nova import objects
from nova.objects import instance_fault

LOG = logging.getLogger(__name__)
Status = migration_states.MigrationStatus

#: Instances loaded per query for the notifications.
_LOAD_CHUNK = 500


def revert_cancelled_many(context, source, migrations, event_name=None,
                          reasons=None):
    """Cancel ``migrations`` (taken from the queue) with the full revert.

    :param source: the host's ``LiveMigrationSource``.
    :param event_name: the action event to record; None records no action
        (a shutdown, where no request asked for it).
    :param reasons: {migration id: exception} recorded as faults.
    :returns: the ids of the migrations ended ``cancelled`` here; the
        others were ended by another writer first and are left alone.
    """
    if not migrations:
        return set()
    started = timeutils.utcnow()
    by_id = {m.id: m for m in migrations}
    legal, refused = migration_states.check_transitions(
        ((m.id, m.status) for m in migrations), Status.CANCELLED)
    for migration_id, exc in refused.items():
        LOG.info('Migration %s not cancelled: %s', migration_id, exc)
    try:
        ended, _cleared = objects.MigrationList.revert_and_end_all(
            context, legal, Status.CANCELLED)
    except Exception:
        LOG.exception('Could not revert %d cancelled live migrations at '
                      'once; reverting them one by one', len(legal))
        return _one_by_one(context, source, [by_id[i] for i in legal])
    ended_ids = _apply(by_id, ended)
    uuids = [by_id[i].instance_uuid for i in legal if i in ended_ids]
    if event_name is not None:
        _record(context, source.host, uuids, event_name, started, {
            by_id[i].instance_uuid: instance_fault.fault_values(
                exc, source.host)
            for i, exc in (reasons or {}).items() if i in ended_ids})
    _notify(context, source.host, uuids)
    return ended_ids


def _apply(by_id, ended):
    """Make the caller's migration objects show what was written."""
    ended_ids = set()
    for row in ended:
        migration = by_id[row.id]
        migration.status = row.status
        migration.updated_at = row.updated_at
        migration.obj_reset_changes(['status', 'updated_at'])
        ended_ids.add(row.id)
    for migration_id in set(by_id) - ended_ids:
        LOG.info('Migration %s was ended by another writer first; not '
                 'cancelled', by_id[migration_id].uuid)
    return ended_ids


def _record(context, host, uuids, event_name, started, faults):
    try:
        objects.InstanceActionList.record_finished(
            context, uuids, instance_actions.LIVE_MIGRATION_CANCEL,
            event_name, started, host=host, faults=faults)
    except Exception:
        LOG.warning('Could not record the cancellation of %d live '
                    'migrations', len(uuids), exc_info=True)


def _notify(context, host, uuids):
    """The abort start and end of each, as a 2.65 abort sends them.

    The instances are read after the revert's commit, so their payloads
    show the task state already cleared.
    """
    for start in range(0, len(uuids), _LOAD_CHUNK):
        chunk = uuids[start:start + _LOAD_CHUNK]
        for instance in objects.InstanceList.get_by_filters(
                context, {'uuid': chunk}):
            lm_notify.notify(context, instance, host, 'abort', 'start')
            lm_notify.notify(context, instance, host, 'abort', 'end')


def _one_by_one(context, source, migrations):
    """The per-migration revert, for when the set-based one failed."""
    ended = set()
    for migration in migrations:
        try:
            instance = objects.Instance.get_by_uuid(
                context, migration.instance_uuid)
        except exception.InstanceNotFound:
            source.revert_deleted(context, migration)
        else:
            source.revert_cancelled(context, instance, migration)
        if migration.status == Status.CANCELLED.value:
            ended.add(migration.id)
    return ended
