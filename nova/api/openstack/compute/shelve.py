"""``shelve``, ``shelveOffload`` and ``unshelve``.

Up to microversion 2.76 ``unshelve`` takes no members (the availability
zone member came with 2.77, above this API's maximum).
"""

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import shelve as policies


class ShelveController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('shelve')
    @validation.schema(schema.no_body('shelve'))
    def _shelve(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'shelve', 'shelve',
                      self.compute_api.shelve)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('shelveOffload')
    @validation.schema(schema.no_body('shelveOffload'))
    def _shelve_offload(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'shelve_offload',
                      'shelveOffload', self.compute_api.shelve_offload)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('unshelve')
    @validation.schema(schema.no_body('unshelve'))
    def _unshelve(self, req, id, body):
        self._perform(req, id, policies.POLICY_ROOT % 'unshelve',
                      'unshelve', self.compute_api.unshelve)
