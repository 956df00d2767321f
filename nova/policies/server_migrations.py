"""Who may list, show, force-complete and abort a server's migrations."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:servers:migrations:%s'

_COLLECTION = '/servers/{server_id}/migrations'
_ITEM = _COLLECTION + '/{migration_id}'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=base.PROJECT_MANAGER_OR_ADMIN,
        description='List the in-progress live migrations of a server.',
        operations=[{'method': 'GET', 'path': _COLLECTION}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index:host',
        check_str=base.ADMIN,
        description='See the source and destination hosts and nodes of a '
                    "server's migrations; other callers get null there.",
        operations=[{'method': 'GET', 'path': _COLLECTION},
                    {'method': 'GET', 'path': _ITEM}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.ADMIN,
        description='Show one in-progress live migration of a server.',
        operations=[{'method': 'GET', 'path': _ITEM}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'force_complete',
        check_str=base.PROJECT_MANAGER_OR_ADMIN,
        description='Force a running live migration to complete.',
        operations=[{'method': 'POST',
                     'path': _ITEM + '/action (force_complete)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
        check_str=base.PROJECT_MANAGER_OR_ADMIN,
        description='Abort a live migration (running; from 2.65 also '
                    'queued or preparing).',
        operations=[{'method': 'DELETE', 'path': _ITEM}],
        scope_types=['project']),
]


def list_rules():
    return rules
