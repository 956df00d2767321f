"""Migration records."""

from oslo_utils import timeutils
import sqlalchemy as sa

from nova.db.main import api
from nova.db.main import models
from nova import exception


def _query(context, session):
    return api.model_query(context, models.Migration, session=session)


@api.context_manager.writer
def migration_create(context, values):
    return api.add_row(context, models.Migration, values)


@api.context_manager.reader
def migration_get(context, migration_id):
    query = _query(context, context.session).filter_by(id=migration_id)
    return api.first_or_raise(query, exception.MigrationNotFound,
                              migration_id=migration_id)


@api.context_manager.reader
def migration_get_by_uuid(context, migration_uuid):
    query = _query(context, context.session).filter_by(uuid=migration_uuid)
    return api.first_or_raise(query, exception.MigrationNotFound,
                              migration_id=migration_uuid)


@api.context_manager.reader
def migration_get_by_id_and_instance(context, migration_id, instance_uuid):
    query = _query(context, context.session).filter_by(
        id=migration_id, instance_uuid=instance_uuid)
    return api.first_or_raise(query, exception.MigrationNotFoundForInstance,
                              migration_id=migration_id,
                              instance_id=instance_uuid)


@api.context_manager.reader
def migration_get_with_compute_version(context, migration_id, instance_uuid,
                                       host):
    """The instance's migration and ``host``'s nova-compute version.

    One query (the service row outer-joined), for the abort path that needs
    both; the version is None when the host has no compute service record.
    """
    service = models.Service
    result = _query(context, context.session).add_columns(
        service.version).outerjoin(service, sa.and_(
            service.host == host, service.binary == 'nova-compute',
            service.deleted == 0)).filter(
        models.Migration.id == migration_id,
        models.Migration.instance_uuid == instance_uuid).first()
    if result is None:
        raise exception.MigrationNotFoundForInstance(
            migration_id=migration_id, instance_id=instance_uuid)
    return result[0], result[1]


@api.context_manager.writer
def migration_update(context, migration_id, values, expected_status=None):
    """Update a migration; with ``expected_status`` only from that status.

    The status guard is one conditional UPDATE, so of two writers racing to
    move a migration out of the same status exactly one succeeds.
    """
    query = context.session.query(models.Migration).filter_by(
        id=migration_id, deleted=0)
    if expected_status is not None:
        if isinstance(expected_status, str):
            expected_status = (expected_status,)
        query = query.filter(models.Migration.status.in_(
            list(expected_status)))
    values = dict(values, updated_at=timeutils.utcnow())
    if query.update(values, synchronize_session=False) != 1:
        row = migration_get(context, migration_id)
        raise exception.InvalidMigrationTransition(
            migration_id=migration_id, current=row.status,
            target=values.get('status'))
    row = migration_get(context, migration_id)
    context.session.refresh(row)
    return row


@api.context_manager.reader
def migration_get_all_by_filters(context, filters=None, sort_newest=False,
                                 limit=None, marker=None):
    """Migrations matching Nova's /os-migrations filters."""
    filters = filters or {}
    query = _query(context, context.session)
    query = _apply_filters(query, filters)
    if sort_newest:
        query = query.order_by(models.Migration.created_at.desc(),
                               models.Migration.id.desc())
    else:
        query = query.order_by(models.Migration.id)
    if marker is not None:
        marker_row = api.first_or_raise(
            _query(context, context.session).filter_by(uuid=marker),
            exception.MarkerNotFound, marker=marker)
        query = query.filter(_after_marker(marker_row, sort_newest))
    if limit is not None:
        query = query.limit(limit)
    return query.all()


def _after_marker(marker_row, sort_newest):
    """Rows that come after the marker in the chosen order."""
    model = models.Migration
    if not sort_newest:
        return model.id > marker_row.id
    return sa.or_(model.created_at < marker_row.created_at,
                  sa.and_(model.created_at == marker_row.created_at,
                          model.id < marker_row.id))


def _apply_filters(query, filters):
    model = models.Migration
    if 'host' in filters:
        query = query.filter(sa.or_(model.source_compute == filters['host'],
                                    model.dest_compute == filters['host']))
    for key in ('instance_uuid', 'source_compute', 'dest_compute',
                'migration_type', 'user_id', 'project_id'):
        if filters.get(key) is not None:
            query = query.filter(getattr(model, key) == filters[key])
    if filters.get('status') is not None:
        status = filters['status']
        if isinstance(status, (list, tuple, set)):
            query = query.filter(model.status.in_(list(status)))
        else:
            query = query.filter(model.status == status)
    if 'hidden' in filters:
        query = query.filter(model.hidden == bool(filters['hidden']))
    if filters.get('changes-since') is not None:
        query = query.filter(model.updated_at >= filters['changes-since'])
    return query
