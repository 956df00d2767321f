"""Quota limits as stored, and the usage they are checked against."""

import sqlalchemy as sa

from nova.db.main import api
from nova.db.main import models


@api.context_manager.reader
def quota_get_all(context, project_id, user_id=''):
    """{resource: hard_limit} set for the project (or one of its users)."""
    rows = context.session.query(models.Quota).filter_by(
        project_id=project_id, user_id=user_id or '')
    return {row.resource: row.hard_limit for row in rows}


@api.context_manager.writer
def quota_set(context, project_id, limits, user_id=''):
    """Insert or update one row per resource of ``limits``."""
    _upsert(context, models.Quota,
            dict(project_id=project_id, user_id=user_id or ''), limits)


@api.context_manager.writer
def quota_destroy_all(context, project_id, user_id=None):
    """Drop the project's rows (and its users'), or one user's only."""
    query = context.session.query(models.Quota).filter_by(
        project_id=project_id)
    if user_id:
        query = query.filter_by(user_id=user_id)
    query.delete(synchronize_session=False)


@api.context_manager.reader
def quota_class_get_all(context, class_name):
    rows = context.session.query(models.QuotaClass).filter_by(
        class_name=class_name)
    return {row.resource: row.hard_limit for row in rows}


@api.context_manager.writer
def quota_class_set(context, class_name, limits):
    _upsert(context, models.QuotaClass, dict(class_name=class_name), limits)


def _upsert(context, model, keys, limits):
    rows = {row.resource: row for row in
            context.session.query(model).filter_by(**keys)}
    for resource, limit in limits.items():
        row = rows.get(resource)
        if row is None:
            row = model(resource=resource, **keys)
            context.session.add(row)
        row.hard_limit = limit
    context.session.flush()


@api.context_manager.reader
def instance_usage(context, project_id, user_id=None):
    """(instances, cores, ram) of the live instances of a project/user."""
    query = context.session.query(
        sa.func.count(models.Instance.id),
        sa.func.coalesce(sa.func.sum(models.Instance.vcpus), 0),
        sa.func.coalesce(sa.func.sum(models.Instance.memory_mb), 0)).filter(
        models.Instance.project_id == project_id,
        models.Instance.deleted == 0)
    if user_id:
        query = query.filter(models.Instance.user_id == user_id)
    count, cores, ram = query.one()
    return {'instances': int(count), 'cores': int(cores), 'ram': int(ram)}
