"""``/servers/{server_id}/migrations``: list, show, force-complete, abort.

The whole API stack runs over a real (SQLite) database; only the RPC
casts leaving the process are recorded instead of sent.
``MigrationApiFixture`` is shared with the os-migrateLive and
os-migrations tests.
"""

import ddt
import fixtures
from oslo_serialization import jsonutils
from oslo_utils import timeutils
from oslo_utils import uuidutils
import webob

from nova.api import openstack
from nova.api.openstack.compute import migrate_server
from nova.api.openstack.compute import routes
from nova.api.openstack import deploy
from nova.api.openstack import wsgi
from nova.compute import api as compute_api
from nova.compute import rpcapi as compute_rpcapi
import nova.conf
from nova import context as nova_context
from nova import objects
from nova import policy
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.unit.api.openstack import fakes

CONF = nova.conf.CONF

PROJECT = fakes.PROJECT_ID
OTHER_PROJECT = 'def2'


class _ServersStub:
    """Stands in for the servers controller: it only hosts the action."""


def route_list():
    """Our routes, plus ``/servers/{id}/action`` for os-migrateLive."""
    servers = routes.controller_factory(
        _ServersStub, migrate_server.MigrateServerController)
    ours = tuple(entry for entry in routes.ROUTE_LIST
                 if 'migrations' in entry[0])
    return ours + (('/servers/{id}/action', {
        'POST': [servers, 'action']}),)


class MigrationApiFixture(fixtures.Fixture):
    """The API over a real database; RPC casts are recorded, not sent."""

    def _setUp(self):
        objects.register_all()
        self.useFixture(nova_fixtures.Database())
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        self.useFixture(fakes.PolicyFixture())
        compute_rpcapi.reset_auto_cap()
        self.casts = self.useFixture(fixtures.MockPatch(
            'oslo_messaging.rpc.client._BaseCallContext.cast',
            autospec=True)).mock
        self.routes = route_list()
        self.useFixture(fixtures.MonkeyPatch(
            'nova.api.openstack.compute.routes.ROUTE_LIST', self.routes))
        self.app = deploy.loadapp(CONF)
        self.router = openstack.APIRouterV21(self.routes)
        self.ctxt = nova_context.get_admin_context()

    # Requests.

    def call(self, method, path, token=fakes.ADMIN_TOKEN, version=None,
             body=None, headers=None):
        return fakes.call(self.app, method, '/v2.1' + path, token=token,
                          version=version, body=body, headers=headers)

    def call_as(self, context, method, path, version=None, body=None):
        """Past authentication, as ``context`` (any roles)."""
        req = webob.Request.blank(path, method=method)
        if version:
            req.headers['OpenStack-API-Version'] = 'compute %s' % version
        if body is not None:
            req.body = jsonutils.dump_as_bytes(body)
            req.content_type = 'application/json'
        req.environ[wsgi.CONTEXT_KEY] = context
        return req.get_response(self.router)

    def cast_methods(self):
        return [call.args[2] for call in self.casts.call_args_list]

    # Records.

    def make_instance(self, project_id=PROJECT, host='compute1',
                      vm_state='active', task_state=None, locked=False,
                      launched=True):
        instance = objects.Instance(
            self.ctxt, uuid=uuidutils.generate_uuid(), user_id='u1',
            project_id=project_id, display_name='vm', host=host, node=host,
            vm_state=vm_state, task_state=task_state, locked=locked,
            instance_type_id=1, vcpus=1, memory_mb=512, root_gb=1,
            launched_at=timeutils.utcnow() if launched else None)
        instance.create()
        return instance

    def make_migration(self, instance, status,
                       migration_type='live-migration', hidden=False,
                       source='compute1', dest='compute2'):
        migration = objects.Migration(
            self.ctxt, uuid=uuidutils.generate_uuid(),
            instance_uuid=instance.uuid, status=status,
            migration_type=migration_type, hidden=hidden,
            source_compute=source, source_node=source, dest_compute=dest,
            dest_node=dest, old_instance_type_id=1, new_instance_type_id=1,
            memory_total=1024, memory_processed=256, memory_remaining=768)
        migration.create()
        return migration

    def make_compute(self, host, version=None):
        service = objects.Service(self.ctxt, host=host,
                                  binary='nova-compute', topic='compute')
        if version is not None:
            service.version = version
        service.create()
        objects.ComputeNode.create_or_update(self.ctxt, {
            'host': host, 'hypervisor_hostname': host,
            'hypervisor_type': 'fake', 'service_id': service.id,
            'vcpus': 4, 'memory_mb': 4096, 'local_gb': 40,
            'cpu_allocation_ratio': 1.0, 'ram_allocation_ratio': 1.0,
            'disk_allocation_ratio': 1.0})
        return service

    def actions(self, instance):
        return [a.action for a in objects.InstanceActionList.
                get_by_instance_uuid(self.ctxt, instance.uuid)]


def manager_context(project_id=PROJECT):
    return nova_context.RequestContext(
        user_id='mgr', project_id=project_id,
        roles=['manager', 'member', 'reader'])


class ServerMigrationsTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.env = self.useFixture(MigrationApiFixture())
        self.env.make_compute('compute1')
        self.env.make_compute('compute2')
        self.instance = self.env.make_instance(task_state='migrating')

    def path(self, migration=None, instance=None):
        path = '/servers/%s/migrations' % (instance or self.instance).uuid
        if migration is not None:
            path += '/%s' % getattr(migration, 'id', migration)
        return path


@ddt.ddt
class ListAndShowTest(ServerMigrationsTestBase):

    def setUp(self):
        super().setUp()
        make = self.env.make_migration
        self.shown = [make(self.instance, status) for status in
                      ('queued', 'preparing', 'running', 'post-migrating')]
        self.hidden_from_list = [
            make(self.instance, status) for status in
            ('accepted', 'completed', 'failed', 'error', 'cancelled')]
        self.cold = make(self.instance, 'running', migration_type='resize')

    def test_index_lists_live_migrations_in_progress_only(self):
        resp = self.env.call('GET', self.path(), version='2.23')
        self.assertEqual(200, resp.status_int)
        self.assertEqual(sorted(m.id for m in self.shown),
                         sorted(m['id'] for m in resp.json['migrations']))

    def test_index_fields_at_2_23(self):
        resp = self.env.call('GET', self.path(), version='2.23')
        item = [m for m in resp.json['migrations']
                if m['status'] == 'running'][0]
        self.assertEqual({
            'id', 'server_uuid', 'status', 'created_at', 'updated_at',
            'source_compute', 'source_node', 'dest_compute', 'dest_node',
            'dest_host', 'memory_total_bytes', 'memory_processed_bytes',
            'memory_remaining_bytes', 'disk_total_bytes',
            'disk_processed_bytes', 'disk_remaining_bytes'}, set(item))
        self.assertEqual(self.instance.uuid, item['server_uuid'])
        self.assertEqual('compute1', item['source_compute'])
        self.assertEqual(1024, item['memory_total_bytes'])
        self.assertIsNone(item['disk_total_bytes'])

    def test_uuid_from_2_59(self):
        running = self.shown[2]
        resp = self.env.call('GET', self.path(running), version='2.59')
        self.assertEqual(running.uuid, resp.json['migration']['uuid'])
        resp = self.env.call('GET', self.path(running), version='2.58')
        self.assertNotIn('uuid', resp.json['migration'])

    @ddt.data('GET')
    def test_not_found_below_2_23(self, method):
        resp = self.env.call(method, self.path(), version='2.22')
        self.assertEqual(404, resp.status_int)
        resp = self.env.call(method, self.path(self.shown[0]),
                             version='2.22')
        self.assertEqual(404, resp.status_int)

    @ddt.data(uuidutils.generate_uuid(), 'not-a-uuid')
    def test_unknown_server(self, server_id):
        path = '/servers/%s/migrations' % server_id
        self.assertEqual(404, self.env.call('GET', path,
                                            version='2.23').status_int)
        self.assertEqual(404, self.env.call('GET', path + '/1',
                                            version='2.23').status_int)
        self.assertEqual(404, self.env.call('DELETE', path + '/1',
                                            version='2.65').status_int)

    @ddt.data(0, 1, 2, 3)
    def test_show_in_progress(self, index):
        migration = self.shown[index]
        resp = self.env.call('GET', self.path(migration), version='2.23')
        self.assertEqual(200, resp.status_int)
        self.assertEqual(migration.id, resp.json['migration']['id'])
        self.assertEqual(migration.status, resp.json['migration']['status'])

    def test_show_is_404_for_anything_not_in_progress(self):
        others = self.hidden_from_list + [self.cold]
        for migration in others:
            resp = self.env.call('GET', self.path(migration), version='2.23')
            self.assertEqual(404, resp.status_int, migration.status)
            self.assertIn('itemNotFound', resp.json)

    def test_show_is_404_for_another_servers_migration(self):
        other = self.env.make_instance(task_state='migrating')
        theirs = self.env.make_migration(other, 'running')
        resp = self.env.call('GET', self.path(theirs), version='2.23')
        self.assertEqual(404, resp.status_int)

    @ddt.data('abc', '99999', '1.5')
    def test_show_is_404_for_bad_or_unknown_id(self, migration_id):
        resp = self.env.call('GET', self.path(migration_id), version='2.23')
        self.assertEqual(404, resp.status_int)

    def test_manager_lists_without_hosts(self):
        resp = self.env.call_as(manager_context(), 'GET', self.path(),
                                version='2.23')
        self.assertEqual(200, resp.status_int)
        for item in resp.json['migrations']:
            for name in ('source_compute', 'source_node', 'dest_compute',
                         'dest_node', 'dest_host'):
                self.assertIn(name, item)
                self.assertIsNone(item[name])

    def test_host_fields_follow_the_host_policy(self):
        policy.set_rules({'os_compute_api:servers:migrations:index:host':
                          '@'}, overwrite=False)
        resp = self.env.call_as(manager_context(), 'GET', self.path(),
                                version='2.23')
        self.assertEqual({'compute1'}, {m['source_compute']
                                        for m in resp.json['migrations']})

    def test_member_may_not_list(self):
        resp = self.env.call('GET', self.path(), token=fakes.MEMBER_TOKEN,
                             version='2.23')
        self.assertEqual(403, resp.status_int)
        self.assertIn('forbidden', resp.json)

    def test_other_project_does_not_see_the_server(self):
        resp = self.env.call_as(manager_context(OTHER_PROJECT), 'GET',
                                self.path(), version='2.23')
        self.assertEqual(404, resp.status_int)

    def test_show_is_admin_only(self):
        resp = self.env.call_as(manager_context(), 'GET',
                                self.path(self.shown[0]), version='2.23')
        self.assertEqual(403, resp.status_int)


@ddt.ddt
class ForceCompleteTest(ServerMigrationsTestBase):

    BODY = {'force_complete': None}

    def force(self, migration, version='2.22', body=BODY, **kwargs):
        return self.env.call('POST', self.path(migration) + '/action',
                             version=version, body=body, **kwargs)

    def test_running_is_forced(self):
        migration = self.env.make_migration(self.instance, 'running')
        resp = self.force(migration)
        self.assertEqual(202, resp.status_int)
        self.assertEqual(b'', resp.body)
        self.assertEqual(['live_migration_force_complete'],
                         self.env.cast_methods())
        call_context = self.env.casts.call_args.args[0]
        self.assertEqual('compute1', call_context.target.server)
        self.assertIn('live_migration_force_complete',
                      self.env.actions(self.instance))

    def test_not_found_below_2_22(self):
        migration = self.env.make_migration(self.instance, 'running')
        self.assertEqual(404, self.force(migration, '2.21').status_int)

    @ddt.data('queued', 'preparing', 'accepted', 'completed', 'cancelled')
    def test_not_running_is_400(self, status):
        migration = self.env.make_migration(self.instance, status)
        resp = self.force(migration)
        self.assertEqual(400, resp.status_int)
        self.assertEqual([], self.env.cast_methods())

    @ddt.data('99999', 'abc')
    def test_missing_migration_is_400(self, migration_id):
        self.assertEqual(400, self.force(migration_id).status_int)

    @ddt.data({'force_complete': {}}, {'force_complete': None, 'x': 1},
              {'force_complete': 'now'})
    def test_bad_body_is_400(self, body):
        migration = self.env.make_migration(self.instance, 'running')
        self.assertEqual(400, self.force(migration, body=body).status_int)

    def test_unknown_action_is_400(self):
        migration = self.env.make_migration(self.instance, 'running')
        resp = self.force(migration, body={'pause': None})
        self.assertEqual(400, resp.status_int)

    @ddt.data(('active', None), ('paused', 'migrating'))
    @ddt.unpack
    def test_wrong_server_state_is_409(self, vm_state, task_state):
        instance = self.env.make_instance(vm_state=vm_state,
                                          task_state=task_state)
        migration = self.env.make_migration(instance, 'running')
        resp = self.env.call('POST', self.path(migration, instance) +
                             '/action', version='2.22', body=self.BODY)
        self.assertEqual(409, resp.status_int)
        self.assertIn('conflictingRequest', resp.json)

    def test_locked_server(self):
        instance = self.env.make_instance(task_state='migrating',
                                          locked=True)
        migration = self.env.make_migration(instance, 'running')
        path = self.path(migration, instance) + '/action'
        resp = self.env.call_as(manager_context(), 'POST', path,
                                version='2.22', body=self.BODY)
        self.assertEqual(409, resp.status_int)
        resp = self.env.call('POST', path, version='2.22', body=self.BODY)
        self.assertEqual(202, resp.status_int)

    def test_policy(self):
        migration = self.env.make_migration(self.instance, 'running')
        path = self.path(migration) + '/action'
        resp = self.force(migration, token=fakes.MEMBER_TOKEN)
        self.assertEqual(403, resp.status_int)
        resp = self.env.call_as(manager_context(OTHER_PROJECT), 'POST',
                                path, version='2.22', body=self.BODY)
        self.assertEqual(404, resp.status_int)
        resp = self.env.call_as(manager_context(), 'POST', path,
                                version='2.22', body=self.BODY)
        self.assertEqual(202, resp.status_int)


@ddt.ddt
class AbortTest(ServerMigrationsTestBase):

    def abort(self, migration, version='2.65', **kwargs):
        return self.env.call('DELETE', self.path(migration),
                             version=version, **kwargs)

    def assert_nothing_sent(self, migration):
        self.assertEqual([], self.env.cast_methods())
        self.assertNotIn('live_migration_cancel',
                         self.env.actions(self.instance))
        status = migration.status
        migration.refresh()
        self.assertEqual(status, migration.status)

    def sent_abort(self):
        self.assertEqual(['live_migration_abort'], self.env.cast_methods())
        call = self.env.casts.call_args
        return call.args[0], call.kwargs

    @ddt.data('2.24', '2.64', '2.65')
    def test_running_is_aborted(self, version):
        migration = self.env.make_migration(self.instance, 'running')
        resp = self.abort(migration, version)
        self.assertEqual(202, resp.status_int)
        self.assertEqual(b'', resp.body)
        call_context, kwargs = self.sent_abort()
        self.assertEqual('compute1', call_context.target.server)
        self.assertEqual(migration.id, kwargs['migration'].id)
        self.assertIn('live_migration_cancel',
                      self.env.actions(self.instance))

    @ddt.data('queued', 'preparing', 'running')
    def test_abort_runs_at_most_three_sql_statements(self, status):
        """Read the instance, the migration with its host, write the action."""
        migration = self.env.make_migration(self.instance, status)
        counter = self.useFixture(nova_fixtures.StatementCounter())
        self.assertEqual(202, self.abort(migration).status_int)
        self.assertLessEqual(len(counter.statements), 3,
                             '\n'.join(counter.statements))
        self.sent_abort()

    @ddt.data('queued', 'preparing')
    def test_waiting_is_aborted_from_2_65(self, status):
        migration = self.env.make_migration(self.instance, status)
        self.assertEqual(202, self.abort(migration).status_int)
        call_context, kwargs = self.sent_abort()
        self.assertEqual(compute_rpcapi.ABORT_QUEUED_VERSION,
                         call_context.target.version)
        self.assertEqual(migration.uuid, kwargs['migration'].uuid)

    @ddt.data(('queued', '2.24'), ('preparing', '2.24'),
              ('queued', '2.64'), ('preparing', '2.64'),
              ('accepted', '2.65'), ('completed', '2.65'),
              ('cancelled', '2.65'), ('failed', '2.65'), ('error', '2.65'),
              ('accepted', '2.24'), ('completed', '2.24'))
    @ddt.unpack
    def test_not_abortable_is_400(self, status, version):
        migration = self.env.make_migration(self.instance, status)
        resp = self.abort(migration, version)
        self.assertEqual(400, resp.status_int)
        self.assertIn(status, resp.json['badRequest']['message'])
        self.assert_nothing_sent(migration)

    def test_not_found_below_2_24(self):
        migration = self.env.make_migration(self.instance, 'running')
        self.assertEqual(404, self.abort(migration, '2.23').status_int)
        self.assert_nothing_sent(migration)

    def test_unknown_server_or_migration_is_404(self):
        other = self.env.make_instance(task_state='migrating')
        theirs = self.env.make_migration(other, 'running')
        for migration in (theirs, '99999', 'abc'):
            resp = self.abort(migration)
            self.assertEqual(404, resp.status_int)
            self.assertIn('itemNotFound', resp.json)
        path = '/servers/%s/migrations/1' % uuidutils.generate_uuid()
        resp = self.env.call('DELETE', path, version='2.65')
        self.assertEqual(404, resp.status_int)
        self.assertEqual([], self.env.cast_methods())

    def test_not_migrating_is_409(self):
        instance = self.env.make_instance(task_state=None)
        migration = self.env.make_migration(instance, 'running')
        resp = self.env.call('DELETE', self.path(migration, instance),
                             version='2.65')
        self.assertEqual(409, resp.status_int)
        self.assertEqual([], self.env.cast_methods())

    def test_locked_server_blocks_all_but_admins(self):
        instance = self.env.make_instance(task_state='migrating',
                                          locked=True)
        migration = self.env.make_migration(instance, 'queued')
        path = self.path(migration, instance)
        resp = self.env.call_as(manager_context(), 'DELETE', path,
                                version='2.65')
        self.assertEqual(409, resp.status_int)
        self.assertEqual([], self.env.cast_methods())
        self.assertEqual(202, self.env.call('DELETE', path,
                                            version='2.65').status_int)

    def test_policy(self):
        migration = self.env.make_migration(self.instance, 'queued')
        path = self.path(migration)
        resp = self.abort(migration, token=fakes.MEMBER_TOKEN)
        self.assertEqual(403, resp.status_int)
        resp = self.env.call_as(manager_context(OTHER_PROJECT), 'DELETE',
                                path, version='2.65')
        self.assertEqual(404, resp.status_int)
        self.assertEqual([], self.env.cast_methods())
        resp = self.env.call_as(manager_context(), 'DELETE', path,
                                version='2.65')
        self.assertEqual(202, resp.status_int)

    def test_too_old_compute_refuses_waiting_migrations(self):
        old = compute_api.MIN_COMPUTE_ABORT_QUEUED_LIVE_MIGRATION - 1
        self.env.make_compute('old', version=old)
        instance = self.env.make_instance(host='old',
                                          task_state='migrating')
        self.instance = instance
        for status in ('queued', 'preparing'):
            migration = self.env.make_migration(instance, status,
                                                source='old')
            resp = self.abort(migration)
            self.assertEqual(400, resp.status_int)
            message = resp.json['badRequest']['message']
            self.assertIn('too old', message)
            self.assertIn('old', message)
            self.assert_nothing_sent(migration)
        running = self.env.make_migration(instance, 'running', source='old')
        self.assertEqual(202, self.abort(running).status_int)

    def test_compute_without_service_record_is_400(self):
        instance = self.env.make_instance(host='ghost',
                                          task_state='migrating')
        self.instance = instance
        migration = self.env.make_migration(instance, 'queued')
        self.assertEqual(400, self.abort(migration).status_int)
        self.assert_nothing_sent(migration)

    def test_rpc_pinned_to_5_0_refuses_waiting_migrations(self):
        self.flags(compute='5.0', group='upgrade_levels')
        queued = self.env.make_migration(self.instance, 'queued')
        resp = self.abort(queued)
        self.assertEqual(400, resp.status_int)
        self.assertIn('5.1', resp.json['badRequest']['message'])
        self.assert_nothing_sent(queued)
        instance = self.env.make_instance(task_state='migrating')
        running = self.env.make_migration(instance, 'running')
        resp = self.env.call('DELETE', self.path(running, instance),
                             version='2.65')
        self.assertEqual(202, resp.status_int)
        call_context, kwargs = self.sent_abort()
        self.assertEqual('5.0', call_context.target.version)
        self.assertEqual({'instance', 'migration_id'}, set(kwargs))
        self.assertEqual(running.id, kwargs['migration_id'])


@ddt.ddt
class PolicyDefaultsTest(test.TestCase):
    """Contract 11 (HEAD): who passes each rule by default."""

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        target = {'project_id': PROJECT, 'user_id': 'u1'}
        self.target = target

    CONTEXTS = {
        'admin': nova_context.RequestContext(
            user_id='a', project_id='admin', roles=['admin']),
        'manager': manager_context(),
        'member': nova_context.RequestContext(
            user_id='m', project_id=PROJECT, roles=['member', 'reader']),
        'other-manager': manager_context(OTHER_PROJECT),
    }

    @ddt.data(
        ('index', {'admin', 'manager'}),
        ('index:host', {'admin'}),
        ('show', {'admin'}),
        ('force_complete', {'admin', 'manager'}),
        ('delete', {'admin', 'manager'}))
    @ddt.unpack
    def test_defaults(self, rule, allowed):
        name = 'os_compute_api:servers:migrations:%s' % rule
        passed = {who for who, ctxt in self.CONTEXTS.items()
                  if ctxt.can(name, self.target, fatal=False)}
        self.assertEqual(allowed, passed)
