"""Who may list the migrations of the deployment (``/os-migrations``)."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-migrations:%s'

_LIST = [{'method': 'GET', 'path': '/os-migrations'}]

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.PROJECT_MANAGER_OR_ADMIN,
        description='List migrations.',
        operations=_LIST,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:all_projects',
        check_str=base.ADMIN,
        description='List the migrations of every project (the list is '
                    'never limited to one project at this API version).',
        operations=_LIST,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:host',
        check_str=base.ADMIN,
        description='See the source and destination hosts and nodes of '
                    'migrations; other callers get null there.',
        operations=_LIST,
        scope_types=['project']),
]


def list_rules():
    return rules
