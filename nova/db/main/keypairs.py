"""Key pairs of users (``os-keypairs``)."""

from oslo_db import exception as db_exc

from nova.db.main import api
from nova.db.main import models
from nova import exception


def _query(context):
    return api.model_query(context, models.KeyPair, session=context.session)


@api.context_manager.writer
def key_pair_create(context, values):
    try:
        return api.add_row(context, models.KeyPair, values)
    except db_exc.DBDuplicateEntry:
        raise exception.KeyPairExists(key_name=values['name'])


@api.context_manager.reader
def key_pair_get(context, user_id, name):
    return api.first_or_raise(
        _query(context).filter_by(user_id=user_id, name=name),
        exception.KeypairNotFound, user_id=user_id, name=name)


@api.context_manager.reader
def key_pair_get_all_by_user(context, user_id, limit=None, marker=None):
    """The user's key pairs by name; after the ``marker`` name if given."""
    query = _query(context).filter_by(user_id=user_id)
    if marker is not None:
        if not query.filter_by(name=marker).count():
            raise exception.MarkerNotFound(marker=marker)
        query = query.filter(models.KeyPair.name > marker)
    query = query.order_by(models.KeyPair.name.asc(),
                           models.KeyPair.id.asc())
    if limit is not None:
        query = query.limit(limit)
    return query.all()


@api.context_manager.writer
def key_pair_destroy(context, user_id, name):
    row = key_pair_get(context, user_id, name)
    api.soft_delete(row)
    context.session.flush()
