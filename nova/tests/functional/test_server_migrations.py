"""Watching live migrations over HTTP: server migrations and os-migrations.

A real queue on compute1 (one running, two queued) is listed, shown,
linked and paged through the API exactly as clients do it, following the
hrefs the API returns.
"""

from urllib import parse

from nova.tests.functional import test_live_migration

SERVER_MIGRATION_FIELDS = {
    'id', 'server_uuid', 'status', 'created_at', 'updated_at',
    'source_compute', 'source_node', 'dest_compute', 'dest_node',
    'dest_host', 'memory_total_bytes', 'memory_processed_bytes',
    'memory_remaining_bytes', 'disk_total_bytes', 'disk_processed_bytes',
    'disk_remaining_bytes'}


class ServerMigrationsTest(test_live_migration.LiveMigrationTestBase):

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None
        self.servers = [self.boot('compute1', name='vm%d' % i)
                        for i in range(3)]
        self.running = self.start_migration(self.servers[0],
                                            status='running')
        self.queued = [self.start_migration(s, status='queued')
                       for s in self.servers[1:]]
        self.addCleanup(self._end_all)

    def _end_all(self):
        for server_id, migration in zip(self.servers[1:], self.queued):
            if self.migration(migration.id).status == 'queued':
                self.abort(server_id, migration.id)
            self.wait_status(migration.id, *test_live_migration.FINAL)
        if self.migration(self.running.id).status == 'running':
            self.abort(self.servers[0], self.running.id)
        self.wait_status(self.running.id, *test_live_migration.FINAL)

    def get(self, path, microversion='2.65', api=None):
        resp = (api or self.api).get(path, microversion=microversion)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()

    def follow(self, href, microversion):
        """GET an href exactly as the API returned it."""
        resp = self.api.get(href, microversion=microversion)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()

    def test_list_and_show_a_running_migration(self):
        server_id = self.servers[0]
        self.wait_for(lambda: self.migration(
            self.running.id).memory_total is not None)
        listed = self.get('/servers/%s/migrations' % server_id,
                          '2.23')['migrations']
        self.assertEqual([self.running.id], [m['id'] for m in listed])
        self.assertEqual(SERVER_MIGRATION_FIELDS, set(listed[0]))
        shown = self.get('/servers/%s/migrations/%s' % (
            server_id, self.running.id), '2.59')['migration']
        self.assertEqual(self.running.uuid, shown['uuid'])
        self.assertEqual('running', shown['status'])
        self.assertEqual('compute1', shown['source_compute'])
        self.assertEqual(512 * 1024 * 1024, shown['memory_total_bytes'])

    def test_queued_migration_is_listed_and_shown(self):
        server_id, migration = self.servers[1], self.queued[0]
        listed = self.get('/servers/%s/migrations' % server_id)['migrations']
        self.assertEqual([('queued', migration.uuid)],
                         [(m['status'], m['uuid']) for m in listed])
        shown = self.get('/servers/%s/migrations/%s' % (
            server_id, migration.id))['migration']
        self.assertEqual(server_id, shown['server_uuid'])
        self.assertIsNone(shown['memory_total_bytes'])

    def test_finished_migration_is_no_longer_shown(self):
        server_id, migration = self.servers[1], self.queued[0]
        self.assertEqual(202, self.abort(server_id, migration.id).status_code)
        self.wait_status(migration.id, 'cancelled')
        path = '/servers/%s/migrations' % server_id
        self.assertEqual([], self.get(path)['migrations'])
        resp = self.api.get('%s/%s' % (path, migration.id),
                            microversion='2.65')
        self.assertEqual(404, resp.status_code)
        self.assertIn('itemNotFound', resp.json())

    def test_force_complete_of_a_queued_migration_is_400(self):
        resp = self.force_complete(self.servers[1], self.queued[0].id)
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual('queued', self.migration(self.queued[0].id).status)

    def test_versions_below_the_resource_are_404(self):
        server_id, migration = self.servers[1], self.queued[0]
        path = '/servers/%s/migrations' % server_id
        self.assertEqual(404, self.api.get(path, microversion='2.22')
                         .status_code)
        self.assertEqual(404, self.abort(server_id, migration.id,
                                         microversion='2.23').status_code)
        self.assertEqual('queued', self.migration(migration.id).status)

    def test_member_of_another_project_cannot_watch_or_abort(self):
        server_id, migration = self.servers[1], self.queued[0]
        path = '/servers/%s/migrations' % server_id
        resp = self.member_api.get(path, microversion='2.65')
        self.assertEqual(404, resp.status_code)
        resp = self.abort(server_id, migration.id, api=self.member_api)
        self.assertEqual(404, resp.status_code)
        resp = self.member_api.get('/os-migrations', microversion='2.65')
        self.assertEqual(403, resp.status_code)
        self.assertEqual('queued', self.migration(migration.id).status)

    def test_member_of_the_project_is_refused(self):
        server_id = self.boot(host=None, api=self.member_api)
        resp = self.live_migrate(server_id, api=self.member_api)
        self.assertEqual(403, resp.status_code, resp.text)
        resp = self.member_api.get('/servers/%s/migrations' % server_id,
                                   microversion='2.65')
        self.assertEqual(403, resp.status_code, resp.text)

    def test_os_migrations_links_lead_to_the_server_migration(self):
        items = self.get('/os-migrations?host=compute1', '2.23')['migrations']
        self.assertEqual(3, len(items))
        for item in items:
            self.assertEqual('live-migration', item['migration_type'])
            self.assertEqual(1, item['old_instance_type_id'])
            self.assertEqual(1, item['new_instance_type_id'])
            links = {link['rel']: link['href'] for link in item['links']}
            shown = self.follow(links['self'], '2.23')['migration']
            self.assertEqual(item['id'], shown['id'])
            self.assertEqual(item['instance_uuid'], shown['server_uuid'])
        base = self.get('/os-migrations', '2.1')['migrations']
        self.assertNotIn('migration_type', base[0])
        self.assertNotIn('links', base[0])

    def test_os_migrations_pages_follow_next_links(self):
        seen = []
        page = self.get('/os-migrations?limit=2&host=compute1', '2.59')
        while True:
            seen.extend(m['uuid'] for m in page['migrations'])
            links = page.get('migrations_links')
            if not links:
                break
            href = links[0]['href']
            self.assertEqual(parse.urlsplit(self.cloud.endpoint).netloc,
                             parse.urlsplit(href).netloc)
            page = self.follow(href, '2.59')
        expected = [m.uuid for m in reversed([self.running] + self.queued)]
        self.assertEqual(expected, seen)

    def test_os_migrations_filters(self):
        queued = self.get('/os-migrations?status=queued&source_compute='
                          'compute1', '2.59')['migrations']
        self.assertEqual(sorted(m.id for m in self.queued),
                         sorted(m['id'] for m in queued))
        mine = self.get('/os-migrations?instance_uuid=%s' % self.servers[0],
                        '2.59')['migrations']
        self.assertEqual([self.running.id], [m['id'] for m in mine])
        resp = self.api.get('/os-migrations?bogus=1', microversion='2.59')
        self.assertEqual(400, resp.status_code)
        resp = self.api.get('/os-migrations?marker=%s' % self.servers[0],
                            microversion='2.59')
        self.assertEqual(400, resp.status_code)
