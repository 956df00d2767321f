"""Base policy rules that every API rule is written in terms of.

Resource modules use the constants below as ``check_str`` (for example
``base.PROJECT_MANAGER_OR_ADMIN``) rather than spelling roles out, so an
operator can redefine, say, what a project manager is in one place.
"""

from oslo_policy import policy

RULE_ANY = '@'
RULE_NOBODY = '!'

ADMIN = 'rule:context_is_admin'
PROJECT_MANAGER = 'rule:project_manager_api'
PROJECT_MEMBER = 'rule:project_member_api'
PROJECT_READER = 'rule:project_reader_api'
PROJECT_MANAGER_OR_ADMIN = 'rule:project_manager_or_admin'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
PROJECT_READER_OR_ADMIN = 'rule:project_reader_or_admin'

# Legacy names kept for operators' policy files written before the
# project-role defaults.
RULE_ADMIN_API = 'rule:admin_api'
RULE_ADMIN_OR_OWNER = 'rule:admin_or_owner'

_LEGACY_REASON = ('Superseded by the role-based project_*_api and '
                  '*_or_admin rules.')

rules = [
    policy.RuleDefault(
        'context_is_admin', 'role:admin',
        'Decides who is an administrator.'),
    policy.RuleDefault(
        'project_manager_api', 'role:manager and project_id:%(project_id)s',
        'A manager of the project that owns the target.'),
    policy.RuleDefault(
        'project_member_api', 'role:member and project_id:%(project_id)s',
        'A member of the project that owns the target.'),
    policy.RuleDefault(
        'project_reader_api', 'role:reader and project_id:%(project_id)s',
        'A reader of the project that owns the target.'),
    policy.RuleDefault(
        'project_manager_or_admin', 'rule:project_manager_api or '
        'rule:context_is_admin',
        'A project manager of the target, or an administrator.'),
    policy.RuleDefault(
        'project_member_or_admin', 'rule:project_member_api or '
        'rule:context_is_admin',
        'A project member of the target, or an administrator.'),
    policy.RuleDefault(
        'project_reader_or_admin', 'rule:project_reader_api or '
        'rule:context_is_admin',
        'A project reader of the target, or an administrator.'),
    policy.RuleDefault(
        'admin_api', 'is_admin:True',
        'Legacy rule: the request context is an admin context.'),
    policy.RuleDefault(
        'admin_or_owner', 'is_admin:True or project_id:%(project_id)s',
        'Legacy rule: an admin context, or any user of the target\'s '
        'project.',
        deprecated_for_removal=True,
        deprecated_reason=_LEGACY_REASON,
        deprecated_since='21.0.0'),
]


def server_action_rule(name, check_str, description, action):
    """The rule of one ``POST /servers/{server_id}/action`` body key."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action (%s)' % action}],
        scope_types=['project'])


def list_rules():
    return rules
