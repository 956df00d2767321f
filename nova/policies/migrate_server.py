"""Who may live-migrate a server, and who may choose its destination."""

from oslo_policy import policy

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-migrate-server:%s'

_MIGRATE_LIVE_OPERATION = [{
    'method': 'POST',
    'path': '/servers/{server_id}/action (os-migrateLive)',
}]

# ``migrate_live:host`` is listed as superseding ``migrate_live`` only so
# that an operator who overrode ``migrate_live`` in policy.yaml keeps that
# override for host-targeted migrations too (oslo.policy applies it).
# ``migrate_live`` itself stays in force for every live migration.
_HOST_SPLIT_REASON = (
    'Choosing the destination host of a live migration now has its own '
    'rule. Deployments that customised migrate_live must also set '
    'migrate_live:host to keep host-targeted migrations as they were.')

_MIGRATE_LIVE_BEFORE_HOST_SPLIT = policy.DeprecatedRule(
    POLICY_ROOT % 'migrate_live',
    base.ADMIN,
    deprecated_reason=_HOST_SPLIT_REASON,
    deprecated_since='32.0.0')

_MIGRATE_OPERATION = [{
    'method': 'POST',
    'path': '/servers/{server_id}/action (migrate)',
}]

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate',
        check_str=base.ADMIN,
        description='Cold-migrate a server; the scheduler picks the host.',
        operations=_MIGRATE_OPERATION,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate:host',
        check_str=base.ADMIN,
        description='Cold-migrate a server to a host named in the request '
                    '(microversion 2.56; checked in addition to migrate).',
        operations=_MIGRATE_OPERATION,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate_live',
        check_str=base.PROJECT_MANAGER_OR_ADMIN,
        description='Live-migrate a server; the scheduler picks the '
                    'destination.',
        operations=_MIGRATE_LIVE_OPERATION,
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'migrate_live:host',
        check_str=base.ADMIN,
        description='Live-migrate a server to a host named in the request '
                    '(checked in addition to migrate_live).',
        operations=_MIGRATE_LIVE_OPERATION,
        scope_types=['project'],
        deprecated_rule=_MIGRATE_LIVE_BEFORE_HOST_SPLIT),
]


def list_rules():
    return rules
