"""Instances and their faults."""

import json

from oslo_db.sqlalchemy import utils as db_utils
from oslo_utils import timeutils
import sqlalchemy as sa

from nova.db.main import api
from nova.db.main import models
from nova import exception

_DEFAULT_SORT_KEYS = ('created_at', 'id')
#: Keys of ``instance_extra.flavor``: current, and old/new during a resize.
FLAVOR_KEYS = ('cur', 'old', 'new')


def _instance_query(context, session):
    return api.model_query(context, models.Instance, session=session)


@api.context_manager.writer
def instance_create(context, values, metadata=None, flavors=None):
    """Insert an instance with its metadata and the flavors it carries.

    ``flavors`` maps ``cur``/``old``/``new`` to a serialized Flavor (or
    None), as ``instance_extra.flavor`` stores them.
    """
    row = api.add_row(context, models.Instance, values)
    _metadata_insert(context, row.uuid, metadata or {})
    _flavors_update(context, row, flavors or {})
    context.session.flush()
    return row


def flavors_of(row):
    """The ``cur``/``old``/``new`` serialized flavors of an instance row."""
    extra = getattr(row, 'extra', None)
    stored = json.loads(extra.flavor) if extra and extra.flavor else {}
    return {key: stored.get(key) for key in FLAVOR_KEYS}


def _flavors_update(context, row, changes):
    """Merge ``changes`` into the flavors ``row`` carries.

    Reads ``row.extra`` in the session even with nothing to change, so
    the row returned to the objects layer has it loaded.
    """
    flavors = flavors_of(row)
    if not changes:
        return
    flavors.update(changes)
    if row.extra is None:
        row.extra = models.InstanceExtra(instance_uuid=row.uuid)
        context.session.add(row.extra)
    row.extra.flavor = json.dumps(flavors)


@api.context_manager.reader
def instance_get_by_uuid(context, uuid):
    query = _instance_query(context, context.session).filter_by(uuid=uuid)
    return api.first_or_raise(query, exception.InstanceNotFound,
                              instance_id=uuid)


def _apply_filters(context, query, filters):
    for key in ('host', 'node', 'project_id', 'user_id', 'vm_state',
                'task_state', 'uuid', 'image_ref', 'display_name',
                'instance_type_id', 'reservation_id'):
        if key in filters:
            value = filters[key]
            column = getattr(models.Instance, key)
            if isinstance(value, (list, tuple, set)):
                query = query.filter(column.in_(list(value)))
            else:
                query = query.filter(column == value)
    if 'name' in filters:
        query = query.filter(api.regexp_match(
            context, models.Instance.display_name, filters['name']))
    if 'changes-since' in filters:
        query = query.filter(
            models.Instance.updated_at >= filters['changes-since'])
    return query


@api.context_manager.reader
def instance_get_all_by_filters(context, filters=None, limit=None,
                                marker=None, sort_keys=None, sort_dirs=None):
    """Instances matching ``filters``, paged by uuid marker.

    Ordered by ``sort_keys``/``sort_dirs`` (default: newest first), with
    ``id`` last so that the order, and so paging, is total.
    """
    query = _apply_filters(context,
                           _instance_query(context, context.session),
                           filters or {})
    sort_keys = list(sort_keys or _DEFAULT_SORT_KEYS)
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    if 'id' not in sort_keys:
        sort_keys.append('id')
        sort_dirs.append(sort_dirs[0])
    marker_row = None
    if marker is not None:
        marker_row = api.first_or_raise(
            _instance_query(context, context.session).filter_by(uuid=marker),
            exception.MarkerNotFound, marker=marker)
    query = db_utils.paginate_query(query, models.Instance, limit,
                                    sort_keys, marker=marker_row,
                                    sort_dirs=sort_dirs)
    return query.all()


@api.context_manager.writer
def instance_update(context, uuid, values, expected_task_state=None,
                    expected_vm_state=None, flavors=None):
    """Update an instance, optionally only if it is in an expected state.

    ``expected_task_state``/``expected_vm_state`` are compare-and-swap
    guards: a tuple of acceptable values (None allowed).  The update is a
    single conditional UPDATE so two writers can never both pass the guard.
    ``flavors`` (as for instance_create) are written only once it passed.
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
    _flavors_update(context, row, flavors or {})
    context.session.flush()
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


# Server metadata: key/value rows beside the instance.

@api.context_manager.reader
def instance_metadata_get_by_uuids(context, instance_uuids):
    """{uuid: {key: value}} for every uuid given (empty dicts included)."""
    metadata = {uuid: {} for uuid in instance_uuids}
    if not metadata:
        return metadata
    rows = context.session.query(models.InstanceMetadata).filter(
        models.InstanceMetadata.instance_uuid.in_(list(metadata))).all()
    for row in rows:
        metadata[row.instance_uuid][row.key] = row.value
    return metadata


def _metadata_insert(context, instance_uuid, items):
    for key, value in items.items():
        context.session.add(models.InstanceMetadata(
            instance_uuid=instance_uuid, key=key, value=value))


@api.context_manager.writer
def instance_metadata_update(context, instance_uuid, items, replace=False):
    """Set ``items`` (replacing every other key when ``replace``).

    :returns: the instance's whole metadata afterwards.
    """
    instance_get_by_uuid(context, instance_uuid)
    query = context.session.query(models.InstanceMetadata).filter_by(
        instance_uuid=instance_uuid)
    current = {row.key: row for row in query.all()}
    for key, row in current.items():
        if key in items:
            row.value = items[key]
        elif replace:
            context.session.delete(row)
    _metadata_insert(context, instance_uuid,
                     {k: v for k, v in items.items() if k not in current})
    context.session.flush()
    return instance_metadata_get_by_uuids(
        context, [instance_uuid])[instance_uuid]


@api.context_manager.writer
def instance_metadata_delete(context, instance_uuid, key):
    """Remove one key; False when the server had no such key."""
    instance_get_by_uuid(context, instance_uuid)
    deleted = context.session.query(models.InstanceMetadata).filter_by(
        instance_uuid=instance_uuid, key=key).delete(
            synchronize_session=False)
    return bool(deleted)
