"""Flavors and the local image registry."""

from nova.db.main import api
from nova.db.main import models
from nova import exception


@api.context_manager.writer
def flavor_create(context, values):
    return api.add_row(context, models.Flavor, values)


@api.context_manager.reader
def flavor_get(context, flavor_id):
    query = context.session.query(models.Flavor).filter_by(id=flavor_id)
    return api.first_or_raise(query, exception.FlavorNotFound,
                              flavor_id=flavor_id)


@api.context_manager.reader
def flavor_get_by_flavor_id(context, flavorid):
    query = context.session.query(models.Flavor).filter_by(
        flavorid=str(flavorid))
    return api.first_or_raise(query, exception.FlavorNotFound,
                              flavor_id=flavorid)


@api.context_manager.reader
def flavor_get_all(context, is_public=None):
    query = context.session.query(models.Flavor).filter_by(disabled=False)
    if is_public is not None:
        query = query.filter_by(is_public=is_public)
    return query.order_by(models.Flavor.flavorid).all()


@api.context_manager.writer
def image_create(context, values):
    return api.add_row(context, models.Image, values)


@api.context_manager.reader
def image_get(context, image_id):
    query = context.session.query(models.Image).filter_by(id=image_id)
    return api.first_or_raise(query, exception.ImageNotFound,
                              image_id=image_id)


@api.context_manager.reader
def image_get_all(context, name=None, ids=None):
    query = context.session.query(models.Image)
    if name is not None:
        query = query.filter_by(name=name)
    if ids is not None:
        query = query.filter(models.Image.id.in_(list(ids)))
    return query.order_by(models.Image.name).all()
