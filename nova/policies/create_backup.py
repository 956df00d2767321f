"""Who may back up a server."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-create-backup%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('', base.PROJECT_MEMBER_OR_ADMIN,
          'Create a backup image of a server.',
          'createBackup'),
]


def list_rules():
    return rules
