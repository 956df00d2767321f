"""Policy enforcement and the base rules of contract section 11."""

import os

import ddt
from oslo_policy import policy as oslo_policy

from nova import context
from nova import exception
from nova import policies
from nova import policy
from nova import test
from nova.tests.unit.api.openstack import fakes

PROJECT = 'p1'


def _context(roles, project_id=PROJECT, is_admin=None):
    return context.RequestContext(user_id='u1', project_id=project_id,
                                  roles=list(roles), is_admin=is_admin)


@ddt.ddt
class BaseRulesTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())

    def _allowed(self, rule, ctx, target_project=PROJECT):
        return policy.authorize(ctx, rule, {'project_id': target_project},
                                fatal=False)

    @ddt.data(
        # rule, roles, same project, expected
        ('context_is_admin', ['admin'], True, True),
        ('context_is_admin', ['member', 'reader'], True, False),
        ('project_manager_api', ['manager'], True, True),
        ('project_manager_api', ['manager'], False, False),
        ('project_manager_api', ['member'], True, False),
        ('project_member_api', ['member'], True, True),
        ('project_member_api', ['member'], False, False),
        ('project_member_api', ['reader'], True, False),
        ('project_reader_api', ['reader'], True, True),
        ('project_reader_api', ['reader'], False, False),
        ('project_reader_api', ['member'], True, False),
        ('project_manager_or_admin', ['manager'], True, True),
        ('project_manager_or_admin', ['member', 'reader'], True, False),
        ('project_manager_or_admin', ['admin'], False, True),
        ('project_member_or_admin', ['member'], True, True),
        ('project_member_or_admin', ['member'], False, False),
        ('project_member_or_admin', ['admin'], False, True),
        ('project_reader_or_admin', ['reader'], True, True),
        ('project_reader_or_admin', ['reader'], False, False),
        ('project_reader_or_admin', ['admin'], False, True),
        ('admin_api', ['admin'], False, True),
        ('admin_api', ['member'], True, False),
        ('admin_or_owner', ['member'], True, True),
        ('admin_or_owner', ['member'], False, False),
        ('admin_or_owner', ['admin'], False, True),
    )
    @ddt.unpack
    def test_rule(self, rule, roles, same_project, expected):
        target = PROJECT if same_project else 'other'
        self.assertEqual(expected,
                         self._allowed(rule, _context(roles), target))

    def test_admin_api_follows_context_flag(self):
        elevated = _context(['member']).elevated()
        self.assertTrue(self._allowed('admin_api', elevated, 'other'))

    def test_default_check_strings(self):
        defaults = {rule.name: rule.check_str
                    for rule in policies.list_rules()}
        self.assertEqual('role:admin', defaults['context_is_admin'])
        self.assertEqual('role:manager and project_id:%(project_id)s',
                         defaults['project_manager_api'])
        self.assertEqual('rule:project_reader_api or rule:context_is_admin',
                         defaults['project_reader_or_admin'])
        self.assertEqual('is_admin:True', defaults['admin_api'])
        self.assertEqual('is_admin:True or project_id:%(project_id)s',
                         defaults['admin_or_owner'])


class AuthorizeTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())

    def test_denied_raises_policy_not_authorized(self):
        exc = self.assertRaises(
            exception.PolicyNotAuthorized, policy.authorize,
            _context(['member']), 'context_is_admin',
            {'project_id': PROJECT})
        self.assertIn('context_is_admin', exc.format_message())
        self.assertEqual(403, exc.code)

    def test_context_can_uses_the_callers_project(self):
        self.assertTrue(_context(['reader']).can('project_reader_api'))
        self.assertRaises(exception.PolicyNotAuthorized,
                          _context(['reader']).can, 'project_member_api')

    def test_unregistered_action_is_a_bug(self):
        self.assertRaises(oslo_policy.PolicyNotRegistered, policy.authorize,
                          _context(['admin']), 'os_compute_api:nope',
                          {'project_id': PROJECT})

    def test_system_scoped_token_is_refused_not_crashed(self):
        # oslo.policy always enforces scope_types (no enforce_scope knob).
        enforcer = policy.init()
        enforcer.register_default(oslo_policy.RuleDefault(
            'scoped', '@', scope_types=['project']))
        ctx = context.RequestContext(user_id='u1', roles=['admin'],
                                     system_scope='all')
        self.assertFalse(policy.authorize(ctx, 'scoped', {}, fatal=False))
        self.assertRaises(exception.PolicyNotAuthorized, policy.authorize,
                          ctx, 'scoped', {})

    def test_policy_file_overrides_defaults(self):
        path = os.path.join(self.state_path, 'policy.yaml')
        with open(path, 'w') as policy_file:
            policy_file.write('"project_reader_api": "!"\n')
        self.flags(policy_file=path, group='oslo_policy')
        policy.reset()
        self.assertFalse(policy.authorize(
            _context(['reader']), 'project_reader_api',
            {'project_id': PROJECT}, fatal=False))

    def test_set_rules(self):
        policy.set_rules({'context_is_admin': '@'}, overwrite=False)
        self.assertTrue(policy.check_is_admin(_context(['reader'])))

    def test_get_enforcer_has_the_defaults(self):
        enforcer = policy.get_enforcer()
        for rule in policies.list_rules():
            self.assertIn(rule.name, enforcer.registered_rules)


class PolicyModulesTest(test.TestCase):

    def test_every_module_contributes_unique_rules(self):
        names = [rule.name for rule in policies.list_rules()]
        self.assertEqual(len(names), len(set(names)))
        self.assertIn('base', policies.POLICY_MODULES)
