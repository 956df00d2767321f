"""Default rules of the server metadata API."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:server-metadata:%s'

_COLLECTION = '/servers/{server_id}/metadata'
_ITEM = '/servers/{server_id}/metadata/{key}'


def _rule(name, check_str, description, method, path):
    return policy.DocumentedRuleDefault(
        name=POLICY_ROOT % name, check_str=check_str,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule('index', base.PROJECT_READER_OR_ADMIN,
          'List the metadata of a server.', 'GET', _COLLECTION),
    _rule('show', base.PROJECT_READER_OR_ADMIN,
          'Show one metadata item of a server.', 'GET', _ITEM),
    _rule('create', base.PROJECT_MEMBER_OR_ADMIN,
          'Add or change metadata items of a server.', 'POST', _COLLECTION),
    _rule('update_all', base.PROJECT_MEMBER_OR_ADMIN,
          'Replace all the metadata of a server.', 'PUT', _COLLECTION),
    _rule('update', base.PROJECT_MEMBER_OR_ADMIN,
          'Set one metadata item of a server.', 'PUT', _ITEM),
    _rule('delete', base.PROJECT_MEMBER_OR_ADMIN,
          'Delete one metadata item of a server.', 'DELETE', _ITEM),
]


def list_rules():
    return rules
