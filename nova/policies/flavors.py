"""Default rules of the flavor reads that need one.

Listing and showing flavors is open to every authenticated caller, as in
Nova; the extra-specs sub-resource has rules (Nova's names): read by
project readers, written by administrators.
"""

from oslo_policy import policy

from nova.policies import base

EXTRA_SPECS_POLICY_ROOT = 'os_compute_api:os-flavor-extra-specs:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=EXTRA_SPECS_POLICY_ROOT % 'index',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='List the extra specs of a flavor.',
        operations=[{'method': 'GET',
                     'path': '/flavors/{flavor_id}/os-extra_specs'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=EXTRA_SPECS_POLICY_ROOT % 'show',
        check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show one extra spec of a flavor.',
        operations=[{'method': 'GET',
                     'path': '/flavors/{flavor_id}/os-extra_specs/'
                             '{flavor_extra_spec_key}'}],
        scope_types=['project']),
] + [
    policy.DocumentedRuleDefault(
        name=EXTRA_SPECS_POLICY_ROOT % rule, check_str=base.ADMIN,
        description=description,
        operations=[{'method': method, 'path': path}],
        scope_types=['project'])
    for rule, description, method, path in (
        ('create', 'Create or update extra specs of a flavor.', 'POST',
         '/flavors/{flavor_id}/os-extra_specs'),
        ('update', 'Update one extra spec of a flavor.', 'PUT',
         '/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'),
        ('delete', 'Delete one extra spec of a flavor.', 'DELETE',
         '/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'),
    )
]


def list_rules():
    return rules
