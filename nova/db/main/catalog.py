"""Flavors (with access lists and extra specs) and the image registry."""

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


# Flavor management: update, delete, access lists and extra specs.

@api.context_manager.writer
def flavor_update(context, flavorid, values):
    row = _flavor_row(context, flavorid)
    row.update(values)
    context.session.flush()
    return row


def _flavor_row(context, flavorid):
    row = context.session.query(models.Flavor).filter_by(
        flavorid=str(flavorid)).first()
    if row is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return row


@api.context_manager.writer
def flavor_destroy(context, flavorid):
    """Delete the flavor with its access list and extra specs."""
    row = _flavor_row(context, flavorid)
    for model in (models.FlavorProject, models.FlavorExtraSpec):
        context.session.query(model).filter_by(flavor_id=row.id).delete(
            synchronize_session=False)
    context.session.delete(row)


@api.context_manager.reader
def flavor_exists(context, flavorid=None, name=None):
    query = context.session.query(models.Flavor)
    if flavorid is not None:
        query = query.filter_by(flavorid=str(flavorid))
    if name is not None:
        query = query.filter_by(name=name)
    return query.first() is not None


@api.context_manager.reader
def flavor_access_get(context, flavorid):
    row = _flavor_row(context, flavorid)
    return sorted(access.project_id for access in context.session.query(
        models.FlavorProject).filter_by(flavor_id=row.id))


@api.context_manager.writer
def flavor_access_add(context, flavorid, project_id):
    row = _flavor_row(context, flavorid)
    if context.session.query(models.FlavorProject).filter_by(
            flavor_id=row.id, project_id=project_id).first() is not None:
        raise exception.FlavorAccessExists(flavor_id=flavorid,
                                           project_id=project_id)
    context.session.add(models.FlavorProject(flavor_id=row.id,
                                             project_id=project_id))
    context.session.flush()


@api.context_manager.writer
def flavor_access_remove(context, flavorid, project_id):
    row = _flavor_row(context, flavorid)
    count = context.session.query(models.FlavorProject).filter_by(
        flavor_id=row.id, project_id=project_id).delete(
        synchronize_session=False)
    if not count:
        raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                             project_id=project_id)


@api.context_manager.reader
def flavor_ids_for_project(context, project_id):
    """Database ids of the private flavors ``project_id`` may use."""
    return {access.flavor_id for access in context.session.query(
        models.FlavorProject).filter_by(project_id=project_id)}


@api.context_manager.reader
def flavor_extra_specs_get(context, flavorid):
    row = _flavor_row(context, flavorid)
    return {spec.key: spec.value for spec in context.session.query(
        models.FlavorExtraSpec).filter_by(flavor_id=row.id)}


@api.context_manager.writer
def flavor_extra_specs_update(context, flavorid, specs):
    row = _flavor_row(context, flavorid)
    existing = {spec.key: spec for spec in context.session.query(
        models.FlavorExtraSpec).filter_by(flavor_id=row.id)}
    for key, value in specs.items():
        spec = existing.get(key)
        if spec is None:
            spec = models.FlavorExtraSpec(flavor_id=row.id, key=key)
            context.session.add(spec)
        spec.value = value
    context.session.flush()


@api.context_manager.writer
def flavor_extra_specs_delete(context, flavorid, key):
    row = _flavor_row(context, flavorid)
    count = context.session.query(models.FlavorExtraSpec).filter_by(
        flavor_id=row.id, key=key).delete(synchronize_session=False)
    if not count:
        raise exception.FlavorExtraSpecsNotFound(flavor_id=flavorid,
                                                 extra_specs_key=key)
