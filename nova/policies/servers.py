"""Default rules of the servers API (create, list, show, delete)."""

from oslo_policy import policy

from nova.policies import base

SERVERS = 'os_compute_api:servers:%s'

_SHOW_PATHS = [
    {'method': 'GET', 'path': '/servers/{server_id}'},
    {'method': 'GET', 'path': '/servers/detail'},
]

rules = [
    policy.DocumentedRuleDefault(
        name=SERVERS % 'index',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='List the servers of the caller\'s project.',
        operations=[{'method': 'GET', 'path': '/servers'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'detail',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='List the servers of the caller\'s project with '
                    'details.',
        operations=[{'method': 'GET', 'path': '/servers/detail'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'index:get_all_tenants',
        check_str=base.ADMIN,
        description='List the servers of every project (``all_tenants``).',
        operations=[{'method': 'GET', 'path': '/servers'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'detail:get_all_tenants',
        check_str=base.ADMIN,
        description='List the servers of every project with details '
                    '(``all_tenants``).',
        operations=[{'method': 'GET', 'path': '/servers/detail'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'allow_all_filters',
        check_str=base.ADMIN,
        description='Filter server lists by the admin-only filters '
                    '(``host``, ``node``, ``deleted``); for other callers '
                    'those filters are ignored.',
        operations=[{'method': 'GET', 'path': '/servers'},
                    {'method': 'GET', 'path': '/servers/detail'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show a server.',
        operations=[{'method': 'GET', 'path': '/servers/{server_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show:host_status',
        check_str=base.ADMIN,
        description='Show ``host_status`` (microversion 2.16) whatever its '
                    'value.',
        operations=_SHOW_PATHS,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'show:host_status:unknown-only',
        check_str=base.ADMIN,
        description='Show ``host_status`` (microversion 2.16) only when it '
                    'is ``UNKNOWN``; ``show:host_status`` takes '
                    'precedence.',
        operations=_SHOW_PATHS,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'create',
        check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Create a server.',
        operations=[{'method': 'POST', 'path': '/servers'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'create:forced_host',
        check_str=base.ADMIN,
        description='Create a server on a chosen compute host with the '
                    '``availability_zone`` form ``<zone>:<host>[:<node>]``.',
        operations=[{'method': 'POST', 'path': '/servers'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'update',
        check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Rename a server, change its description or access '
                    'addresses.',
        operations=[{'method': 'PUT', 'path': '/servers/{server_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=SERVERS % 'delete',
        check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Delete a server.',
        operations=[{'method': 'DELETE', 'path': '/servers/{server_id}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
