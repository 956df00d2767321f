"""``lock`` and ``unlock``: keep non-admins from changing a server.

Shown as ``locked`` from microversion 2.9.  A server an admin locked can
only be unlocked by a caller allowed ``unlock:unlock_override``.
"""

from nova.api.openstack import common
from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import lock_server as policies


class LockServerController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action('lock')
    @validation.schema(schema.no_body('lock'))
    def _lock(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'lock', 'lock',
                      self.compute_api.lock)

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action('unlock')
    @validation.schema(schema.no_body('unlock'))
    def _unlock(self, req, id, body):
        context = common.get_context(req)
        instance = self._instance(context, id)
        context.can(policies.POLICY_ROOT % 'unlock',
                    target=action_base.target(instance))
        if instance.locked_by == 'admin':
            context.can(policies.POLICY_ROOT % 'unlock:unlock_override',
                        target=action_base.target(instance))
        self._call(context, instance, id, 'unlock', self.compute_api.unlock)
