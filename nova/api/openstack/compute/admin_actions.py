"""Administrator actions: ``os-resetState`` and ``injectNetworkInfo``."""

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import admin_actions as policies


class AdminActionsController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('os-resetState')
    @validation.schema(schema.reset_state)
    def _reset_state(self, req, id, body):
        """Force vm_state ``active`` or ``error`` and clear the task."""
        state = body['os-resetState']['state']
        self._perform(
            req, id, policies.POLICY_ROOT % 'reset_state', 'os-resetState',
            lambda context, instance: self.compute_api.reset_state(
                context, instance, state))

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('injectNetworkInfo')
    @validation.schema(schema.no_body('injectNetworkInfo'))
    def _inject_network_info(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'inject_network_info',
                      'injectNetworkInfo',
                      self.compute_api.inject_network_info)
