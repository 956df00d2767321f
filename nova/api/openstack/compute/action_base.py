"""What every ``POST /servers/{id}/action`` controller does the same way.

Find the server (404), ask policy with the server as target (403), call the
compute API, and map its refusals: a state the action cannot start from,
a lock, or a lost compare-and-swap is a 409 with Nova's message; a server
deleted meanwhile is a 404.
"""

import webob.exc

from nova.api.openstack import common
from nova.compute import api as compute
from nova import exception


def target(instance):
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


class ServerActionController(object):
    """Base of the controllers that add actions to ``/servers/{id}``."""

    def __init__(self):
        self.compute_api = compute.API()

    def _instance(self, context, server_id):
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            return self.compute_api.get(context, server_id)

    def _perform(self, req, server_id, rule, action, call):
        """Authorize ``rule`` on the server, then ``call(context, inst)``.

        ``action`` is the name the 409 message quotes (``'pause'``,
        ``'os-stop'`` ...).  Returns what ``call`` returns.
        """
        context = common.get_context(req)
        instance = self._instance(context, server_id)
        context.can(rule, target=target(instance))
        return self._call(context, instance, server_id, action, call)

    @staticmethod
    def _call(context, instance, server_id, action, call):
        try:
            return call(context, instance)
        except exception.InstanceInvalidState as exc:
            common.raise_http_conflict_for_instance_invalid_state(
                exc, action, server_id)
        except exception.InstanceNotFound as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())
        except exception.Conflict as exc:
            # Locked, another request changed the server first, or its
            # compute is too old for the action.
            raise webob.exc.HTTPConflict(explanation=exc.format_message())
