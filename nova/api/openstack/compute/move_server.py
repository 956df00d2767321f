"""``resize``, ``confirmResize`` and ``revertResize``.

Resize (like the cold ``migrate`` of ``migrate_server``) waits for the
conductor to claim a destination, so a flavor that fits nowhere is a 400
(``No valid host was found``) and the server is left as it was.  A resize
whose growth in cores or ram would exceed the project's quota is a 403.
"""

import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import server_actions as policies

RULE = policies.POLICY_ROOT


def call_move(server_id, action, call):
    """Run a resize/migrate request, mapping its refusals to 400/409."""
    try:
        call()
    except exception.InstanceInvalidState as exc:
        common.raise_http_conflict_for_instance_invalid_state(
            exc, action, server_id)
    except (exception.FlavorNotFound, exception.ComputeHostNotFound,
            exception.Invalid, exception.NoValidHost) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except exception.OverQuota as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.Conflict as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


class MoveServerController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('resize')
    @validation.schema(schema.resize)
    def _resize(self, req, id, body):
        context = common.get_context(req)
        instance = self._instance(context, id)
        context.can(RULE % 'resize', target=action_base.target(instance))
        flavor_ref = str(body['resize']['flavorRef'])
        flavor_id = flavor_ref.rstrip('/').rsplit('/', 1)[-1]
        call_move(id, 'resize', lambda: self.compute_api.resize(
            context, instance,
            objects.Flavor.get_by_flavor_id(context, flavor_id)))

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('confirmResize')
    @validation.schema(schema.no_body('confirmResize'))
    def _confirm_resize(self, req, id, body):
        self._finish_move(req, id, 'confirm_resize', 'confirmResize',
                          self.compute_api.confirm_resize)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('revertResize')
    @validation.schema(schema.no_body('revertResize'))
    def _revert_resize(self, req, id, body):
        self._finish_move(req, id, 'revert_resize', 'revertResize',
                          self.compute_api.revert_resize)

    def _finish_move(self, req, server_id, rule, action, call):
        try:
            self._perform(req, server_id, RULE % rule, action, call)
        except exception.MigrationNotFound:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Instance has not been resized.'))
