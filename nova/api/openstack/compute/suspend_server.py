"""``suspend`` and ``resume``: save a server to disk and bring it back."""

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import suspend_server as policies


class SuspendServerController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('suspend')
    @validation.schema(schema.no_body('suspend'))
    def _suspend(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'suspend', 'suspend',
                      self.compute_api.suspend)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('resume')
    @validation.schema(schema.no_body('resume'))
    def _resume(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'resume', 'resume',
                      self.compute_api.resume)
