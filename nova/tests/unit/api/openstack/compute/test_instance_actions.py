"""``/servers/{server_id}/os-instance-actions``."""

import hashlib

import ddt

from nova.compute import utils as compute_utils
from nova import context as nova_context
from nova import objects
from nova import test
from nova.tests.unit.api.openstack.compute import test_servers
from nova.tests.unit.api.openstack import fakes

ADMIN = fakes.ADMIN_TOKEN
MEMBER = fakes.MEMBER_TOKEN


def _context(request_id):
    ctxt = nova_context.get_admin_context()
    ctxt.request_id = request_id
    ctxt.user_id = 'u1'
    ctxt.project_id = test_servers.PROJECT
    return ctxt


@ddt.ddt
class InstanceActionsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.api = self.useFixture(test_servers.ServersApiFixture())
        self.instance = self.api.make_instance()
        self.path = '/servers/%s/os-instance-actions' % self.instance.uuid
        self.record('req-1', 'create', 'compute_build', 'compute1')
        self.record('req-2', 'live-migration', 'compute_live_migration',
                    'compute1', fail=True)

    def record(self, request_id, action, event, host, fail=False):
        ctxt = _context(request_id)
        objects.InstanceAction.action_start(ctxt, self.instance.uuid,
                                            action)
        try:
            with compute_utils.EventReporter(ctxt, event, self.instance.uuid,
                                             host=host):
                if fail:
                    raise RuntimeError('went wrong')
        except RuntimeError:
            pass

    def get(self, path, token=ADMIN, version='2.65', status=200):
        resp = self.api.call('GET', path, token=token, version=version)
        self.assertEqual(status, resp.status_int, resp.text)
        return resp.json

    def test_list_newest_first(self):
        actions = self.get(self.path)['instanceActions']
        self.assertEqual(['req-2', 'req-1'],
                         [a['request_id'] for a in actions])
        self.assertEqual({'action', 'instance_uuid', 'request_id',
                          'user_id', 'project_id', 'start_time', 'message',
                          'updated_at'}, set(actions[0]))
        self.assertEqual('Error', actions[0]['message'])
        old = self.get(self.path, version='2.57')['instanceActions'][0]
        self.assertNotIn('updated_at', old)

    @ddt.data(('2.1', ADMIN, {'traceback'}),
              ('2.50', MEMBER, None),
              ('2.51', MEMBER, set()),
              ('2.51', ADMIN, {'traceback'}),
              ('2.62', MEMBER, {'hostId'}),
              ('2.62', ADMIN, {'traceback', 'host', 'hostId'}))
    @ddt.unpack
    def test_event_fields(self, version, token, extra):
        action = self.get(self.path + '/req-2', token=token,
                          version=version)['instanceAction']
        if extra is None:
            self.assertNotIn('events', action)
            return
        event = action['events'][0]
        base = {'event', 'start_time', 'finish_time', 'result'}
        self.assertEqual(base | extra, set(event))
        self.assertEqual(('compute_live_migration', 'Error'),
                         (event['event'], event['result']))
        if 'traceback' in extra:
            self.assertIn('went wrong', event['traceback'])
        if 'hostId' in extra:
            self.assertEqual(hashlib.sha224(b'abc1compute1').hexdigest(),
                             event['hostId'])

    def test_paging_from_2_58(self):
        page = self.get(self.path + '?limit=1', version='2.58')
        self.assertEqual(['req-2'], [a['request_id']
                                     for a in page['instanceActions']])
        self.assertEqual(
            'http://localhost/v2.1%s?limit=1&marker=req-2' % self.path,
            page['links'][0]['href'])
        page = self.get(self.path + '?marker=req-2', version='2.58')
        self.assertEqual(['req-1'], [a['request_id']
                                     for a in page['instanceActions']])
        self.assertNotIn('links', page)

    @ddt.data('?marker=req-nope', '?limit=-1', '?limit=1&limit=2',
              '?changes-since=soon', '?other=1')
    def test_bad_queries_are_400_from_2_58(self, query):
        self.get(self.path + query, version='2.58', status=400)
        self.get(self.path + query, version='2.57')

    def test_changes_since(self):
        actions = self.get(self.path + '?changes-since=2999-01-01T00:00:00Z',
                           version='2.58')['instanceActions']
        self.assertEqual([], actions)

    def test_deleted_server_from_2_21(self):
        self.instance.destroy()
        self.get(self.path, version='2.20', status=404)
        self.get(self.path + '/req-1', version='2.20', status=404)
        self.assertEqual(2, len(self.get(self.path, version='2.21')[
            'instanceActions']))
        self.get(self.path + '/req-1', version='2.21')

    def test_unknown_request_id_is_404(self):
        self.get(self.path + '/req-nope', status=404)

    @ddt.data(MEMBER, ADMIN)
    def test_own_project_and_admin_can_read(self, token):
        self.get(self.path, token=token)
        self.get(self.path + '/req-1', token=token)

    @ddt.data('', '/req-1')
    def test_other_project_gets_404(self, suffix):
        self.get(self.path + suffix, token=test_servers.OTHER_TOKEN,
                 status=404)
