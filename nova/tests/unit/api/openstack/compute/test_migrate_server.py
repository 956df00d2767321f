"""``POST /servers/{id}/action`` ``os-migrateLive``, over a real database.

The conductor cast is recorded instead of sent (see
``test_server_migrations.MigrationApiFixture``).
"""

import os
import warnings

import ddt
import fixtures
from oslo_utils import uuidutils

from nova.compute import instance_states
from nova import context as nova_context
from nova import objects
from nova import policy
from nova import test
from nova.tests.unit.api.openstack.compute import test_server_migrations
from nova.tests.unit.api.openstack import fakes

manager_context = test_server_migrations.manager_context
OTHER_PROJECT = test_server_migrations.OTHER_PROJECT

BODY_V2_1 = {'os-migrateLive': {'host': None, 'block_migration': False,
                                'disk_over_commit': False}}
BODY_V2_25 = {'os-migrateLive': {'host': None, 'block_migration': 'auto'}}


def body(**members):
    return {'os-migrateLive': members}


@ddt.ddt
class MigrateLiveTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.env = self.useFixture(
            test_server_migrations.MigrationApiFixture())
        self.env.make_compute('compute1')
        self.env.make_compute('compute2')
        self.instance = self.env.make_instance()

    def migrate(self, body, version='2.30', instance=None, **kwargs):
        path = '/servers/%s/action' % (instance or self.instance).uuid
        return self.env.call('POST', path, version=version, body=body,
                             **kwargs)

    def sent(self):
        """The conductor cast's arguments (exactly one was sent)."""
        self.assertEqual(['live_migrate_instance'], self.env.cast_methods())
        return self.env.casts.call_args.kwargs

    def assert_nothing_happened(self, instance=None):
        instance = instance or self.instance
        task_state = instance.task_state
        self.assertEqual([], self.env.cast_methods())
        instance.refresh()
        self.assertEqual(task_state, instance.task_state)
        self.assertNotIn('live-migration', self.env.actions(instance))

    def assert_fault(self, resp, code):
        names = {400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound',
                 409: 'conflictingRequest'}
        self.assertEqual(code, resp.status_int, resp.body)
        self.assertEqual([names[code]], list(resp.json))

    def test_accepted_starts_the_migration(self):
        resp = self.migrate(BODY_V2_25)
        self.assertEqual(202, resp.status_int)
        self.assertEqual(b'', resp.body)
        self.assertEqual({'instance', 'host', 'block_migration', 'force'},
                         set(self.sent()))
        self.instance.refresh()
        self.assertEqual('migrating', self.instance.task_state)
        self.assertIn('live-migration', self.env.actions(self.instance))

    @ddt.data(('2.1', BODY_V2_1), ('2.24', BODY_V2_1),
              ('2.25', BODY_V2_25), ('2.29', BODY_V2_25),
              ('2.30', BODY_V2_25), ('2.65', BODY_V2_25))
    @ddt.unpack
    def test_body_per_version(self, version, request_body):
        self.assertEqual(202, self.migrate(request_body, version).status_int)

    @ddt.data(
        ('2.1', BODY_V2_25),                                   # no d_o_c
        ('2.1', body(host=None, block_migration='auto',
                     disk_over_commit=False)),                 # auto
        ('2.24', body(block_migration=False, disk_over_commit=False)),
        ('2.25', BODY_V2_1),                                   # d_o_c
        ('2.25', body(host=None)),
        ('2.29', body(host=None, block_migration='auto', force=True)),
        ('2.30', body(host=None, block_migration='auto', extra=1)),
        ('2.30', body(host=None, block_migration='sometimes')),
        ('2.30', body(host='bad host!', block_migration='auto')),
        ('2.30', body(host='h' * 256, block_migration='auto')),
        ('2.30', body(host='', block_migration='auto')),
        ('2.30', body(host=None, block_migration='auto', force='maybe')),
        ('2.30', {'os-migrateLive': None}),
        ('2.30', {'os-migrateLive': BODY_V2_25['os-migrateLive'], 'x': 1}))
    @ddt.unpack
    def test_schema_violations_are_400(self, version, request_body):
        self.assert_fault(self.migrate(request_body, version), 400)
        self.assert_nothing_happened()

    @ddt.data(True, 'True', 'TRUE', 'true', '1', 'on', 'On', 'ON', 'yes',
              'Yes', 'YES')
    def test_true_spellings(self, value):
        resp = self.migrate(body(host=None, block_migration=value,
                                 disk_over_commit=value), '2.1')
        self.assertEqual(202, resp.status_int)
        self.assertIs(True, self.sent()['block_migration'])

    @ddt.data(False, 'False', 'FALSE', 'false', '0', 'off', 'Off', 'OFF',
              'no', 'No', 'NO')
    def test_false_spellings(self, value):
        resp = self.migrate(body(host=None, block_migration=value,
                                 disk_over_commit=value), '2.1')
        self.assertEqual(202, resp.status_int)
        self.assertIs(False, self.sent()['block_migration'])

    def test_auto_lets_the_compute_decide(self):
        self.assertEqual(202, self.migrate(BODY_V2_25).status_int)
        self.assertIsNone(self.sent()['block_migration'])

    @ddt.data(('2.1', True), ('2.29', True), ('2.30', False))
    @ddt.unpack
    def test_named_host_is_forced_before_2_30(self, version, forced):
        members = {'host': 'compute2', 'block_migration': False}
        if version == '2.1':
            members['disk_over_commit'] = False
        self.assertEqual(202, self.migrate(body(**members),
                                           version).status_int)
        self.assertEqual('compute2', self.sent()['host'])
        self.assertIs(forced, self.sent()['force'])

    @ddt.data(True, 'yes', '1')
    def test_force_with_host(self, force):
        resp = self.migrate(body(host='compute2', block_migration='auto',
                                 force=force))
        self.assertEqual(202, resp.status_int)
        self.assertIs(True, self.sent()['force'])

    def test_force_without_host_is_400(self):
        resp = self.migrate(body(host=None, block_migration='auto',
                                 force=True))
        self.assert_fault(resp, 400)
        self.assert_nothing_happened()

    def test_unknown_host_is_400(self):
        resp = self.migrate(body(host='nowhere', block_migration='auto'))
        self.assert_fault(resp, 400)
        self.assertIn('nowhere', resp.json['badRequest']['message'])
        self.assert_nothing_happened()

    def test_unknown_server_is_404(self):
        path = '/servers/%s/action' % uuidutils.generate_uuid()
        resp = self.env.call('POST', path, version='2.30', body=BODY_V2_25)
        self.assert_fault(resp, 404)

    def test_schema_is_checked_before_the_server(self):
        path = '/servers/%s/action' % uuidutils.generate_uuid()
        resp = self.env.call('POST', path, version='2.30', body=BODY_V2_1)
        self.assert_fault(resp, 400)

    @ddt.data({'vm_state': 'stopped'}, {'vm_state': 'error'},
              {'task_state': 'migrating'}, {'task_state': 'deleting'},
              {'launched': False})
    def test_wrong_state_is_409(self, state):
        instance = self.env.make_instance(**state)
        resp = self.migrate(BODY_V2_25, instance=instance)
        self.assert_fault(resp, 409)
        self.assert_nothing_happened(instance)

    def test_paused_server_may_migrate(self):
        instance = self.env.make_instance(vm_state='paused')
        self.assertEqual(202, self.migrate(BODY_V2_25,
                                           instance=instance).status_int)

    def test_locked_server_is_409_for_non_admins(self):
        instance = self.env.make_instance(locked=True)
        path = '/servers/%s/action' % instance.uuid
        resp = self.env.call_as(manager_context(), 'POST', path,
                                version='2.30', body=BODY_V2_25)
        self.assert_fault(resp, 409)
        self.assert_nothing_happened(instance)
        self.assertEqual(202, self.migrate(BODY_V2_25,
                                           instance=instance).status_int)

    def test_concurrent_task_state_change_is_409(self):
        """Another request sets a task between our check and our write."""
        real_check = instance_states.check_can_start

        def check_then_lose_the_race(instance, *args, **kwargs):
            real_check(instance, *args, **kwargs)
            rival = objects.Instance.get_by_uuid(
                nova_context.get_admin_context(), instance.uuid)
            rival.task_state = 'deleting'
            rival.save(expected_task_state=[None])

        self.useFixture(fixtures.MonkeyPatch(
            'nova.compute.instance_states.check_can_start',
            check_then_lose_the_race))
        resp = self.migrate(BODY_V2_25)
        self.assert_fault(resp, 409)
        self.assertEqual([], self.env.cast_methods())
        self.instance.refresh()
        self.assertEqual('deleting', self.instance.task_state)

    @ddt.data('', '*/*', 'application/json')
    def test_accept_header_variants(self, accept):
        # OSC sends an empty Accept header on os-migrateLive.
        resp = self.migrate(BODY_V2_25, headers={'Accept': accept})
        self.assertEqual(202, resp.status_int)


@ddt.ddt
class MigrateLivePolicyTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.env = self.useFixture(
            test_server_migrations.MigrationApiFixture())
        self.env.make_compute('compute1')
        self.env.make_compute('compute2')
        self.instance = self.env.make_instance()
        self.path = '/servers/%s/action' % self.instance.uuid

    def migrate_as(self, context, host=None):
        return self.env.call_as(
            context, 'POST', self.path, version='2.30',
            body=body(host=host, block_migration='auto'))

    def test_member_of_the_project_is_refused(self):
        resp = self.env.call('POST', self.path, token=fakes.MEMBER_TOKEN,
                             version='2.30', body=BODY_V2_25)
        self.assertEqual(403, resp.status_int)
        self.assertEqual([], self.env.cast_methods())

    def test_manager_of_the_project_may_migrate_without_host(self):
        self.assertEqual(202,
                         self.migrate_as(manager_context()).status_int)

    def test_manager_may_not_name_a_host(self):
        resp = self.migrate_as(manager_context(), host='compute2')
        self.assertEqual(403, resp.status_int)
        self.assertEqual([], self.env.cast_methods())

    def test_other_project_does_not_see_the_server(self):
        resp = self.migrate_as(manager_context(OTHER_PROJECT))
        self.assertEqual(404, resp.status_int)

    def test_admin_may_name_a_host(self):
        resp = self.env.call('POST', self.path, version='2.30',
                             body=body(host='compute2',
                                       block_migration='auto'))
        self.assertEqual(202, resp.status_int)

    def test_host_rule_is_checked_in_addition(self):
        policy.set_rules({
            'os_compute_api:os-migrate-server:migrate_live': '!',
            'os_compute_api:os-migrate-server:migrate_live:host': '@'},
            overwrite=False)
        resp = self.env.call('POST', self.path, version='2.30',
                             body=body(host='compute2',
                                       block_migration='auto'))
        self.assertEqual(403, resp.status_int)

    def test_override_of_migrate_live_carries_over_to_host(self):
        # Deployments that customised migrate_live before the :host rule
        # existed keep their rule for host-targeted migrations too.
        path = os.path.join(self.state_path, 'policy.yaml')
        with open(path, 'w') as handle:
            handle.write('"os_compute_api:os-migrate-server:migrate_live": '
                         '"role:manager"\n')
        self.flags(policy_file=path, group='oslo_policy')
        policy.reset()
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            resp = self.migrate_as(manager_context(), host='compute2')
        self.assertEqual(202, resp.status_int)

    @ddt.data(
        ('migrate_live', {'admin', 'manager'}),
        ('migrate_live:host', {'admin'}))
    @ddt.unpack
    def test_defaults(self, rule, allowed):
        contexts = test_server_migrations.PolicyDefaultsTest.CONTEXTS
        target = {'project_id': self.instance.project_id, 'user_id': 'u1'}
        name = 'os_compute_api:os-migrate-server:%s' % rule
        passed = {who for who, ctxt in contexts.items()
                  if ctxt.can(name, target, fatal=False)}
        self.assertEqual(allowed, passed)
