"""Host aggregates (``os-aggregates``): names, hosts and metadata."""

from oslo_db import exception as db_exc
from oslo_utils import timeutils

from nova.db.main import api
from nova.db.main import models
from nova import exception


def _hosts_and_metadata(context, rows):
    """{aggregate id: (hosts, metadata)} of ``rows``, in two queries."""
    ids = [row.id for row in rows]
    result = {agg_id: ([], {}) for agg_id in ids}
    if not ids:
        return result
    hosts = context.session.query(models.AggregateHost).filter(
        models.AggregateHost.aggregate_id.in_(ids)).order_by(
            models.AggregateHost.id)
    for host in hosts:
        result[host.aggregate_id][0].append(host.host)
    metadata = context.session.query(models.AggregateMetadata).filter(
        models.AggregateMetadata.aggregate_id.in_(ids))
    for item in metadata:
        result[item.aggregate_id][1][item.key] = item.value
    return result


def _as_dicts(context, rows):
    details = _hosts_and_metadata(context, rows)
    return [dict(row.items(), hosts=details[row.id][0],
                 metadata=details[row.id][1]) for row in rows]


def _get_row(context, aggregate_id):
    return api.first_or_raise(
        api.model_query(context, models.Aggregate).filter_by(
            id=aggregate_id),
        exception.AggregateNotFound, aggregate_id=aggregate_id)


@api.context_manager.reader
def aggregate_get(context, aggregate_id):
    """The aggregate as a dict with its ``hosts`` and ``metadata``."""
    return _as_dicts(context, [_get_row(context, aggregate_id)])[0]


@api.context_manager.reader
def aggregate_get_all(context, host=None):
    """Every aggregate by id; only those holding ``host`` if given."""
    query = api.model_query(context, models.Aggregate)
    if host is not None:
        query = query.join(models.AggregateHost,
                           models.AggregateHost.aggregate_id ==
                           models.Aggregate.id).filter(
                               models.AggregateHost.host == host)
    return _as_dicts(context, query.order_by(models.Aggregate.id).all())


@api.context_manager.writer
def aggregate_create(context, values, metadata=None):
    try:
        row = api.add_row(context, models.Aggregate, values)
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    _set_metadata(context, row.id, metadata or {})
    return aggregate_get(context, row.id)


@api.context_manager.writer
def aggregate_update(context, aggregate_id, values, metadata=None):
    """Change columns (``name``) and metadata (None values delete)."""
    row = _get_row(context, aggregate_id)
    row.update(values)
    try:
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    _set_metadata(context, aggregate_id, metadata or {})
    return aggregate_get(context, aggregate_id)


def _set_metadata(context, aggregate_id, metadata):
    if not metadata:
        return
    existing = {item.key: item for item in context.session.query(
        models.AggregateMetadata).filter_by(aggregate_id=aggregate_id)}
    for key, value in metadata.items():
        item = existing.get(key)
        if value is None:
            if item is not None:
                context.session.delete(item)
        elif item is None:
            api.add_row(context, models.AggregateMetadata,
                        {'aggregate_id': aggregate_id, 'key': key,
                         'value': value})
        else:
            item.value = value
    # The aggregate itself is updated when its metadata is.
    _get_row(context, aggregate_id).updated_at = timeutils.utcnow()
    context.session.flush()


@api.context_manager.writer
def aggregate_delete(context, aggregate_id):
    """Delete an aggregate that holds no host (409 otherwise)."""
    row = _get_row(context, aggregate_id)
    if context.session.query(models.AggregateHost).filter_by(
            aggregate_id=aggregate_id).count():
        raise exception.InvalidAggregateAction(
            action='delete', aggregate_id=aggregate_id,
            reason='Host list is not empty')
    for model in (models.AggregateHost, models.AggregateMetadata):
        context.session.query(model).filter_by(
            aggregate_id=aggregate_id).delete()
    context.session.delete(row)
    context.session.flush()


@api.context_manager.writer
def aggregate_host_add(context, aggregate_id, host):
    _get_row(context, aggregate_id)
    try:
        api.add_row(context, models.AggregateHost,
                    {'aggregate_id': aggregate_id, 'host': host})
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                            host=host)
    return aggregate_get(context, aggregate_id)


@api.context_manager.writer
def aggregate_host_delete(context, aggregate_id, host):
    _get_row(context, aggregate_id)
    deleted = context.session.query(models.AggregateHost).filter_by(
        aggregate_id=aggregate_id, host=host).delete()
    if not deleted:
        raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                              host=host)
    return aggregate_get(context, aggregate_id)
