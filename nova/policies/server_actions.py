"""Actions of the servers policy group: power, reboot, rebuild, images."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:servers:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('stop', base.PROJECT_MEMBER_OR_ADMIN,
          'Stop a server.',
          'os-stop'),
    _rule('start', base.PROJECT_MEMBER_OR_ADMIN,
          'Start a stopped server.',
          'os-start'),
    _rule('reboot', base.PROJECT_MEMBER_OR_ADMIN,
          'Reboot a server.',
          'reboot'),
    _rule('rebuild', base.PROJECT_MEMBER_OR_ADMIN,
          'Rebuild a server.',
          'rebuild'),
    _rule('resize', base.PROJECT_MEMBER_OR_ADMIN,
          'Resize a server to another flavor.',
          'resize'),
    _rule('confirm_resize', base.PROJECT_MEMBER_OR_ADMIN,
          'Confirm a resize or cold migration.',
          'confirmResize'),
    _rule('revert_resize', base.PROJECT_MEMBER_OR_ADMIN,
          'Revert a resize or cold migration.',
          'revertResize'),
    _rule('create_image', base.PROJECT_MEMBER_OR_ADMIN,
          'Create an image from a server.',
          'createImage'),
]


def list_rules():
    return rules
