"""Default rules of ``os-flavor-access`` (Nova's names): admins only."""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-flavor-access'
POLICY_ROOT = 'os_compute_api:os-flavor-access:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME, check_str=base.ADMIN,
        description='List the projects that may use a private flavor.',
        operations=[{'method': 'GET',
                     'path': '/flavors/{flavor_id}/os-flavor-access'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'add_tenant_access', check_str=base.ADMIN,
        description='Give a project access to a private flavor.',
        operations=[{'method': 'POST',
                     'path': '/flavors/{flavor_id}/action '
                             '(addTenantAccess)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'remove_tenant_access', check_str=base.ADMIN,
        description='Take a project\'s access to a private flavor away.',
        operations=[{'method': 'POST',
                     'path': '/flavors/{flavor_id}/action '
                             '(removeTenantAccess)'}],
        scope_types=['project']),
]


def list_rules():
    return rules
