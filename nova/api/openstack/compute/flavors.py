"""The flavors API: the sizes a server can be booted with (read only)."""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import client_input
from nova.api.openstack import common
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
        flavors = list(objects.FlavorList.get_all(context,
                                                  is_public=is_public))
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

        Clients send the literal ``None``; non-admins always see public
        flavors only, as there is no flavor access list here.
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
    """``/flavors/{flavor_id}/os-extra_specs``: always empty here.

    This project stores no extra specs; the read paths exist because
    ``openstack flavor show`` reads them.
    """

    @wsgi.expected_errors(404)
    def index(self, req, flavor_id):
        context = self._checked_context(req, 'index')
        self._get_flavor(context, flavor_id)
        return {'extra_specs': {}}

    @wsgi.expected_errors(404)
    def show(self, req, flavor_id, id):
        context = self._checked_context(req, 'show')
        self._get_flavor(context, flavor_id)
        raise webob.exc.HTTPNotFound(
            explanation=_('Flavor %(flavor_id)s has no extra specs with '
                          'key %(key)s.') % {'flavor_id': flavor_id,
                                             'key': id})

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
