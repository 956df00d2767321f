"""The flavors API: the sizes a server can be booted with (read only)."""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import client_input
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import flavor_manage as \
    extra_specs_schema
from nova.api.openstack.compute.schemas import flavors as schema
from nova.api.openstack.compute.views import flavors as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import flavors as flavors_policies


def _last(req, name):
    values = req.GET.getall(name)
    return values[-1] if values else None


class FlavorsController:
    """``/flavors``: every caller may read them; no policy applies."""

    def __init__(self):
        self._view = views.ViewBuilder()

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        flavors, limit = self._page(req)
        return self._view.index(req, flavors, limit)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        flavors, limit = self._page(req)
        return self._view.detail(req, flavors, limit)

    @wsgi.expected_errors(404)
    def show(self, req, id):
        context = common.get_context(req)
        with common.translate(exception.FlavorNotFound,
                              webob.exc.HTTPNotFound):
            return self._view.show(
                req, objects.Flavor.get_by_flavor_id(context, id))

    def _page(self, req):
        """Enabled flavors by flavor id, filtered, then one page."""
        context = common.get_context(req)
        limit, marker = common.get_limit_and_marker(req)
        is_public = self._is_public(context, _last(req, 'is_public'))
        flavors = list(objects.FlavorList.get_all(
            context, is_public=is_public, project_id=context.project_id))
        min_ram = client_input.integer(_last(req, 'minRam') or 0, 'minRam')
        min_disk = client_input.integer(_last(req, 'minDisk') or 0, 'minDisk')
        flavors = [f for f in flavors
                   if f.memory_mb >= min_ram and f.root_gb >= min_disk]
        if marker is not None:
            ids = [f.flavorid for f in flavors]
            if marker not in ids:
                raise webob.exc.HTTPBadRequest(
                    explanation=_('marker [%s] not found')
                    % client_input.quote(marker))
            flavors = flavors[ids.index(marker) + 1:]
        return flavors[:limit], limit

    @staticmethod
    def _is_public(context, value):
        """True (the default), False, or None for "all" (admins only).

        Clients send the literal ``None``; non-admins always see the
        public flavors and the private ones their project was given.
        """
        if value is None:
            return True
        if value.lower() == 'none':
            parsed = None
        else:
            try:
                parsed = strutils.bool_from_string(value, strict=True)
            except ValueError:
                raise webob.exc.HTTPBadRequest(
                    explanation=_('Invalid is_public filter [%s]')
                    % client_input.quote(value))
        return parsed if context.is_admin else True


class FlavorExtraSpecsController:
    """``/flavors/{flavor_id}/os-extra_specs``: key/value pairs of a flavor.

    Anyone who may read flavors may read them; administrators set them.
    The values are stored and returned; no scheduler filter reads them.
    """

    @wsgi.expected_errors(404)
    def index(self, req, flavor_id):
        context = self._checked_context(req, 'index')
        return {'extra_specs': self._get_flavor(
            context, flavor_id).get_extra_specs()}

    @wsgi.expected_errors(404)
    def show(self, req, flavor_id, id):
        context = self._checked_context(req, 'show')
        specs = self._get_flavor(context, flavor_id).get_extra_specs()
        if id not in specs:
            raise webob.exc.HTTPNotFound(
                explanation=exception.FlavorExtraSpecsNotFound(
                    flavor_id=flavor_id, extra_specs_key=id).format_message())
        return {id: specs[id]}

    @wsgi.expected_errors((400, 404))
    @validation.schema(extra_specs_schema.extra_specs_create)
    def create(self, req, flavor_id, body):
        context = self._checked_context(req, 'create')
        flavor = self._get_flavor(context, flavor_id)
        flavor.update_extra_specs(_as_strings(body['extra_specs']))
        return {'extra_specs': flavor.get_extra_specs()}

    @wsgi.expected_errors((400, 404))
    @validation.schema(extra_specs_schema.extra_spec_update)
    def update(self, req, flavor_id, id, body):
        context = self._checked_context(req, 'update')
        if id not in body:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Request body and URI mismatch'))
        flavor = self._get_flavor(context, flavor_id)
        flavor.update_extra_specs(_as_strings(body))
        return {id: flavor.get_extra_specs()[id]}

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    def delete(self, req, flavor_id, id):
        context = self._checked_context(req, 'delete')
        flavor = self._get_flavor(context, flavor_id)
        with common.translate(exception.FlavorExtraSpecsNotFound,
                              webob.exc.HTTPNotFound):
            flavor.delete_extra_spec(id)

    @staticmethod
    def _checked_context(req, rule):
        context = common.get_context(req)
        context.can(flavors_policies.EXTRA_SPECS_POLICY_ROOT % rule,
                    target={'project_id': context.project_id})
        return context

    @staticmethod
    def _get_flavor(context, flavor_id):
        with common.translate(exception.FlavorNotFound,
                              webob.exc.HTTPNotFound):
            return objects.Flavor.get_by_flavor_id(context, flavor_id)


def _as_strings(specs):
    """Values are stored as strings, as Nova does (True -> 'True')."""
    return {key: str(value) for key, value in specs.items()}
