"""Default rules of ``GET /limits`` (Nova's names)."""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:limits'
OTHER_PROJECT_LIMIT_POLICY_NAME = 'os_compute_api:limits:other_project'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME, check_str=base.RULE_ANY,
        description='Show the caller\'s limits and usage.',
        operations=[{'method': 'GET', 'path': '/limits'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=OTHER_PROJECT_LIMIT_POLICY_NAME, check_str=base.ADMIN,
        description='Show another project\'s limits (``?tenant_id=``).',
        operations=[{'method': 'GET', 'path': '/limits'}],
        scope_types=['project']),
]


def list_rules():
    return rules
