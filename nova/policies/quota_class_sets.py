"""Default rules of ``os-quota-class-sets`` (Nova's names): admins only."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-class-sets:%s'
_PATH = '/os-quota-class-sets/{quota_class}'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show', check_str=base.ADMIN,
        description='Show the limits of a quota class.',
        operations=[{'method': 'GET', 'path': _PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'update', check_str=base.ADMIN,
        description='Update the limits of a quota class (class "default": '
                    'every project\'s defaults).',
        operations=[{'method': 'PUT', 'path': _PATH}],
        scope_types=['project']),
]


def list_rules():
    return rules
