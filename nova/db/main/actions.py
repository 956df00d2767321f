"""Instance actions and their events."""

from oslo_utils import timeutils
import sqlalchemy as sa

from nova.db.main import api
from nova.db.main import models
from nova import exception


@api.context_manager.writer
def action_start(context, values):
    return api.add_row(context, models.InstanceAction, values)


@api.context_manager.reader
def action_get_by_request_id(context, instance_uuid, request_id):
    query = context.session.query(models.InstanceAction).filter_by(
        instance_uuid=instance_uuid, request_id=request_id).order_by(
        models.InstanceAction.id.desc())
    return api.first_or_raise(query, exception.InstanceActionNotFound,
                              request_id=request_id,
                              instance_uuid=instance_uuid)


@api.context_manager.reader
def actions_get(context, instance_uuid, limit=None, marker=None,
                changes_since=None):
    """Actions of an instance, newest first; ``marker`` is a request id."""
    model = models.InstanceAction
    query = context.session.query(model).filter_by(
        instance_uuid=instance_uuid)
    if changes_since is not None:
        query = query.filter(model.updated_at >= changes_since)
    query = query.order_by(model.created_at.desc(), model.id.desc())
    if marker is not None:
        marker_row = action_get_by_request_id(context, instance_uuid, marker)
        query = query.filter(sa.or_(
            model.created_at < marker_row.created_at,
            sa.and_(model.created_at == marker_row.created_at,
                    model.id < marker_row.id)))
    if limit is not None:
        query = query.limit(limit)
    return query.all()


@api.context_manager.writer
def action_event_start(context, instance_uuid, request_id, values):
    action = action_get_by_request_id(context, instance_uuid, request_id)
    row = models.InstanceActionEvent(action_id=action.id)
    row.update(values)
    action.updated_at = timeutils.utcnow()
    context.session.add(row)
    context.session.flush()
    return row


@api.context_manager.writer
def action_event_finish(context, instance_uuid, request_id, event_name,
                        values):
    """Finish the newest unfinished event of that name; mark errors."""
    action = action_get_by_request_id(context, instance_uuid, request_id)
    row = context.session.query(models.InstanceActionEvent).filter_by(
        action_id=action.id, event=event_name).order_by(
        models.InstanceActionEvent.id.desc()).first()
    if row is None:
        row = models.InstanceActionEvent(action_id=action.id,
                                         event=event_name,
                                         start_time=timeutils.utcnow())
        context.session.add(row)
    row.update(values)
    if values.get('result', '').lower() == 'error':
        action.message = 'Error'
    action.updated_at = timeutils.utcnow()
    context.session.flush()
    return row


@api.context_manager.writer
def action_fail_unfinished(context, instance_uuid, action_name, values):
    """End the newest unfinished ``action_name`` with one error event.

    :returns: the event row, or None when no such action is unfinished.
    """
    model = models.InstanceAction
    action = context.session.query(model).filter_by(
        instance_uuid=instance_uuid, action=action_name,
        finish_time=None).order_by(model.id.desc()).first()
    if action is None:
        return None
    now = timeutils.utcnow()
    row = models.InstanceActionEvent(action_id=action.id, start_time=now,
                                     finish_time=now, result='Error')
    row.update(values)
    context.session.add(row)
    action.message = 'Error'
    action.finish_time = now
    action.updated_at = now
    context.session.flush()
    return row


@api.context_manager.reader
def action_events_get(context, action_id):
    return context.session.query(models.InstanceActionEvent).filter_by(
        action_id=action_id).order_by(
        models.InstanceActionEvent.id).all()


@api.context_manager.reader
def actions_with_unfinished_event(context, event_name, host):
    """Actions with an unfinished ``event_name`` event run on ``host``.

    What a service that was killed left half done: it recorded the start
    of its work and died before the finish.
    """
    action, event = models.InstanceAction, models.InstanceActionEvent
    return context.session.query(action).join(
        event, event.action_id == action.id).filter(
        event.event == event_name, event.host == host,
        event.finish_time.is_(None)).order_by(action.id).all()


@api.context_manager.writer
def actions_record_finished(context, instance_uuids, action_values,
                            event_values, faults=None):
    """One action with one finished event per instance, and their faults.

    The set-based form of ``action_start`` + ``action_event_start`` +
    ``action_event_finish`` (+ ``instance_fault_create``) for an outcome
    many instances share (a drain): one transaction, a few batched
    INSERTs.  Instances deleted meanwhile are skipped.

    :param faults: {instance uuid: fault values} for some of them.
    :returns: the uuids of the instances recorded.
    """
    session = context.session
    instance = models.Instance
    present = set()
    for chunk in api.chunks(instance_uuids):
        present.update(uuid for uuid, in session.query(instance.uuid).filter(
            instance.uuid.in_(chunk), instance.deleted == 0))
    uuids = [uuid for uuid in instance_uuids if uuid in present]
    actions = [models.InstanceAction(instance_uuid=uuid, **action_values)
               for uuid in uuids]
    session.add_all(actions)
    session.flush()
    rows = [models.InstanceActionEvent(action_id=action.id, **event_values)
            for action in actions]
    rows += [models.InstanceFault(instance_uuid=uuid, **values)
             for uuid, values in (faults or {}).items() if uuid in present]
    session.add_all(rows)
    session.flush()
    return uuids
