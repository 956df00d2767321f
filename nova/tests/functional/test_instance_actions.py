"""os-instance-actions over HTTP: what was asked of a server, what ran."""

import hashlib

from nova.tests.functional import test_servers


class InstanceActionsTest(test_servers.ServersTestBase):

    def setUp(self):
        super().setUp()
        self.server = self.boot('vm1', host='compute1')
        self.path = '/servers/%s/os-instance-actions' % self.server.uuid

    def actions(self, api=None, query='', **kwargs):
        resp = (api or self.api).get(self.path + query, **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()

    def show(self, request_id, api=None, **kwargs):
        resp = (api or self.api).get('%s/%s' % (self.path, request_id),
                                     **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['instanceAction']

    def create_request_id(self):
        return self.actions()['instanceActions'][-1]['request_id']

    def test_create_then_delete_newest_first(self):
        created = self.actions()['instanceActions']
        self.assertEqual(['create'], [a['action'] for a in created])
        self.assertEqual(('admin', 'admin', None), (
            created[0]['user_id'], created[0]['project_id'],
            created[0]['message']))
        self.delete(self.server.uuid)
        listed = self.actions(microversion='2.21')['instanceActions']
        self.assertEqual(['delete', 'create'],
                         [a['action'] for a in listed])

    def test_deleted_server_readable_from_2_21(self):
        self.delete(self.server.uuid)
        self.assertEqual(404, self.api.get(
            self.path, microversion='2.20').status_code)
        self.show(self.create_request_id(), microversion='2.21')

    def test_events_for_admin(self):
        action = self.show(self.create_request_id())
        events = {e['event']: e for e in action['events']}
        self.assertEqual({'conductor_schedule_and_build_instances',
                          'compute_build_and_run_instance'}, set(events))
        built = events['compute_build_and_run_instance']
        self.assertEqual(('Success', None, 'compute1'),
                         (built['result'], built['traceback'],
                          built['host']))
        self.assertEqual(hashlib.sha224(b'admincompute1').hexdigest(),
                         built['hostId'])

    def test_event_fields_per_microversion(self):
        request_id = self.create_request_id()
        for version, keys in (
                ('2.50', {'event', 'start_time', 'finish_time', 'result',
                          'traceback'}),
                ('2.62', {'event', 'start_time', 'finish_time', 'result',
                          'traceback', 'host', 'hostId'})):
            action = self.show(request_id, microversion=version)
            self.assertEqual(keys, set(action['events'][0]), version)
            self.assertEqual(version == '2.62', 'updated_at' in action)

    def test_member_sees_events_without_details_from_2_51(self):
        own = self.boot('own', api=self.member_api)
        path = '/servers/%s/os-instance-actions' % own.uuid
        listed = self.member_api.get(path).json()['instanceActions']
        url = '%s/%s' % (path, listed[0]['request_id'])
        old = self.member_api.get(url, microversion='2.50').json()
        self.assertNotIn('events', old['instanceAction'])
        new = self.member_api.get(url, microversion='2.62').json()
        for event in new['instanceAction']['events']:
            self.assertNotIn('traceback', event)
            self.assertNotIn('host', event)
            self.assertIn('hostId', event)

    def test_other_projects_servers_are_404(self):
        self.assert_refused(404, 'GET', self.path, api=self.member_api)
        self.assert_refused(404, 'GET', '%s/%s' % (
            self.path, self.create_request_id()), api=self.member_api)

    def test_unknown_request_id_is_404(self):
        self.assert_refused(404, 'GET', self.path + '/req-nope')
        self.assert_refused(404, 'GET',
                            '/servers/%s/os-instance-actions' %
                            test_servers.OTHER_IMAGE)

    def test_paging_from_2_58(self):
        self.delete(self.server.uuid)
        page = self.actions(query='?limit=1', microversion='2.58')
        self.assertEqual(['delete'], [a['action']
                                      for a in page['instanceActions']])
        next_href = page['links'][0]['href']
        page = self.api.get(next_href, microversion='2.58').json()
        self.assertEqual(['create'], [a['action']
                                      for a in page['instanceActions']])
        # Before 2.58 the paging parameters are ignored.
        self.assertEqual(2, len(self.actions(
            query='?limit=1', microversion='2.57')['instanceActions']))

    def test_changes_since_from_2_58(self):
        future = '2999-01-01T00:00:00Z'
        self.assertEqual([], self.actions(
            query='?changes-since=%s' % future,
            microversion='2.58')['instanceActions'])

    def test_bad_query_is_400_from_2_58(self):
        for query in ('?marker=req-nope', '?limit=x', '?bogus=1',
                      '?changes-since=yesterday'):
            self.assert_refused(400, 'GET', self.path + query,
                                microversion='2.58')
        self.assertEqual(200, self.api.get(
            self.path + '?bogus=1', microversion='2.57').status_code)
