"""Administrator actions: reset state, inject network info."""

from nova.policies import base

POLICY_ROOT = 'os_compute_api:os-admin-actions:%s'


def _rule(name, check_str, description, action):
    return base.server_action_rule(POLICY_ROOT % name, check_str,
                                   description, action)


rules = [
    _rule('reset_state', base.ADMIN,
          'Reset the state of a server.',
          'os-resetState'),
    _rule('inject_network_info', base.ADMIN,
          'Inject network information into a server.',
          'injectNetworkInfo'),
]


def list_rules():
    return rules
