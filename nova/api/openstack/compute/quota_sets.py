"""``/os-quota-sets``: a project's (or user's) compute limits.

Shown with ``id`` (the project), updated by administrators, reset with
DELETE.  Which resources appear depends on the microversion: the network
resources until 2.35, the injected-file resources until 2.56.
"""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import quota_sets as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.policies import quota_sets as qs_policies
from nova import quota


def visible_resources(req, network_removed_in='2.36'):
    """The resource names of this microversion's quota bodies."""
    names = list(quota.ALL_RESOURCES)
    if api_version_request.is_supported(req, network_removed_in):
        names = [n for n in names if n not in quota.NETWORK_DEFAULTS]
    if api_version_request.is_supported(req, '2.57'):
        names = [n for n in names if n not in quota.FILE_RESOURCES]
    return names


def _user_id(req):
    values = req.GET.getall('user_id')
    return values[-1] if values else None


def _limits_body(req, limits, project_id=None):
    body = {name: limits[name] for name in visible_resources(req)}
    if project_id is not None:
        body['id'] = project_id
    return {'quota_set': body}


class QuotaSetsController:

    def _context(self, req, rule, project_id):
        context = common.get_context(req)
        context.can(qs_policies.POLICY_ROOT % rule,
                    target={'project_id': project_id})
        return context

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        context = self._context(req, 'show', id)
        return _limits_body(req, quota.get_limits(context, id, _user_id(req)),
                            id)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.show_query)
    def detail(self, req, id):
        context = self._context(req, 'detail', id)
        user_id = _user_id(req)
        limits = quota.get_limits(context, id, user_id)
        usage = quota.get_usage(context, id, user_id)
        body = {name: {'limit': limits[name], 'in_use': usage[name],
                       'reserved': 0}
                for name in visible_resources(req)}
        body['id'] = id
        return {'quota_set': body}

    @wsgi.expected_errors(())
    def defaults(self, req, id):
        context = self._context(req, 'defaults', id)
        return _limits_body(req, quota.defaults(context), id)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.query)
    @validation.schema(schema.update, '2.1', '2.35')
    @validation.schema(schema.update_v236, '2.36', '2.56')
    @validation.schema(schema.update_v257, '2.57')
    def update(self, req, id, body):
        context = self._context(req, 'update', id)
        values = dict(body['quota_set'])
        force = strutils.bool_from_string(values.pop('force', False))
        values = {name: int(limit) for name, limit in values.items()}
        with common.translate(exception.Invalid, webob.exc.HTTPBadRequest):
            limits = quota.update(context, id, values, user_id=_user_id(req),
                                  force=force)
        return _limits_body(req, limits)

    @wsgi.response(202)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.query)
    def delete(self, req, id):
        context = self._context(req, 'delete', id)
        quota.reset(context, id, _user_id(req))
