"""Read-only images from the local registry.

Two faces of the same registry: Nova's image proxy API (``/images``,
microversions 2.1-2.35, 404 from 2.36 like upstream) and the Glance v2
paths python-novaclient asks the compute endpoint for (``/v2/images``,
every microversion).  No image service runs here; booting accepts any
image UUID whether registered or not.
"""

import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import images as schema
from nova.api.openstack.compute.views import images as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.db.main import catalog
from nova import exception
from nova.i18n import _


def _last(req, name):
    values = req.GET.getall(name)
    return values[-1] if values else None


def _id_filter(value):
    """Glance's ``in:<id>,<id>`` (or a single id) as a list of ids."""
    if value is None:
        return None
    if value.startswith('in:'):
        value = value[len('in:'):]
    return [item.strip() for item in value.split(',') if item.strip()]


def _page(req):
    """Registered images matching the query, one page, and the limit."""
    context = common.get_context(req)
    limit, marker = common.get_limit_and_marker(req)
    images = catalog.image_get_all(context, name=_last(req, 'name'),
                                   ids=_id_filter(_last(req, 'id')))
    if marker is not None:
        ids = [image.id for image in images]
        if marker not in ids:
            raise webob.exc.HTTPBadRequest(
                explanation=_('marker [%s] not found') % marker)
        images = images[ids.index(marker) + 1:]
    return images[:limit], limit


def _get(req, image_id):
    with common.translate(exception.ImageNotFound, webob.exc.HTTPNotFound):
        return catalog.image_get(common.get_context(req), image_id)


class ImagesController:
    """``/images``: Nova's image proxy, gone at 2.36."""

    def __init__(self):
        self._view = views.ViewBuilder()

    @wsgi.api_version('2.1', '2.35')
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        images, limit = _page(req)
        return self._view.index(req, images, limit)

    @wsgi.api_version('2.1', '2.35')
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        images, limit = _page(req)
        return self._view.detail(req, images, limit)

    @wsgi.api_version('2.1', '2.35')
    @wsgi.expected_errors(404)
    def show(self, req, id):
        return self._view.show(req, _get(req, id))


class GlanceImagesController:
    """``/v2/images``: the Image service shape, at every microversion."""

    def __init__(self):
        self._view = views.GlanceViewBuilder()

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        images, limit = _page(req)
        return self._view.index(images, limit)

    @wsgi.expected_errors(404)
    def show(self, req, id):
        return self._view.show(_get(req, id))
