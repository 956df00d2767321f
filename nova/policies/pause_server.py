"""Who may pause and unpause a server."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-pause-server:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('pause', base.PROJECT_MEMBER_OR_ADMIN,
          'Pause a server.',
          'pause'),
    _rule('unpause', base.PROJECT_MEMBER_OR_ADMIN,
          'Unpause a paused server.',
          'unpause'),
]


def list_rules():
    return rules
