"""Default rules of ``os-quota-sets`` (Nova's names).

Anyone may read the defaults; a project's limits are for its readers and
administrators; changing or resetting them is for administrators.
"""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-sets:%s'
_PATH = '/os-quota-sets/{tenant_id}'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'update', check_str=base.ADMIN,
        description='Update the quotas of a project or of one of its users.',
        operations=[{'method': 'PUT', 'path': _PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'defaults', check_str=base.RULE_ANY,
        description='Show the default quotas.',
        operations=[{'method': 'GET', 'path': _PATH + '/defaults'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show', check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show the quotas of a project or of one of its users.',
        operations=[{'method': 'GET', 'path': _PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete', check_str=base.ADMIN,
        description='Reset the quotas of a project (or user) to the '
                    'defaults.',
        operations=[{'method': 'DELETE', 'path': _PATH}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'detail', check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show the quotas of a project with their usage.',
        operations=[{'method': 'GET', 'path': _PATH + '/detail'}],
        scope_types=['project']),
]


def list_rules():
    return rules
