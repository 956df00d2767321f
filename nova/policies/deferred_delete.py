"""Who may restore or force-delete a soft-deleted server."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-deferred-delete:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('restore', base.PROJECT_MEMBER_OR_ADMIN,
          'Restore a soft-deleted server.',
          'restore'),
    _rule('force', base.PROJECT_MEMBER_OR_ADMIN,
          'Delete a soft-deleted server now.',
          'forceDelete'),
]


def list_rules():
    return rules
