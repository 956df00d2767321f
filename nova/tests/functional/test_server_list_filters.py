"""Server list filters, sorting and paging over HTTP, as Nova has them."""

import ddt

from nova.tests.functional import test_servers


@ddt.ddt
class ListFiltersTest(test_servers.ServersTestBase):

    def setUp(self):
        super().setUp()
        self.web1 = self.boot('web-1', flavor='1', host='compute1')
        self.web2 = self.boot('web-2', flavor='2', host='compute2')
        self.db1 = self.boot('db-1', flavor='1', host='compute2',
                             image=test_servers.OTHER_IMAGE)
        self.theirs = self.boot('web-3', api=self.member_api)

    def names(self, query, api=None, path='/servers/detail', **kwargs):
        resp = (api or self.api).get(path + query, **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return sorted(s['name'] for s in resp.json()['servers'])

    @ddt.data(('?flavor=1', ['db-1', 'web-1']), ('?flavor=2', ['web-2']),
              ('?flavor=42', []),
              ('?image=%s' % test_servers.OTHER_IMAGE, ['db-1']),
              ('?name=^web', ['web-1', 'web-2']), ('?name=-1$',
                                                   ['db-1', 'web-1']),
              ('?name=web-1', ['web-1']), ('?status=ACTIVE',
                                           ['db-1', 'web-1', 'web-2']),
              ('?status=SHUTOFF', []), ('?host=compute2', ['db-1', 'web-2']),
              ('?ip=10.0.0.1', []))
    @ddt.unpack
    def test_filters(self, query, expected):
        self.assertEqual(expected, self.names(query))
        self.assertEqual(expected, self.names(query, path='/servers'))

    @ddt.data('?all_tenants', '?all_tenants=', '?all_tenants=1',
              '?all_tenants=True')
    def test_all_tenants_any_true_value(self, query):
        self.assertEqual(['db-1', 'web-1', 'web-2', 'web-3'],
                         self.names(query))

    def test_all_tenants_false_and_invalid(self):
        self.assertEqual(['db-1', 'web-1', 'web-2'],
                         self.names('?all_tenants=0'))
        self.assertEqual(400, self.api.get(
            '/servers?all_tenants=maybe').status_code)
        self.assertEqual(403, self.member_api.get(
            '/servers?all_tenants').status_code)

    def test_tenant_id_with_all_tenants(self):
        self.assertEqual(['web-3'], self.names(
            '?all_tenants=1&tenant_id=%s' % self.theirs.project_id))
        # Without all_tenants, an admin still sees their own project.
        self.assertEqual(['db-1', 'web-1', 'web-2'], self.names(
            '?tenant_id=%s' % self.theirs.project_id))

    def test_admin_filters_are_ignored_for_members(self):
        self.assertEqual(['web-3'], self.names('?host=compute1',
                                               api=self.member_api))

    @ddt.data(('?sort_key=display_name&sort_dir=asc',
               ['db-1', 'web-1', 'web-2']),
              ('?sort_key=display_name&sort_dir=desc',
               ['web-2', 'web-1', 'db-1']),
              ('?sort_key=host&sort_dir=asc&sort_key=display_name'
               '&sort_dir=desc', ['web-1', 'web-2', 'db-1']),
              ('?sort_key=vcpus', ['db-1', 'web-2', 'web-1']))
    @ddt.unpack
    def test_sorting(self, query, expected):
        resp = self.api.get('/servers' + query)
        self.assertEqual(expected, [s['name'] for s in
                                    resp.json()['servers']])

    @ddt.data('?sort_key=nope', '?sort_dir=up',
              '?sort_key=display_name&sort_dir=asc&sort_dir=desc',
              '?name=(', '?limit=-1', '?marker=nope')
    def test_bad_queries_are_400(self, query):
        resp = self.api.get('/servers' + query)
        self.assertEqual(400, resp.status_code, resp.text)

    def test_members_cannot_sort_by_host(self):
        resp = self.member_api.get('/servers?sort_key=host')
        self.assertEqual(403, resp.status_code)

    def test_paging_follows_next_links_in_sort_order(self):
        seen, url = [], '/servers?limit=1&sort_key=display_name&sort_dir=asc'
        while url:
            body = self.api.get(url).json()
            seen.extend(s['name'] for s in body['servers'])
            links = body.get('servers_links') or [{}]
            url = links[0].get('href')
        self.assertEqual(['db-1', 'web-1', 'web-2'], seen)

    def test_changes_since_includes_deleted(self):
        since = self.instance(self.web1.uuid).updated_at.strftime(
            '%Y-%m-%dT%H:%M:%SZ')
        self.delete(self.db1.uuid)
        resp = self.api.get('/servers/detail?changes-since=%s' % since)
        statuses = {s['name']: s['status']
                    for s in resp.json()['servers']}
        self.assertEqual('DELETED', statuses['db-1'])
