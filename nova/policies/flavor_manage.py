"""Default rules of flavor management (Nova's names): admins only."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-manage:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'create', check_str=base.ADMIN,
        description='Create a flavor.',
        operations=[{'method': 'POST', 'path': '/flavors'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'update', check_str=base.ADMIN,
        description='Update the description of a flavor (2.55).',
        operations=[{'method': 'PUT', 'path': '/flavors/{flavor_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete', check_str=base.ADMIN,
        description='Delete a flavor.',
        operations=[{'method': 'DELETE', 'path': '/flavors/{flavor_id}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
