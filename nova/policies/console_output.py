"""Who may read a server's console output."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-console-output%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('', base.PROJECT_MEMBER_OR_ADMIN,
          'Show the console output of a server.',
          'os-getConsoleOutput'),
]


def list_rules():
    return rules
