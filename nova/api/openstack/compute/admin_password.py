"""``changePassword``: set the administrator password inside the guest."""

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import admin_password as policies


class AdminPasswordController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('changePassword')
    @validation.schema(schema.change_password)
    def _change_password(self, req, id, body):
        password = body['changePassword']['adminPass']
        self._perform(
            req, id, policies.POLICY_ROOT % '', 'changePassword',
            lambda context, instance: self.compute_api.set_admin_password(
                context, instance, password))
