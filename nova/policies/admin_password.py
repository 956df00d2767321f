"""Who may change a server's administrator password."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-admin-password%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('', base.PROJECT_MEMBER_OR_ADMIN,
          'Change the administrator password of a server.',
          'changePassword'),
]


def list_rules():
    return rules
