"""The resource layer, exercised through the real stack and a test resource.

See ``fakes.WidgetsController`` for the test-only routes.
"""

import logging

import ddt
import fixtures
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import wsgi
from nova import test
from nova.tests.unit.api.openstack import fakes


class APITestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        self.app = fakes.build_app(self, fakes.TEST_ROUTES)

    def call(self, method, path, **kwargs):
        return fakes.call(self.app, method, path, **kwargs)

    def assertFault(self, resp, code, name):
        self.assertEqual(code, resp.status_int, resp.body)
        self.assertEqual('application/json', resp.content_type)
        body = resp.json_body
        self.assertEqual([name], list(body))
        self.assertEqual(code, body[name]['code'])
        self.assertIsInstance(body[name]['message'], str)
        return body[name]


@ddt.ddt
class FaultBodyTest(APITestCase):

    @ddt.data((400, 'badRequest'), (401, 'unauthorized'),
              (403, 'forbidden'), (404, 'itemNotFound'),
              (405, 'badMethod'), (406, 'computeFault'),
              (409, 'conflictingRequest'), (413, 'overLimit'),
              (415, 'badMediaType'), (429, 'overLimit'),
              (500, 'computeFault'), (501, 'notImplemented'),
              (502, 'computeFault'), (503, 'serviceUnavailable'))
    @ddt.unpack
    def test_fault_key_depends_on_status(self, code, name):
        resp = self.call('GET', '/v2.1/faults/%d' % code)
        fault = self.assertFault(resp, code, name)
        self.assertEqual('status %d' % code, fault['message'])
        self.assertEqual('compute 2.1', resp.headers['OpenStack-API-Version'])

    @ddt.data(413, 429)
    def test_over_limit_carries_retry_after(self, code):
        fault = self.assertFault(self.call('GET', '/v2.1/faults/%d' % code),
                                 code, 'overLimit')
        self.assertEqual('30', fault['retryAfter'])

    def test_render_passes_non_errors_through(self):
        redirect = webob.exc.HTTPFound(location='/elsewhere')
        req = wsgi.Request.blank('/')
        self.assertIs(redirect, wsgi.Fault(redirect).render(req))


@ddt.ddt
class ExpectedErrorsTest(APITestCase):

    def setUp(self):
        super().setUp()
        self.logs = self.useFixture(fixtures.FakeLogger(level=logging.ERROR))

    @ddt.data(('declared', 404, 'itemNotFound'),
              ('undeclared', 500, 'computeFault'),
              ('domain', 500, 'computeFault'),
              ('bug', 500, 'computeFault'),
              ('policy', 403, 'forbidden'),
              ('forbidden', 403, 'forbidden'),
              ('unauthorized', 401, 'unauthorized'),
              ('validation', 400, 'badRequest'))
    @ddt.unpack
    def test_translation(self, kind, code, name):
        resp = self.call('GET', '/v2.1/widgets/%s/trigger' % kind)
        self.assertFault(resp, code, name)

    @ddt.data(('undeclared', 'raised undeclared HTTP 409'),
              ('domain', 'Unexpected exception in'),
              ('bug', 'Unexpected exception in'))
    @ddt.unpack
    def test_unexpected_errors_are_logged_and_hidden(self, kind, logged):
        resp = self.call('GET', '/v2.1/widgets/%s/trigger' % kind)
        fault = self.assertFault(resp, 500, 'computeFault')
        self.assertTrue(fault['message'].startswith('Unexpected API Error'))
        self.assertNotIn('internal detail', fault['message'])
        self.assertNotIn('secret conflict', fault['message'])
        self.assertIn(logged, self.logs.output)
        self.assertIn('WidgetsController.trigger', self.logs.output)

    def test_policy_allows_admin(self):
        resp = self.call('GET', '/v2.1/widgets/policy/trigger',
                         token=fakes.ADMIN_TOKEN)
        self.assertEqual(200, resp.status_int)
        self.assertEqual({'triggered': 'policy'}, resp.json_body)


@ddt.ddt
class VersionWindowTest(APITestCase):

    @ddt.data(('2.1', 'old'), ('2.22', 'old'), ('2.23', 'new'),
              ('2.65', 'new'))
    @ddt.unpack
    def test_same_named_methods_by_version(self, version, window):
        resp = self.call('GET', '/v2.1/widgets/w1', version=version)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(window, resp.json_body['widget']['window'])

    def test_method_unavailable_at_version_is_404_with_headers(self):
        resp = self.call('DELETE', '/v2.1/widgets/w1', version='2.23')
        self.assertFault(resp, 404, 'itemNotFound')
        self.assertEqual('compute 2.23',
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual(202, self.call('DELETE', '/v2.1/widgets/w1',
                                        version='2.24').status_int)

    def test_overlapping_windows_are_refused(self):
        def define():
            class Overlap:
                @wsgi.api_version('2.1', '2.30')
                def show(self, req):
                    pass

                @wsgi.api_version('2.30')
                def show(self, req):  # noqa: F811
                    pass
        self.assertRaises(TypeError, define)

    def test_mixing_versioned_and_plain_is_refused(self):
        def define():
            class Mixed:
                def show(self, req):
                    pass

                @wsgi.api_version('2.30')
                def show(self, req):  # noqa: F811
                    pass
        self.assertRaises(TypeError, define)


@ddt.ddt
class BodyAndActionTest(APITestCase):

    def test_create_returns_declared_code_and_headers(self):
        resp = self.call('POST', '/v2.1/widgets', token=fakes.ADMIN_TOKEN,
                         body={'widget': {'name': 'w'}})
        self.assertEqual(201, resp.status_int)
        # webob makes a relative Location absolute.
        self.assertEqual('http://localhost/v2.1/here',
                         resp.headers['Location'])
        self.assertEqual({'widget': {'name': 'w'}}, resp.json_body)

    @ddt.data(({'widget': {'name': 'w', 'size': 1}}, '2.64', 400),
              ({'widget': {'name': 'w', 'size': 1}}, '2.65', 201),
              ({'widget': {'name': 'much-too-long'}}, '2.65', 400),
              ({'widget': {}}, '2.1', 400),
              ({'gadget': {'name': 'w'}}, '2.1', 400))
    @ddt.unpack
    def test_schema_by_version(self, body, version, code):
        resp = self.call('POST', '/v2.1/widgets', token=fakes.ADMIN_TOKEN,
                         body=body, version=version)
        self.assertEqual(code, resp.status_int, resp.body)
        if code == 400:
            self.assertTrue(resp.json_body['badRequest']['message']
                            .startswith('Invalid'))

    def test_schema_runs_before_the_policy_check(self):
        bad = self.call('POST', '/v2.1/widgets', body={'widget': {}})
        self.assertFault(bad, 400, 'badRequest')
        good = self.call('POST', '/v2.1/widgets',
                         body={'widget': {'name': 'w'}})
        self.assertFault(good, 403, 'forbidden')

    def test_malformed_json_is_400(self):
        resp = self.call('POST', '/v2.1/widgets', body=b'{"widget": ')
        fault = self.assertFault(resp, 400, 'badRequest')
        self.assertEqual('Malformed request body', fault['message'])

    def test_deeply_nested_json_is_400(self):
        # Deeper than the parser's recursion limit, within the size limit.
        body = b'[' * 50000 + b']' * 50000
        resp = self.call('POST', '/v2.1/widgets', body=body)
        self.assertFault(resp, 400, 'badRequest')

    def test_non_utf8_body_is_400(self):
        resp = self.call('POST', '/v2.1/widgets', body=b'\xff\xfe{')
        self.assertFault(resp, 400, 'badRequest')

    @ddt.data('text/plain', 'application/xml', 'application/x-www-form-'
              'urlencoded')
    def test_unsupported_content_type_is_415(self, content_type):
        resp = self.call('POST', '/v2.1/widgets', body={'widget': {}},
                         content_type=content_type)
        self.assertFault(resp, 415, 'badMediaType')

    @ddt.data('application/json; charset=UTF-8',
              'application/vnd.openstack.compute+json', None)
    def test_json_content_types_accepted(self, content_type):
        resp = self.call('POST', '/v2.1/widgets', token=fakes.ADMIN_TOKEN,
                         body={'widget': {'name': 'w'}},
                         content_type=content_type)
        self.assertEqual(201, resp.status_int)

    def test_empty_accept_header(self):
        resp = self.call('GET', '/v2.1/widgets', headers={'Accept': ''})
        self.assertEqual(200, resp.status_int)

    def test_none_result_without_code_is_204(self):
        resp = self.call('PUT', '/v2.1/widgets/w1', body={'any': 1})
        self.assertEqual(204, resp.status_int)
        self.assertEqual(b'', resp.body)

    @ddt.data(({'reboot': None}, '2.1', 202),
              ({'shrink': {'by': 2}}, '2.1', 200),
              ({'shrink': {'by': 0}}, '2.1', 400),
              ({'os-migrateLive': {}}, '2.25', 202),
              ({'os-migrateLive': {}}, '2.24', 404),
              ({'explode': {}}, '2.65', 400),
              ({'reboot': None, 'shrink': {'by': 1}}, '2.1', 400),
              ([], '2.1', 400),
              ({}, '2.1', 400))
    @ddt.unpack
    def test_action_dispatch(self, body, version, code):
        resp = self.call('POST', '/v2.1/widgets/w1/action', body=body,
                         version=version)
        self.assertEqual(code, resp.status_int, resp.body)

    def test_missing_action_body_is_400(self):
        resp = self.call('POST', '/v2.1/widgets/w1/action')
        self.assertFault(resp, 400, 'badRequest')

    def test_unknown_action_names_it(self):
        resp = self.call('POST', '/v2.1/widgets/w1/action',
                         body={'explode': {}})
        fault = self.assertFault(resp, 400, 'badRequest')
        self.assertIn('explode', fault['message'])

    def test_an_action_handled_twice_is_refused(self):
        class Twin:
            @wsgi.action('reboot')
            def _reboot(self, req, id, body):
                pass
        self.assertRaises(ValueError, wsgi.Resource,
                          fakes.WidgetsController(), [Twin()])


class RequestTest(test.TestCase):

    def test_blank_defaults_to_minimum_version(self):
        req = wsgi.Request.blank('/')
        self.assertEqual(avr.min_api_version(), req.api_version_request)
        req = wsgi.Request.blank('/', version='2.65')
        self.assertEqual('2.65', req.api_version_request.get_string())

    def test_version_is_null_before_negotiation(self):
        req = wsgi.Request({'PATH_INFO': '/', 'REQUEST_METHOD': 'GET'})
        self.assertTrue(req.api_version_request.is_null())

    def test_best_match_language(self):
        req = wsgi.Request.blank('/', headers={'Accept-Language': 'en-US'})
        self.assertEqual('en_US', req.best_match_language())
        self.assertIsNone(wsgi.Request.blank('/').best_match_language())

    def test_add_version_headers(self):
        resp = webob.Response()
        wsgi.add_version_headers(resp, avr.APIVersionRequest('2.42'))
        self.assertEqual('compute 2.42', resp.headers['OpenStack-API-Version'])
        self.assertEqual('2.42', resp.headers['X-OpenStack-Nova-API-Version'])
        self.assertEqual(['OpenStack-API-Version',
                          'X-OpenStack-Nova-API-Version'],
                         resp.headers.getall('Vary'))
