"""Flavors and the local image registry."""

from nova.db.main import api
from nova.db.main import models
from nova import exception


@api.context_manager.writer
def flavor_create(context, values):
    row = models.Flavor()
    row.update(values)
    context.session.add(row)
    context.session.flush()
    return row


@api.context_manager.reader
def flavor_get(context, flavor_id):
    row = context.session.query(models.Flavor).filter_by(
        id=flavor_id).first()
    if row is None:
        raise exception.FlavorNotFound(flavor_id=flavor_id)
    return row


@api.context_manager.reader
def flavor_get_by_flavor_id(context, flavorid):
    row = context.session.query(models.Flavor).filter_by(
        flavorid=str(flavorid)).first()
    if row is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return row


@api.context_manager.reader
def flavor_get_all(context, is_public=None):
    query = context.session.query(models.Flavor).filter_by(disabled=False)
    if is_public is not None:
        query = query.filter_by(is_public=is_public)
    return query.order_by(models.Flavor.flavorid).all()


@api.context_manager.writer
def image_create(context, values):
    row = models.Image()
    row.update(values)
    context.session.add(row)
    context.session.flush()
    return row


@api.context_manager.reader
def image_get(context, image_id):
    row = context.session.query(models.Image).filter_by(id=image_id).first()
    if row is None:
        raise exception.ImageNotFound(image_id=image_id)
    return row


@api.context_manager.reader
def image_get_all(context, name=None, ids=None):
    query = context.session.query(models.Image)
    if name is not None:
        query = query.filter_by(name=name)
    if ids is not None:
        query = query.filter(models.Image.id.in_(list(ids)))
    return query.order_by(models.Image.name).all()


@api.context_manager.writer
def image_update(context, image_id, values):
    row = image_get(context, image_id)
    row.update(values)
    context.session.flush()
    return row


@api.context_manager.writer
def image_destroy(context, image_id):
    context.session.query(models.Image).filter_by(id=image_id).delete(
        synchronize_session=False)


@api.context_manager.reader
def image_get_backups(context, instance_uuid, backup_type):
    """Backups of one server of one rotation, newest first."""
    return context.session.query(models.Image).filter_by(
        instance_uuid=instance_uuid, image_type='backup',
        backup_type=backup_type).order_by(
        models.Image.created_at.desc(), models.Image.name.desc()).all()


@api.context_manager.reader
def image_get_by_instance(context, instance_uuid, image_type):
    """The newest image of ``image_type`` made from a server, or None."""
    return context.session.query(models.Image).filter_by(
        instance_uuid=instance_uuid, image_type=image_type).order_by(
        models.Image.created_at.desc()).first()
