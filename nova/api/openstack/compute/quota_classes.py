"""``/os-quota-class-sets``: the defaults every project starts from.

Only the ``default`` class is used when limits are looked up; updating it
changes the default of every project without a limit of its own.  Until
2.49 the body has the network resources and no server group ones; 2.50
swaps them; 2.57 drops the injected-file resources.
"""

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute import quota_sets
from nova.api.openstack.compute.schemas import quota_sets as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import quota_class_sets as qcs_policies
from nova import quota

_SERVER_GROUPS = ('server_groups', 'server_group_members')


def _body(req, limits, class_name=None):
    names = quota_sets.visible_resources(req, network_removed_in='2.50')
    if not api_version_request.is_supported(req, '2.50'):
        names = [n for n in names if n not in _SERVER_GROUPS]
    body = {name: limits.get(name, quota.UNLIMITED) for name in names}
    if class_name is not None:
        body['id'] = class_name
    return {'quota_class_set': body}


class QuotaClassSetsController:

    @staticmethod
    def _context(req, rule):
        context = common.get_context(req)
        context.can(qcs_policies.POLICY_ROOT % rule, target={})
        return context

    @wsgi.expected_errors(())
    def show(self, req, id):
        context = self._context(req, 'show')
        return _body(req, quota.get_class_limits(context, id), id)

    @wsgi.expected_errors(400)
    @validation.schema(schema.update_class, '2.1', '2.49')
    @validation.schema(schema.update_class_v250, '2.50', '2.56')
    @validation.schema(schema.update_class_v257, '2.57')
    def update(self, req, id, body):
        context = self._context(req, 'update')
        values = {name: int(limit)
                  for name, limit in body['quota_class_set'].items()}
        return _body(req, quota.update_class(context, id, values))
