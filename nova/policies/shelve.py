"""Who may shelve, offload and unshelve a server."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-shelve:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('shelve', base.PROJECT_MEMBER_OR_ADMIN,
          'Shelve a server.',
          'shelve'),
    _rule('shelve_offload', base.ADMIN,
          'Offload a shelved server from its host.',
          'shelveOffload'),
    _rule('unshelve', base.PROJECT_MEMBER_OR_ADMIN,
          'Unshelve a shelved or offloaded server.',
          'unshelve'),
]


def list_rules():
    return rules
