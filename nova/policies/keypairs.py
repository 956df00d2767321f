"""Default rules of the ``os-keypairs`` API.

Key pairs belong to users: the target is ``{'user_id': owner}``, so a
user manages their own and an admin anyone's (``user_id``, 2.10).
"""

from oslo_policy import policy


POLICY_ROOT = 'os_compute_api:os-keypairs:%s'

ADMIN_OR_KEYPAIR_OWNER = 'rule:context_is_admin or user_id:%(user_id)s'

rules = [
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'index',
        check_str=ADMIN_OR_KEYPAIR_OWNER,
        description='List the key pairs of a user.',
        operations=[{'method': 'GET', 'path': '/os-keypairs'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'create',
        check_str=ADMIN_OR_KEYPAIR_OWNER,
        description='Create or import a key pair for a user.',
        operations=[{'method': 'POST', 'path': '/os-keypairs'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'show',
        check_str=ADMIN_OR_KEYPAIR_OWNER,
        description='Show a key pair of a user.',
        operations=[{'method': 'GET', 'path': '/os-keypairs/{keypair_name}'}],
        scope_types=['project']),
    policy.DocumentedRuleDefault(
        name=POLICY_ROOT % 'delete',
        check_str=ADMIN_OR_KEYPAIR_OWNER,
        description='Delete a key pair of a user.',
        operations=[{'method': 'DELETE',
                     'path': '/os-keypairs/{keypair_name}'}],
        scope_types=['project']),
]


def list_rules():
    return rules
