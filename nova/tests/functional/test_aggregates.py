"""Host aggregates over HTTP: CRUD, host lists, metadata and zones."""

import ddt
import sqlalchemy as sa

from nova.tests.functional import test_servers

TABLES = ('aggregates', 'aggregate_hosts', 'aggregate_metadata')


@ddt.ddt
class AggregatesTest(test_servers.ServersTestBase):

    def create(self, name='agg1', zone=None, status=200, api=None,
               **kwargs):
        body = {'name': name}
        if zone is not None:
            body['availability_zone'] = zone
        resp = (api or self.api).post('/os-aggregates',
                                      body={'aggregate': body}, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def action(self, agg_id, name, value, status=200, api=None, **kwargs):
        resp = (api or self.api).post('/os-aggregates/%s/action' % agg_id,
                                      body={name: value}, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def rows(self):
        with self.db.engine.connect() as conn:
            return {table: conn.execute(sa.text(
                'SELECT COUNT(*) FROM %s' % table)).scalar()
                for table in TABLES}

    def refused(self, status, method, path, body=None, api=None, **kwargs):
        """The request fails with ``status`` and changes no aggregate."""
        before = self.rows()
        resp = (api or self.api).request(method, path, body=body, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        self.assertEqual(before, self.rows(), resp.text)
        return resp.json()

    def test_create_show_list_update_delete(self):
        created = self.create(zone='az1', microversion='2.1')['aggregate']
        self.assertEqual(('agg1', 'az1', False, None), (
            created['name'], created['availability_zone'],
            created['deleted'], created['deleted_at']))
        self.assertNotIn('hosts', created)
        self.assertNotIn('uuid', created)
        path = '/os-aggregates/%s' % created['id']
        shown = self.api.get(path, microversion='2.1').json()['aggregate']
        self.assertEqual(([], {'availability_zone': 'az1'}),
                         (shown['hosts'], shown['metadata']))
        listed = self.api.get('/os-aggregates').json()['aggregates']
        self.assertEqual([created['id']], [a['id'] for a in listed])
        resp = self.api.request('PUT', path, body={'aggregate': {
            'name': 'renamed', 'availability_zone': 'az2'}})
        self.assertEqual(200, resp.status_code, resp.text)
        updated = resp.json()['aggregate']
        self.assertEqual(('renamed', 'az2', {'availability_zone': 'az2'}),
                         (updated['name'], updated['availability_zone'],
                          updated['metadata']))
        self.assertIsNotNone(updated['updated_at'])
        self.assertEqual(200, self.api.delete(path).status_code)
        self.assertEqual(404, self.api.get(path).status_code)
        self.assertEqual(404, self.api.delete(path).status_code)
        # The name is free again.
        self.create('renamed')

    def test_uuid_from_2_41(self):
        created = self.create(microversion='2.41')['aggregate']
        self.assertEqual(36, len(created['uuid']))
        shown = self.api.get('/os-aggregates/%s' % created['id'],
                             microversion='2.41').json()['aggregate']
        self.assertEqual(created['uuid'], shown['uuid'])
        self.assertNotIn('uuid', self.api.get(
            '/os-aggregates', microversion='2.40').json()['aggregates'][0])

    def test_add_and_remove_host(self):
        agg = self.create()['aggregate']
        body = self.action(agg['id'], 'add_host', {'host': 'compute1'})
        self.assertEqual(['compute1'], body['aggregate']['hosts'])
        self.action(agg['id'], 'add_host', {'host': 'compute1'}, status=409)
        self.action(agg['id'], 'add_host', {'host': 'nowhere'}, status=404)
        self.action(agg['id'], 'remove_host', {'host': 'compute2'},
                    status=404)
        self.action(agg['id'], 'remove_host', {'host': 'nowhere'},
                    status=404)
        # A host cannot go while it is listed: delete is refused.
        self.refused(400, 'DELETE', '/os-aggregates/%s' % agg['id'])
        body = self.action(agg['id'], 'remove_host', {'host': 'compute1'})
        self.assertEqual([], body['aggregate']['hosts'])
        self.action(999, 'add_host', {'host': 'compute1'}, status=404)

    def test_set_metadata_merges_and_deletes(self):
        agg = self.create()['aggregate']
        body = self.action(agg['id'], 'set_metadata',
                           {'metadata': {'a': '1', 'b': '2'}})
        self.assertEqual({'a': '1', 'b': '2'}, body['aggregate']['metadata'])
        body = self.action(agg['id'], 'set_metadata',
                           {'metadata': {'a': None, 'b': '3',
                                         'availability_zone': 'az9'}})
        self.assertEqual({'b': '3', 'availability_zone': 'az9'},
                         body['aggregate']['metadata'])
        self.assertEqual('az9', body['aggregate']['availability_zone'])

    def test_host_in_one_zone_only(self):
        first = self.create('first', zone='az1')['aggregate']
        second = self.create('second', zone='az2')['aggregate']
        plain = self.create('plain')['aggregate']
        self.action(first['id'], 'add_host', {'host': 'compute1'})
        self.action(second['id'], 'add_host', {'host': 'compute1'},
                    status=409)
        # An aggregate without a zone takes it, but may not then name
        # another zone.
        self.action(plain['id'], 'add_host', {'host': 'compute1'})
        self.refused(400, 'PUT', '/os-aggregates/%s' % plain['id'],
                     body={'aggregate': {'availability_zone': 'az2'}})
        self.action(plain['id'], 'set_metadata',
                    {'metadata': {'availability_zone': 'az2'}}, status=400)
        self.action(plain['id'], 'set_metadata',
                    {'metadata': {'availability_zone': 'az1'}})

    def test_services_show_the_zone(self):
        agg = self.create(zone='az1')['aggregate']
        self.action(agg['id'], 'add_host', {'host': 'compute2'})
        zones = {s['host']: s['zone'] for s in self.api.get(
            '/os-services?binary=nova-compute').json()['services']}
        self.assertEqual({'compute1': 'nova', 'compute2': 'az1'}, zones)

    def test_duplicate_name_is_409(self):
        self.create('dup')
        self.refused(409, 'POST', '/os-aggregates',
                     body={'aggregate': {'name': 'dup'}})
        other = self.create('other')['aggregate']
        self.refused(409, 'PUT', '/os-aggregates/%s' % other['id'],
                     body={'aggregate': {'name': 'dup'}})

    @ddt.data({}, {'name': ''}, {'name': 'x' * 256}, {'name': ' pad'},
              {'name': 'a', 'availability_zone': ''},
              {'name': 'a', 'availability_zone': 'a:b'},
              {'name': 'a', 'availability_zone': 'internal'},
              {'name': 'a', 'bogus': 1}, {'name': 7})
    def test_invalid_create_is_400(self, body):
        self.refused(400, 'POST', '/os-aggregates', body={'aggregate': body})

    @ddt.data(('PUT', {'aggregate': {}}),
              ('PUT', {'aggregate': {'name': 'a', 'hosts': []}}),
              ('POST', {'add_host': {}}),
              ('POST', {'add_host': {'host': 'bad host'}}),
              ('POST', {'remove_host': {'host': 'compute1', 'x': 1}}),
              ('POST', {'set_metadata': {}}),
              ('POST', {'set_metadata': {'metadata': {'k': 1}}}),
              ('POST', {'set_metadata': {'metadata': {'': 'v'}}}),
              ('POST', {'set_metadata': {'metadata': {'k': 'v' * 256}}}),
              ('POST', {'unknown_action': {}}))
    @ddt.unpack
    def test_invalid_update_and_actions_are_400(self, method, body):
        agg = self.create()['aggregate']
        path = '/os-aggregates/%s' % agg['id']
        if method == 'POST':
            path += '/action'
        self.refused(400, method, path, body=body)

    @ddt.data('GET', 'DELETE')
    def test_unknown_or_invalid_id(self, method):
        self.refused(404, method, '/os-aggregates/-1')
        self.refused(404, method, '/os-aggregates/12345')
        self.refused(400, method, '/os-aggregates/abc')

    def test_admin_only(self):
        agg = self.create()['aggregate']
        path = '/os-aggregates/%s' % agg['id']
        self.create('mine', status=403, api=self.member_api)
        for method, url, body in (
                ('GET', '/os-aggregates', None), ('GET', path, None),
                ('PUT', path, {'aggregate': {'name': 'x'}}),
                ('DELETE', path, None),
                ('POST', path + '/action',
                 {'add_host': {'host': 'compute1'}}),
                ('POST', path + '/action',
                 {'remove_host': {'host': 'compute1'}}),
                ('POST', path + '/action',
                 {'set_metadata': {'metadata': {'a': 'b'}}})):
            self.refused(403, method, url, body=body, api=self.member_api)
