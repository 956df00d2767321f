"""Default rules of ``/os-hypervisors`` (Nova's names): admins only."""

from oslo_policy import policy

from nova.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-hypervisors:%s'

_RULES = (
    ('list', 'List the hypervisors.', 'GET', '/os-hypervisors'),
    ('list-detail', 'List the hypervisors with their capacity and usage.',
     'GET', '/os-hypervisors/detail'),
    ('statistics', 'Show the capacity and usage of all hypervisors.',
     'GET', '/os-hypervisors/statistics'),
    ('show', 'Show one hypervisor.', 'GET', '/os-hypervisors/{hypervisor_id}'),
    ('uptime', 'Show the uptime of one hypervisor\'s host.', 'GET',
     '/os-hypervisors/{hypervisor_id}/uptime'),
    ('search', 'Find hypervisors by host name (until 2.52).', 'GET',
     '/os-hypervisors/{hypervisor_hostname_pattern}/search'),
    ('servers', 'List the servers of hypervisors found by host name '
     '(until 2.52).', 'GET',
     '/os-hypervisors/{hypervisor_hostname_pattern}/servers'),
)

rules = [
    policy.DocumentedRuleDefault(
        name=BASE_POLICY_NAME % name, check_str=base.ADMIN,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])
    for name, description, method, path in _RULES
]


def list_rules():
    return rules
