import ddt
import webob.exc

from nova.api.openstack import common
from nova.api.openstack import wsgi
from nova import exception
from nova import test


@ddt.ddt
class PaginationTest(test.TestCase):

    def _req(self, query):
        req = wsgi.Request.blank('/v2.1/os-migrations?' + query)
        req.script_name = '/v2.1'
        return req

    @ddt.data(('', {}), ('limit=3', {'limit': 3}),
              ('marker=m1', {'marker': 'm1'}),
              ('limit=0&marker=m1', {'limit': 0, 'marker': 'm1'}))
    @ddt.unpack
    def test_params(self, query, expected):
        self.assertEqual(expected,
                         common.get_pagination_params(self._req(query)))

    @ddt.data('limit=-1', 'limit=abc', 'limit=1.5')
    def test_bad_limit(self, query):
        self.assertRaises(webob.exc.HTTPBadRequest,
                          common.get_pagination_params, self._req(query))

    def test_limit_is_capped(self):
        self.flags(max_limit=5, group='api')
        self.assertEqual((5, None),
                         common.get_limit_and_marker(self._req('limit=9')))
        self.assertEqual((5, 'x'),
                         common.get_limit_and_marker(self._req('marker=x')))

    def test_next_link_keeps_filters_and_host(self):
        req = webob.Request.blank(
            '/v2.1/os-migrations?status=running&marker=old&limit=2')
        req.host = 'ctl.example:8774'
        self.assertEqual(
            {'rel': 'next',
             'href': 'http://ctl.example:8774/v2.1/os-migrations?'
                     'status=running&limit=2&marker=new'},
            common.next_link(req, 'new'))

    @ddt.data('/v2.1/servers/detail', '/v2.1/flavors/detail',
              '/v2.1/6f70656e737461636b20342065766572/servers')
    def test_next_link_is_the_same_resource(self, path):
        """A detail page links to detail; a project id segment stays."""
        req = webob.Request.blank(path + '?limit=1')
        self.assertEqual('http://localhost%s?limit=1&marker=m' % path,
                         common.next_link(req, 'm')['href'])

    def test_resource_links(self):
        req = self._req('')
        self.assertEqual(
            [{'rel': 'self', 'href': 'http://localhost/v2.1/servers/s1'},
             {'rel': 'bookmark', 'href': 'http://localhost/servers/s1'}],
            common.resource_links(req, 'servers', 's1'))


class TranslateTest(test.TestCase):

    def test_translates_matching_exception(self):
        def lookup():
            with common.translate(exception.InstanceNotFound,
                                  webob.exc.HTTPNotFound):
                raise exception.InstanceNotFound(instance_id='i1')
        exc = self.assertRaises(webob.exc.HTTPNotFound, lookup)
        self.assertIn('i1', exc.explanation)

    def test_leaves_others_alone(self):
        def lookup():
            with common.translate(exception.InstanceNotFound,
                                  webob.exc.HTTPNotFound):
                raise exception.InstanceIsLocked(instance_uuid='i1')
        self.assertRaises(exception.InstanceIsLocked, lookup)

    def test_conflict_for_invalid_state(self):
        exc = exception.InstanceInvalidState(
            instance_uuid='i1', attr='task_state', state='migrating',
            method='live_migrate')
        conflict = self.assertRaises(
            webob.exc.HTTPConflict,
            common.raise_http_conflict_for_instance_invalid_state, exc,
            'os-migrateLive', 'i1')
        self.assertIn('task_state migrating', conflict.explanation)
