"""Default rules of the ``os-instance-actions`` API."""

from oslo_policy import policy

from nova.policies import base

ROOT_POLICY = 'os_compute_api:os-instance-actions:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=ROOT_POLICY % 'list',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='List the actions recorded for a server.',
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/os-instance-actions'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=ROOT_POLICY % 'show',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show one action of a server (with its events from '
                    'microversion 2.51).',
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/os-instance-actions/'
                             '{request_id}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=ROOT_POLICY % 'events',
        check_str=base.ADMIN,
        description='Show the events of an action before microversion '
                    '2.51, and from then on their ``traceback`` (and from '
                    '2.62 their ``host``).',
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/os-instance-actions/'
                             '{request_id}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
