"""``pause`` and ``unpause``: freeze a server in memory and thaw it."""

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import pause_server as policies


class PauseServerController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('pause')
    @validation.schema(schema.no_body('pause'))
    def _pause(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'pause', 'pause',
                      self.compute_api.pause)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('unpause')
    @validation.schema(schema.no_body('unpause'))
    def _unpause(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'unpause', 'unpause',
                      self.compute_api.unpause)
