"""The v2.1 router and the outer middlewares, through ``loadapp``."""

import re

import ddt
import webob
import webob.exc

from nova.api import openstack
from nova import test
from nova.tests.unit.api.openstack import fakes

REQUEST_ID = re.compile(r'^req-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$')


class RouterTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        self.app = fakes.build_app(self, fakes.TEST_ROUTES)

    def call(self, method, path, **kwargs):
        return fakes.call(self.app, method, path, **kwargs)


@ddt.ddt
class NegotiationTest(RouterTestCase):
    """The microversion matrix of contract section 1.3, on a real route."""

    @ddt.data(
        ({}, '2.1'),
        ({'OpenStack-API-Version': 'compute 2.65'}, '2.65'),
        ({'X-OpenStack-Nova-API-Version': '2.24'}, '2.24'),
        ({'OpenStack-API-Version': 'compute 2.30',
          'X-OpenStack-Nova-API-Version': '2.61'}, '2.30'),
        ({'OpenStack-API-Version': 'placement 1.10',
          'X-OpenStack-Nova-API-Version': '2.61'}, '2.61'),
        ({'OpenStack-API-Version': 'compute 2.65, placement 1.10'}, '2.65'),
        ({'OpenStack-API-Version': '2.30'}, '2.1'),
        ({'OpenStack-API-Version': 'compute latest'}, '2.65'),
        ({'X-OpenStack-Nova-API-Version': 'latest'}, '2.65'),
    )
    @ddt.unpack
    def test_resolved_version_is_echoed(self, headers, expected):
        resp = self.call('GET', '/v2.1/widgets', headers=headers)
        self.assertEqual(200, resp.status_int)
        self.assertEqual('compute ' + expected,
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual(expected,
                         resp.headers['X-OpenStack-Nova-API-Version'])
        self.assertEqual(['OpenStack-API-Version',
                          'X-OpenStack-Nova-API-Version'],
                         resp.headers.getall('Vary'))

    @ddt.data('2.01', '2', 'v2.1', 'Latest', '2.1.1', 'compute')
    def test_malformed_is_400_without_version_headers(self, value):
        resp = self.call('GET', '/v2.1/widgets',
                         headers={'X-OpenStack-Nova-API-Version': value})
        self.assertEqual(400, resp.status_int)
        fault = resp.json_body['badRequest']
        self.assertIn('MajorNum.MinorNum', fault['message'])
        self.assertNotIn('OpenStack-API-Version', resp.headers)
        self.assertNotIn('X-OpenStack-Nova-API-Version', resp.headers)

    @ddt.data('2.66', '2.999', '3.0', '2.0')
    def test_out_of_range_is_406_echoing_requested(self, value):
        resp = self.call('GET', '/v2.1/widgets', version=value)
        self.assertEqual(406, resp.status_int)
        fault = resp.json_body['computeFault']
        self.assertEqual(406, fault['code'])
        for part in (value, '2.1', '2.65'):
            self.assertIn(part, fault['message'])
        self.assertEqual('compute ' + value,
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual(value, resp.headers['X-OpenStack-Nova-API-Version'])

    def test_negotiation_applies_to_discovery(self):
        resp = self.call('GET', '/v2.1/', token=None, version='2.999')
        self.assertEqual(406, resp.status_int)
        resp = self.call('GET', '/v2.1', token=None, version='2.42')
        self.assertEqual('compute 2.42',
                         resp.headers['OpenStack-API-Version'])


@ddt.ddt
class RoutingTest(RouterTestCase):

    def test_unknown_path_is_404(self):
        resp = self.call('GET', '/v2.1/gadgets')
        self.assertEqual(404, resp.status_int)
        self.assertIn('itemNotFound', resp.json_body)
        self.assertEqual('compute 2.1', resp.headers['OpenStack-API-Version'])

    @ddt.data(('PATCH', '/v2.1/widgets', 'GET, POST'),
              ('POST', '/v2.1/widgets/w1', 'DELETE, GET, PUT'),
              ('GET', '/v2.1/widgets/w1/action', 'POST'),
              ('DELETE', '/v2.1/abc1/widgets', 'GET, POST'),
              ('POST', '/v2.1/', 'GET'))
    @ddt.unpack
    def test_wrong_method_is_405_with_allow(self, method, path, allow):
        resp = self.call(method, path)
        self.assertEqual(405, resp.status_int)
        self.assertEqual(405, resp.json_body['badMethod']['code'])
        self.assertEqual(allow, resp.headers['Allow'])

    @ddt.data('/v2.1/abc1/widgets', '/v2.1/abc1/widgets/w1', '/v2.1/abc1',
              '/v2.1/abc1/')
    def test_project_segment_matching_token(self, path):
        self.assertEqual(200, self.call('GET', path).status_int)

    def test_project_segment_not_matching_token_is_400(self):
        resp = self.call('GET', '/v2.1/ffff/widgets', token='u1:abc1')
        self.assertEqual(400, resp.status_int)
        message = resp.json_body['badRequest']['message']
        self.assertIn('ffff', message)
        self.assertIn('abc1', message)

    def test_path_params_exclude_the_project(self):
        resp = self.call('GET', '/v2.1/abc1/widgets/w7')
        self.assertEqual({'widget': {'id': 'w7', 'window': 'old'}},
                         resp.json_body)

    def test_project_segment_must_be_hex(self):
        resp = self.call('GET', '/v2.1/xyz/widgets', token='u1:xyz')
        self.assertEqual(404, resp.status_int)

    def test_route_to_unknown_method_is_refused_at_build(self):
        bad = (('/widgets', {'GET': [fakes.widgets_controller, 'nope']}),)
        self.assertRaises(ValueError, openstack.APIRouterV21, bad)


class RequestIdTest(RouterTestCase):

    def _assert_request_id(self, resp):
        request_id = resp.headers['X-OpenStack-Request-ID']
        self.assertRegex(request_id, REQUEST_ID)
        self.assertEqual(request_id, resp.headers['X-Compute-Request-ID'])
        return request_id

    def test_context_request_id_is_the_returned_one(self):
        resp = self.call('GET', '/v2.1/widgets')
        request_id = self._assert_request_id(resp)
        self.assertEqual(request_id, resp.json_body['request_id'])

    def test_request_ids_are_unique(self):
        first = self.call('GET', '/v2.1/widgets').json_body['request_id']
        second = self.call('GET', '/v2.1/widgets').json_body['request_id']
        self.assertNotEqual(first, second)

    def test_on_faults_discovery_and_root(self):
        for resp in (self.call('GET', '/v2.1/widgets/bug/trigger'),
                     self.call('GET', '/v2.1/widgets', token=None),
                     self.call('GET', '/v2.1/', token=None),
                     self.call('GET', '/', token=None)):
            self._assert_request_id(resp)


class NoAuthTest(RouterTestCase):

    def test_missing_token_is_401(self):
        resp = self.call('GET', '/v2.1/widgets', token=None)
        self.assertEqual(401, resp.status_int)
        self.assertEqual(401, resp.json_body['unauthorized']['code'])

    def test_discovery_needs_no_token(self):
        for path in ('/v2.1', '/v2.1/'):
            self.assertEqual(200, self.call('GET', path,
                                            token=None).status_int)

    def test_member_and_admin_contexts(self):
        member = self.call('GET', '/v2.1/widgets', token='u1:p1').json_body
        self.assertEqual(('u1', 'p1', ['member', 'reader']),
                         (member['user_id'], member['project_id'],
                          member['roles']))
        admin = self.call('GET', '/v2.1/widgets', token='admin').json_body
        self.assertEqual(('admin', 'admin', ['admin', 'member', 'reader']),
                         (admin['user_id'], admin['project_id'],
                          admin['roles']))


class FaultWrapperTest(test.TestCase):

    def test_escaped_exception_becomes_json_500(self):
        def broken(environ, start_response):
            raise RuntimeError('do not show me')

        resp = webob.Request.blank('/').get_response(
            openstack.FaultWrapper(broken))
        self.assertEqual(500, resp.status_int)
        message = resp.json_body['computeFault']['message']
        self.assertTrue(message.startswith('Unexpected API Error'))
        self.assertNotIn('do not show me', message)

    def test_escaped_http_error_becomes_fault(self):
        def gone(environ, start_response):
            raise webob.exc.HTTPNotFound()

        resp = webob.Request.blank('/').get_response(
            openstack.FaultWrapper(gone))
        self.assertEqual(404, resp.json_body['itemNotFound']['code'])
