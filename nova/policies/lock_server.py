"""Who may lock and unlock a server."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-lock-server:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('lock', base.PROJECT_MEMBER_OR_ADMIN,
          'Lock a server.',
          'lock'),
    _rule('unlock', base.PROJECT_MEMBER_OR_ADMIN,
          'Unlock a server.',
          'unlock'),
    _rule('unlock:unlock_override', base.ADMIN,
          'Unlock a server that an administrator locked.',
          'unlock'),
]


def list_rules():
    return rules
