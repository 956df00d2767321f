"""Instances and their faults."""

from oslo_utils import timeutils
import sqlalchemy as sa

from nova.db.main import api
from nova.db.main import models
from nova import exception

_SORT_KEYS = ('created_at', 'id', 'display_name', 'updated_at', 'uuid')


def _instance_query(context, session):
    return api.model_query(context, models.Instance, session=session)


@api.context_manager.writer
def instance_create(context, values):
    return api.add_row(context, models.Instance, values)


@api.context_manager.reader
def instance_get_by_uuid(context, uuid):
    query = _instance_query(context, context.session).filter_by(uuid=uuid)
    return api.first_or_raise(query, exception.InstanceNotFound,
                              instance_id=uuid)


def _apply_filters(query, filters):
    for key in ('host', 'node', 'project_id', 'user_id', 'vm_state',
                'task_state', 'uuid', 'image_ref', 'display_name'):
        if key in filters:
            value = filters[key]
            column = getattr(models.Instance, key)
            if isinstance(value, (list, tuple, set)):
                query = query.filter(column.in_(list(value)))
            else:
                query = query.filter(column == value)
    if 'name' in filters:
        query = query.filter(
            models.Instance.display_name.contains(filters['name']))
    if 'changes-since' in filters:
        query = query.filter(
            models.Instance.updated_at >= filters['changes-since'])
    return query


@api.context_manager.reader
def instance_get_all_by_filters(context, filters=None, limit=None,
                                marker=None, sort_key='created_at',
                                sort_dir='desc'):
    """Instances matching ``filters``, newest first, paged by uuid marker."""
    query = _apply_filters(_instance_query(context, context.session),
                           filters or {})
    column = getattr(models.Instance, sort_key)
    order = sa.desc if sort_dir == 'desc' else sa.asc
    query = query.order_by(order(column), order(models.Instance.id))
    if marker is not None:
        marker_row = api.first_or_raise(
            _instance_query(context, context.session).filter_by(uuid=marker),
            exception.MarkerNotFound, marker=marker)
        marker_value = getattr(marker_row, sort_key)
        compare = column < marker_value if sort_dir == 'desc' else \
            column > marker_value
        tie = sa.and_(column == marker_value,
                      models.Instance.id < marker_row.id
                      if sort_dir == 'desc' else
                      models.Instance.id > marker_row.id)
        query = query.filter(sa.or_(compare, tie))
    if limit is not None:
        query = query.limit(limit)
    return query.all()


@api.context_manager.writer
def instance_update(context, uuid, values, expected_task_state=None,
                    expected_vm_state=None):
    """Update an instance, optionally only if it is in an expected state.

    ``expected_task_state``/``expected_vm_state`` are compare-and-swap
    guards: a tuple of acceptable values (None allowed).  The update is a
    single conditional UPDATE so two writers can never both pass the guard.
    """
    row = instance_get_by_uuid(context, uuid)
    query = context.session.query(models.Instance).filter_by(
        id=row.id, deleted=0)
    guards = (('task_state', expected_task_state),
              ('vm_state', expected_vm_state))
    for attr, expected in guards:
        if expected is None:
            continue
        column = getattr(models.Instance, attr)
        values_ok = [v for v in expected if v is not None]
        clause = column.in_(values_ok) if values_ok else sa.false()
        if None in expected:
            clause = sa.or_(clause, column.is_(None))
        query = query.filter(clause)
    values = dict(values, updated_at=timeutils.utcnow())
    updated = query.update(values, synchronize_session=False)
    if updated != 1:
        context.session.refresh(row)
        raise exception.UnexpectedTaskStateError(
            instance_uuid=uuid, expected=expected_task_state,
            actual=row.task_state)
    context.session.refresh(row)
    return row


@api.context_manager.writer
def instance_destroy(context, uuid):
    row = instance_get_by_uuid(context, uuid)
    api.soft_delete(row)
    row.terminated_at = timeutils.utcnow()
    context.session.flush()
    return row


@api.context_manager.writer
def instance_fault_create(context, values):
    return api.add_row(context, models.InstanceFault, values)


@api.context_manager.reader
def instance_fault_get_by_instance_uuids(context, instance_uuids):
    """{uuid: [faults newest first]}."""
    rows = context.session.query(models.InstanceFault).filter(
        models.InstanceFault.instance_uuid.in_(list(instance_uuids))
    ).order_by(models.InstanceFault.created_at.desc(),
               models.InstanceFault.id.desc()).all()
    faults = {uuid: [] for uuid in instance_uuids}
    for row in rows:
        faults[row.instance_uuid].append(row)
    return faults
