"""``GET /limits``: the caller's absolute limits and what is used.

Rate limits are no longer a Nova feature, so ``rate`` is always empty.
The absolute keys shrink with the microversion like the quota bodies:
network ones until 2.35, ``maxImageMeta`` until 2.38, the personality
ones until 2.56.  Administrators may ask for another project with
``?tenant_id=``.
"""

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import limits as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import limits as limits_policies
from nova import quota

# (key, quota resource, limit or usage), in Nova's order of appearance.
_ABSOLUTE = (
    ('maxServerMeta', 'metadata_items', 'limit'),
    ('maxTotalKeypairs', 'key_pairs', 'limit'),
    ('maxServerGroups', 'server_groups', 'limit'),
    ('maxServerGroupMembers', 'server_group_members', 'limit'),
    ('maxTotalCores', 'cores', 'limit'),
    ('maxTotalInstances', 'instances', 'limit'),
    ('maxTotalRAMSize', 'ram', 'limit'),
    ('totalCoresUsed', 'cores', 'in_use'),
    ('totalInstancesUsed', 'instances', 'in_use'),
    ('totalRAMUsed', 'ram', 'in_use'),
    ('totalServerGroupsUsed', 'server_groups', 'in_use'),
)
_NETWORK = (
    ('maxSecurityGroups', 'security_groups', 'limit'),
    ('maxSecurityGroupRules', 'security_group_rules', 'limit'),
    ('maxTotalFloatingIps', 'floating_ips', 'limit'),
    ('totalFloatingIpsUsed', 'floating_ips', 'in_use'),
    ('totalSecurityGroupsUsed', 'security_groups', 'in_use'),
)
_IMAGE_META = (('maxImageMeta', 'metadata_items', 'limit'),)
_PERSONALITY = (
    ('maxPersonality', 'injected_files', 'limit'),
    ('maxPersonalitySize', 'injected_file_content_bytes', 'limit'),
)


def _keys(req):
    keys = list(_ABSOLUTE)
    if not api_version_request.is_supported(req, '2.36'):
        keys += _NETWORK
    if not api_version_request.is_supported(req, '2.39'):
        keys += _IMAGE_META
    if not api_version_request.is_supported(req, '2.57'):
        keys += _PERSONALITY
    return keys


class LimitsController:

    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        context = common.get_context(req)
        context.can(limits_policies.BASE_POLICY_NAME, target={})
        project_id = self._project_id(req, context)
        values = {'limit': quota.get_limits(context, project_id),
                  'in_use': quota.get_usage(context, project_id)}
        absolute = {key: values[kind][resource]
                    for key, resource, kind in _keys(req)}
        return {'limits': {'rate': [], 'absolute': absolute}}

    @staticmethod
    def _project_id(req, context):
        """The caller's project, or ``tenant_id`` if an admin asks."""
        requested = req.GET.getall('tenant_id')
        if not requested or requested[-1] == context.project_id:
            return context.project_id
        context.can(limits_policies.OTHER_PROJECT_LIMIT_POLICY_NAME,
                    target={'project_id': requested[-1]})
        return requested[-1]
