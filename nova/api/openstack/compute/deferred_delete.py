"""``restore`` and ``forceDelete`` of soft-deleted servers.

Servers are soft-deleted when ``[DEFAULT] reclaim_instance_interval`` is
positive; until a compute reclaims them they can be restored, or deleted
at once.
"""

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import deferred_delete as policies


class DeferredDeleteController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action('restore')
    @validation.schema(schema.no_body('restore'))
    def _restore(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'restore', 'restore',
                      self.compute_api.restore)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('forceDelete')
    @validation.schema(schema.no_body('forceDelete'))
    def _force_delete(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'force',
                      'forceDelete', self.compute_api.force_delete)
