"""Default rules of ``/os-availability-zone`` (Nova's names).

Anyone may list the zones to boot into; their hosts and services are for
administrators.
"""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-availability-zone:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME % 'list', check_str=base.RULE_ANY,
        description='List the availability zones servers can be booted in.',
        operations=[{'method': 'GET', 'path': '/os-availability-zone'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME % 'detail', check_str=base.ADMIN,
        description='List every availability zone with its hosts and '
                    'their services.',
        operations=[{'method': 'GET',
                     'path': '/os-availability-zone/detail'}],
        scope_types=['project']),
]


def list_rules():
    return rules
