"""Version documents, per contract section 1.2 and clients.md section 5."""

import ddt
import requests
from wsgi_intercept import interceptor

from nova import test
from nova.tests.unit.api.openstack import fakes

V21_SUMMARY = {
    'id': 'v2.1', 'status': 'CURRENT', 'version': '2.65',
    'min_version': '2.1', 'updated': '2013-07-23T11:33:21Z',
    'links': [{'rel': 'self', 'href': 'http://localhost/v2.1/'}],
}
V20_SUMMARY = {
    'id': 'v2.0', 'status': 'DEPRECATED', 'version': '', 'min_version': '',
    'updated': '2025-07-04T12:00:00Z',
    'links': [{'rel': 'self', 'href': 'http://localhost/v2/'}],
}
V21_DOCUMENT = {'version': dict(
    V21_SUMMARY,
    links=[{'rel': 'self', 'href': 'http://localhost/v2.1/'},
           {'rel': 'describedby', 'type': 'text/html',
            'href': 'http://docs.openstack.org/'}],
    **{'media-types': [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=2.1'}]})}


@ddt.ddt
class VersionsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        self.app = fakes.build_app(self)

    def call(self, method, path, **kwargs):
        return fakes.call(self.app, method, path, **kwargs)

    def test_root_lists_versions_without_version_headers(self):
        resp = self.call('GET', '/', token=None, version='2.999')
        self.assertEqual(200, resp.status_int)
        self.assertEqual({'versions': [V20_SUMMARY, V21_SUMMARY]},
                         resp.json_body)
        self.assertNotIn('OpenStack-API-Version', resp.headers)
        self.assertNotIn('Vary', resp.headers)
        for entry in resp.json_body['versions']:
            self.assertNotIn('max_version', entry)

    @ddt.data('/v2.1', '/v2.1/')
    def test_v21_document(self, path):
        resp = self.call('GET', path, token=None)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(V21_DOCUMENT, resp.json_body)
        self.assertEqual('compute 2.1', resp.headers['OpenStack-API-Version'])

    def test_v21_document_with_a_token(self):
        resp = self.call('GET', '/v2.1', token=fakes.MEMBER_TOKEN,
                         version='2.65')
        self.assertEqual(V21_DOCUMENT, resp.json_body)

    def test_v21_document_under_project(self):
        resp = self.call('GET', '/v2.1/%s/' % fakes.PROJECT_ID)
        self.assertEqual(V21_DOCUMENT, resp.json_body)

    @ddt.data('/v2', '/v2/')
    def test_legacy_v20_document(self, path):
        resp = self.call('GET', path, token=None)
        self.assertEqual(200, resp.status_int)
        doc = resp.json_body['version']
        self.assertEqual(('v2.0', 'DEPRECATED', '', ''),
                         (doc['id'], doc['status'], doc['version'],
                          doc['min_version']))
        self.assertNotIn('OpenStack-API-Version', resp.headers)

    @ddt.data('/servers', '/v3/', '/v2/servers', '/v2.10/')
    def test_other_root_paths_are_choices(self, path):
        resp = self.call('GET', path, token=None)
        self.assertEqual(300, resp.status_int)
        choices = resp.json_body['choices']
        self.assertEqual(['v2.0', 'v2.1'], [c['id'] for c in choices])
        for choice in choices:
            self.assertEqual({'id', 'status', 'links', 'media-types'},
                             set(choice))
        self.assertTrue(choices[1]['links'][0]['href'].endswith(
            '/v2.1' + path))

    def test_links_follow_the_request_host(self):
        resp = self.call('GET', '/v2.1/', token=None,
                         headers={'Host': 'ctl.example:8774'})
        self.assertEqual('http://ctl.example:8774/v2.1/',
                         resp.json_body['version']['links'][0]['href'])


class DiscoveryOverHTTPTest(test.TestCase):
    """keystoneauth discovers with ``GET E`` (no slash, no token)."""

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        app = fakes.build_app(self)
        intercept = interceptor.RequestsInterceptor(
            lambda: app, host='compute.test', port=8774)
        intercept.__enter__()
        self.addCleanup(intercept.__exit__, None, None, None)

    def test_get_without_trailing_slash(self):
        resp = requests.get('http://compute.test:8774/v2.1')
        self.assertEqual(200, resp.status_code)
        version = resp.json()['version']
        self.assertEqual(('v2.1', 'CURRENT', '2.65', '2.1'),
                         (version['id'], version['status'],
                          version['version'], version['min_version']))
        self.assertEqual('http://compute.test:8774/v2.1/',
                         version['links'][0]['href'])

    def test_api_call_with_both_headers(self):
        resp = requests.get(
            'http://compute.test:8774/v2.1/',
            headers={'X-Auth-Token': 'admin:admin',
                     'OpenStack-API-Version': 'compute 2.65',
                     'X-OpenStack-Nova-API-Version': '2.65'})
        self.assertEqual('compute 2.65',
                         resp.headers['OpenStack-API-Version'])
        self.assertIn('X-OpenStack-Nova-API-Version', resp.headers['Vary'])
