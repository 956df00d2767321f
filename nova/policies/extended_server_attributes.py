"""Default rule of the ``OS-EXT-SRV-ATTR:*`` server fields."""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-extended-server-attributes'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME,
        check_str=base.ADMIN,
        description='Show the ``OS-EXT-SRV-ATTR:*`` fields of a server: its '
                    'compute host, hypervisor node and instance name (and, '
                    'from microversion 2.3, reservation id, launch index, '
                    'hostname and boot details).',
        operations=[{'method': 'GET', 'path': '/servers/{server_id}'},
                    {'method': 'GET', 'path': '/servers/detail'}],
        scope_types=['project']),
]


def list_rules():
    return rules
