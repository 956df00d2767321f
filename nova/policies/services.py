"""Default rules of the ``os-services`` API."""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-services:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME % 'list',
        check_str=base.ADMIN,
        description='List the services of the deployment and their state.',
        operations=[{'method': 'GET', 'path': '/os-services'}],
        scope_types=['project']),
]


def list_rules():
    return rules
