"""Who may suspend and resume a server."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-suspend-server:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('suspend', base.PROJECT_MEMBER_OR_ADMIN,
          'Suspend a server.',
          'suspend'),
    _rule('resume', base.PROJECT_MEMBER_OR_ADMIN,
          'Resume a suspended server.',
          'resume'),
]


def list_rules():
    return rules
