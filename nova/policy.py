"""Policy enforcement: oslo.policy on ``nova.conf.CONF``.

The defaults come from ``nova.policies.list_rules()``; an operator's
``[oslo_policy] policy_file`` (``policy.yaml``) overrides them.  Code asks
through ``context.can(action, target)``, which lands in :func:`authorize`;
a denial raises :class:`nova.exception.PolicyNotAuthorized`, which the API
layer turns into 403 ``forbidden``.
"""

from oslo_log import log as logging
from oslo_policy import opts as policy_opts
from oslo_policy import policy

import nova.conf
from nova import exception
from nova import policies

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

# Registers the [oslo_policy] options so they can be set before init().
policy_opts.set_defaults(CONF, policy_file='policy.yaml')

_ENFORCER = None


def reset():
    """Forget the enforcer (tests; a new policy file on next use)."""
    global _ENFORCER
    if _ENFORCER is not None:
        _ENFORCER.clear()
    _ENFORCER = None


def init(policy_file=None, rules=None, default_rule=None, use_conf=True):
    """Build the process-wide enforcer once and return it."""
    global _ENFORCER
    if _ENFORCER is None:
        enforcer = policy.Enforcer(CONF, policy_file=policy_file,
                                   rules=rules, default_rule=default_rule,
                                   use_conf=use_conf)
        enforcer.register_defaults(policies.list_rules())
        enforcer.load_rules()
        _ENFORCER = enforcer
    return _ENFORCER


def set_rules(rules, overwrite=True):
    """Replace rules in memory, e.g. ``{'admin_api': '!'}`` in a test."""
    enforcer = init()
    enforcer.set_rules(policy.Rules.from_dict(rules), overwrite=overwrite,
                       use_conf=False)


def _credentials(context):
    credentials = context.to_policy_values()
    # oslo.context leaves this out; the legacy is_admin:True checks need it.
    credentials['is_admin'] = context.is_admin
    return credentials


def authorize(context, action, target, fatal=True):
    """Check ``action`` for ``context`` against ``target``.

    :returns: True/False when ``fatal`` is False.
    :raises PolicyNotAuthorized: when denied and ``fatal``.
    :raises oslo_policy.policy.PolicyNotRegistered: ``action`` has no
        default rule, which is a bug in the caller.
    """
    enforcer = init()
    try:
        return enforcer.authorize(action, target, _credentials(context),
                                  do_raise=fatal,
                                  exc=exception.PolicyNotAuthorized,
                                  action=action)
    except policy.InvalidScope:
        LOG.debug('Policy %s refused the scope of the token', action)
        if fatal:
            raise exception.PolicyNotAuthorized(action=action)
        return False
    except policy.PolicyNotRegistered:
        LOG.exception('Policy %s is not registered', action)
        raise


def check_is_admin(context):
    """Whether ``context`` passes ``context_is_admin`` (never raises)."""
    target = {'project_id': context.project_id, 'user_id': context.user_id}
    return authorize(context, 'context_is_admin', target, fatal=False)


def get_enforcer():
    """The enforcer for the ``oslopolicy-*`` tools (entry point)."""
    CONF([], project='nova')
    init()
    return _ENFORCER
