"""Admin flavor management: create, update (2.55 description), delete,
and the access list of private flavors (``os-flavor-access``).

A deleted flavor is gone, with its access list and extra specs; servers
booted from it keep their sizes (they are copied into each instance).
"""

from oslo_db import exception as db_exc
from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import flavor_manage as schema
from nova.api.openstack.compute.views import flavors as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import flavor_access as access_policies
from nova.policies import flavor_manage as manage_policies


def _get_flavor(context, flavor_id):
    with common.translate(exception.FlavorNotFound, webob.exc.HTTPNotFound):
        return objects.Flavor.get_by_flavor_id(context, flavor_id)


def _new_flavor(context, body):
    """A Flavor object from a create body (not yet saved)."""
    flavor_id = body.get('id')
    if flavor_id is None:
        flavor_id = uuidutils.generate_uuid()
    return objects.Flavor(
        context, flavorid=str(flavor_id), name=body['name'].strip(),
        vcpus=int(body['vcpus']), memory_mb=int(body['ram']),
        root_gb=int(body['disk']),
        ephemeral_gb=int(body.get('OS-FLV-EXT-DATA:ephemeral', 0)),
        swap=int(body.get('swap', 0)),
        rxtx_factor=float(body.get('rxtx_factor', 1.0)),
        is_public=strutils.bool_from_string(
            body.get('os-flavor-access:is_public', True), strict=True),
        disabled=False, description=body.get('description'))


class FlavorManageController:
    """Create, update and delete flavors; grant and revoke access.

    ``POST /flavors``, ``PUT``/``DELETE /flavors/{id}`` and the access-list
    actions of ``/flavors/{id}/action`` (admins).
    """

    def __init__(self):
        self._view = views.ViewBuilder()

    @staticmethod
    def _context(req, policy_name):
        context = common.get_context(req)
        context.can(policy_name, target={})
        return context

    @wsgi.expected_errors((400, 409))
    @validation.schema(schema.create, '2.1', '2.54')
    @validation.schema(schema.create_v255, '2.55')
    def create(self, req, body):
        context = self._context(req, manage_policies.POLICY_ROOT % 'create')
        flavor = _new_flavor(context, body['flavor'])
        self._check_unique(context, flavor)
        try:
            flavor.create()
        except db_exc.DBDuplicateEntry:
            raise webob.exc.HTTPConflict(explanation=_(
                'Flavor with name %(name)s or ID %(id)s already exists.')
                % {'name': flavor.name, 'id': flavor.flavorid})
        return self._view.show(req, flavor)

    @staticmethod
    def _check_unique(context, flavor):
        for what, kwargs in (('ID', {'flavorid': flavor.flavorid}),
                             ('name', {'name': flavor.name})):
            if objects.Flavor.exists(context, **kwargs):
                raise webob.exc.HTTPConflict(
                    explanation=exception.FlavorExists(
                        what=what,
                        value=list(kwargs.values())[0]).format_message())

    @wsgi.api_version('2.55')
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update_v255, '2.55')
    def update(self, req, id, body):
        context = self._context(req, manage_policies.POLICY_ROOT % 'update')
        flavor = _get_flavor(context, id)
        flavor.description = body['flavor']['description']
        flavor.save()
        return self._view.show(req, flavor)

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        context = self._context(req, manage_policies.POLICY_ROOT % 'delete')
        flavor = _get_flavor(context, id)
        with common.translate(exception.FlavorNotFound,
                              webob.exc.HTTPNotFound):
            flavor.destroy()

    # os-flavor-access actions.

    @wsgi.action('addTenantAccess')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.add_tenant_access)
    def _add_tenant_access(self, req, id, body):
        context = self._context(
            req, access_policies.POLICY_ROOT % 'add_tenant_access')
        flavor = self._private_flavor(context, id)
        with common.translate(exception.FlavorAccessExists,
                              webob.exc.HTTPConflict):
            flavor.add_access(body['addTenantAccess']['tenant'])
        return _access_body(flavor)

    @wsgi.action('removeTenantAccess')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.remove_tenant_access)
    def _remove_tenant_access(self, req, id, body):
        context = self._context(
            req, access_policies.POLICY_ROOT % 'remove_tenant_access')
        flavor = self._private_flavor(context, id)
        with common.translate(exception.FlavorAccessNotFound,
                              webob.exc.HTTPNotFound):
            flavor.remove_access(body['removeTenantAccess']['tenant'])
        return _access_body(flavor)

    @staticmethod
    def _private_flavor(context, flavor_id):
        flavor = _get_flavor(context, flavor_id)
        if flavor.is_public:
            raise webob.exc.HTTPConflict(explanation=_(
                'Can not add access to a public flavor.'))
        return flavor


def _access_body(flavor):
    return {'flavor_access': [
        {'flavor_id': flavor.flavorid, 'tenant_id': project_id}
        for project_id in flavor.get_projects()]}


class FlavorAccessController:
    """``GET /flavors/{flavor_id}/os-flavor-access``."""

    @wsgi.expected_errors(404)
    def index(self, req, flavor_id):
        context = common.get_context(req)
        context.can(access_policies.BASE_POLICY_NAME, target={})
        flavor = _get_flavor(context, flavor_id)
        if flavor.is_public:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Access list not available for public flavors.'))
        return _access_body(flavor)
