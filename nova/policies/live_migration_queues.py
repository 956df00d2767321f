"""Who may watch, drain and reorder a host's live-migration queue.

A project extension (not in upstream Nova): every rule defaults to admin,
since a queue mixes the servers of every project on the host.
"""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-live-migration-queues:%s'

_COLLECTION = '/os-live-migration-queues'
_ITEM = _COLLECTION + '/{host}'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'list',
        check_str=base.ADMIN,
        description='List the compute hosts with queued or running live '
                    'migrations, with a summary of each queue.',
        operations=[{'method': 'GET', 'path': _COLLECTION}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=base.ADMIN,
        description="Show a host's live migrations in the order its "
                    'compute runs them.',
        operations=[{'method': 'GET', 'path': _ITEM}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'drain',
        check_str=base.ADMIN,
        description="Cancel every queued live migration of a host (and "
                    'optionally abort the running ones).',
        operations=[{'method': 'POST', 'path': _ITEM + '/action (drain)'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'move',
        check_str=base.ADMIN,
        description="Move a queued live migration to another place in its "
                    "host's queue.",
        operations=[{'method': 'POST', 'path': _ITEM + '/action (move)'}],
        scope_types=['project']),
]


def list_rules():
    return rules
