"""Default rule of ``/extensions`` (Nova's name): any caller."""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:extensions'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME, check_str=base.RULE_ANY,
        description='List the API extensions, or show one.',
        operations=[{'method': 'GET', 'path': '/extensions'},
                    {'method': 'GET', 'path': '/extensions/{alias}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
