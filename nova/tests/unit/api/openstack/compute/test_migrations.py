"""``GET /os-migrations`` over a real database, per microversion."""

import datetime
from urllib import parse

import ddt
from oslo_utils import timeutils

from nova import policy
from nova import test
from nova.tests.unit.api.openstack.compute import test_server_migrations
from nova.tests.unit.api.openstack import fakes

manager_context = test_server_migrations.manager_context

BASE_FIELDS = {'id', 'created_at', 'updated_at', 'status', 'instance_uuid',
               'source_compute', 'source_node', 'dest_compute', 'dest_node',
               'dest_host', 'old_instance_type_id', 'new_instance_type_id'}
HOST_FIELDS = ('source_compute', 'source_node', 'dest_compute', 'dest_node',
               'dest_host')


class MigrationsTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.env = self.useFixture(
            test_server_migrations.MigrationApiFixture())
        self.vm1 = self.env.make_instance(task_state='migrating')
        self.vm2 = self.env.make_instance(host='compute3')
        make = self.env.make_migration
        # Oldest first.
        self.completed = make(self.vm1, 'completed')
        self.queued = make(self.vm1, 'queued')
        self.resize = make(self.vm2, 'running', migration_type='resize',
                           source='compute3', dest='compute1')
        self.accepted = make(self.vm2, 'accepted', source='compute3',
                             dest='compute4')
        self.hidden = make(self.vm2, 'completed', hidden=True)
        self.visible = [self.completed, self.queued, self.resize,
                        self.accepted]

    def index(self, query='', version='2.1', **kwargs):
        resp = self.env.call('GET', '/os-migrations' + query,
                             version=version, **kwargs)
        return resp

    def ids(self, resp):
        self.assertEqual(200, resp.status_int, resp.body)
        return [m['id'] for m in resp.json['migrations']]


@ddt.ddt
class ListTest(MigrationsTestBase):

    def test_fields_at_2_1(self):
        resp = self.index()
        self.assertEqual({m.id for m in self.visible}, set(self.ids(resp)))
        for item in resp.json['migrations']:
            self.assertEqual(BASE_FIELDS, set(item))
        self.assertNotIn('migrations_links', resp.json)
        item = [m for m in resp.json['migrations']
                if m['id'] == self.queued.id][0]
        self.assertEqual(1, item['old_instance_type_id'])
        self.assertEqual(1, item['new_instance_type_id'])
        self.assertEqual(self.vm1.uuid, item['instance_uuid'])
        self.assertEqual('compute1', item['source_compute'])

    def test_links_only_for_live_migrations_in_progress(self):
        resp = self.index(version='2.23')
        by_id = {m['id']: m for m in resp.json['migrations']}
        for item in by_id.values():
            self.assertIn('migration_type', item)
            self.assertNotIn('uuid', item)
        linked = {i for i, m in by_id.items() if 'links' in m}
        self.assertEqual({self.queued.id}, linked)
        links = {link['rel']: link['href']
                 for link in by_id[self.queued.id]['links']}
        suffix = '/servers/%s/migrations/%s' % (self.vm1.uuid,
                                                self.queued.id)
        self.assertEqual('http://localhost/v2.1' + suffix, links['self'])
        self.assertEqual('http://localhost' + suffix, links['bookmark'])

    def test_uuid_and_newest_first_from_2_59(self):
        resp = self.index(version='2.59')
        self.assertEqual([m.id for m in reversed(self.visible)],
                         self.ids(resp))
        self.assertEqual(self.accepted.uuid,
                         resp.json['migrations'][0]['uuid'])

    @ddt.data(('?host=compute1', 'completed queued resize'),
              ('?host=compute4', 'accepted'),
              ('?source_compute=compute3', 'resize accepted'),
              ('?status=queued', 'queued'),
              ('?migration_type=resize', 'resize'),
              ('?migration_type=live-migration&status=completed',
               'completed'),
              ('?instance_uuid=%(vm2)s', 'resize accepted'),
              ('?hidden=0', 'completed queued resize accepted'),
              ('?hidden=1', ''),
              ('?status=queued&status=accepted', 'accepted'))
    @ddt.unpack
    def test_filters(self, query, expected):
        query = query % {'vm2': self.vm2.uuid}
        want = {getattr(self, name).id for name in expected.split()}
        for version in ('2.1', '2.59'):
            self.assertEqual(want, set(self.ids(self.index(query, version))),
                             version)

    def test_hidden_records_are_never_shown(self):
        for version in ('2.1', '2.23', '2.59'):
            ids = self.ids(self.index(version=version))
            self.assertNotIn(self.hidden.id, ids)

    def test_unknown_parameters_ignored_before_2_59(self):
        self.assertEqual(4, len(self.ids(self.index('?foo=1', '2.58'))))
        self.assertEqual(4, len(self.ids(self.index('?limit=1', '2.58'))))

    @ddt.data('?foo=1', '?limit=-1', '?limit=abc', '?limit=1&limit=2',
              '?changes-since=yesterday', '?marker=nope')
    def test_bad_query_is_400_from_2_59(self, query):
        resp = self.index(query, '2.59')
        self.assertEqual(400, resp.status_int)
        self.assertIn('badRequest', resp.json)


class PagingTest(MigrationsTestBase):

    def test_pages_follow_next_links(self):
        seen = []
        resp = self.index('?limit=3', '2.59')
        pages = 0
        while True:
            pages += 1
            seen.extend(self.ids(resp))
            links = resp.json.get('migrations_links')
            if not links:
                break
            self.assertEqual('next', links[0]['rel'])
            href = links[0]['href']
            self.assertTrue(href.startswith('http://localhost/v2.1/'))
            path = parse.urlsplit(href)
            self.assertIn('limit=3', path.query)
            resp = self.env.call('GET', path.path[len('/v2.1'):] + '?' +
                                 path.query, version='2.59')
        self.assertEqual([m.id for m in reversed(self.visible)], seen)
        self.assertEqual(2, pages)

    def test_full_last_page_links_to_an_empty_one(self):
        resp = self.index('?limit=4', '2.59')
        self.assertEqual(4, len(self.ids(resp)))
        marker = self.completed.uuid
        self.assertIn('marker=%s' % marker,
                      resp.json['migrations_links'][0]['href'])
        resp = self.index('?limit=4&marker=%s' % marker, '2.59')
        self.assertEqual([], self.ids(resp))
        self.assertNotIn('migrations_links', resp.json)

    def test_limit_zero_is_empty(self):
        resp = self.index('?limit=0', '2.59')
        self.assertEqual([], self.ids(resp))
        self.assertNotIn('migrations_links', resp.json)

    def test_max_limit_caps_the_page(self):
        self.flags(max_limit=2, group='api')
        resp = self.index('?limit=50', '2.59')
        self.assertEqual(2, len(self.ids(resp)))
        self.assertIn('migrations_links', resp.json)
        resp = self.index(version='2.59')
        self.assertEqual(2, len(self.ids(resp)))

    def test_changes_since(self):
        now = timeutils.utcnow()
        self.queued.status = 'preparing'
        self.queued.save()
        since = now.isoformat()
        resp = self.index('?changes-since=%s' % parse.quote(since), '2.59')
        self.assertEqual([self.queued.id], self.ids(resp))
        # Records never updated since their creation have no updated_at.
        past = (now - datetime.timedelta(days=1)).isoformat() + 'Z'
        resp = self.index('?changes-since=%s' % parse.quote(past), '2.59')
        self.assertEqual([self.queued.id], self.ids(resp))
        future = (now + datetime.timedelta(days=1)).isoformat() + 'Z'
        resp = self.index('?changes-since=%s' % parse.quote(future), '2.59')
        self.assertEqual([], self.ids(resp))


@ddt.ddt
class PolicyTest(MigrationsTestBase):

    def test_admin_sees_hosts(self):
        resp = self.index(version='2.59')
        self.assertEqual('compute4',
                         resp.json['migrations'][0]['dest_compute'])

    def test_member_is_refused(self):
        resp = self.index(token=fakes.MEMBER_TOKEN)
        self.assertEqual(403, resp.status_int)

    def test_manager_is_refused_all_projects(self):
        resp = self.env.call_as(manager_context(), 'GET', '/os-migrations')
        self.assertEqual(403, resp.status_int)

    def test_without_host_policy_hosts_are_null(self):
        policy.set_rules({
            'os_compute_api:os-migrations:index:all_projects': '@'},
            overwrite=False)
        resp = self.env.call_as(manager_context(), 'GET', '/os-migrations',
                                version='2.59')
        self.assertEqual(200, resp.status_int)
        for item in resp.json['migrations']:
            for name in HOST_FIELDS:
                self.assertIsNone(item[name])

    @ddt.data(
        ('index', {'admin', 'manager'}),
        ('index:all_projects', {'admin'}),
        ('index:host', {'admin'}))
    @ddt.unpack
    def test_defaults(self, rule, allowed):
        contexts = test_server_migrations.PolicyDefaultsTest.CONTEXTS
        name = 'os_compute_api:os-migrations:%s' % rule
        passed = {who for who, ctxt in contexts.items()
                  if ctxt.can(name, {'project_id': ctxt.project_id},
                              fatal=False)}
        if rule == 'index':
            allowed = allowed | {'other-manager'}
        self.assertEqual(allowed, passed)
