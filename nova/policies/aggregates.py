"""Default rules of the ``os-aggregates`` API: administrators only."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-aggregates:%s'

_COLLECTION = '/os-aggregates'
_ITEM = '/os-aggregates/{aggregate_id}'
_ACTION = '/os-aggregates/{aggregate_id}/action (%s)'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=POLICY_ROOT % name, check_str=base.ADMIN,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])


rules = [
    _rule('index', 'List host aggregates.', 'GET', _COLLECTION),
    _rule('create', 'Create a host aggregate.', 'POST', _COLLECTION),
    _rule('show', 'Show a host aggregate.', 'GET', _ITEM),
    _rule('update', 'Rename a host aggregate or change its zone.', 'PUT',
          _ITEM),
    _rule('delete', 'Delete a host aggregate that holds no host.',
          'DELETE', _ITEM),
    _rule('add_host', 'Add a compute host to an aggregate.', 'POST',
          _ACTION % 'add_host'),
    _rule('remove_host', 'Remove a compute host from an aggregate.', 'POST',
          _ACTION % 'remove_host'),
    _rule('set_metadata', 'Set or delete metadata of an aggregate.', 'POST',
          _ACTION % 'set_metadata'),
]


def list_rules():
    return rules
