"""Authentication middlewares: noauth2 and keystone (auth_token faked)."""

import ddt
from keystonemiddleware import fixture as ksm_fixture
import webob
import webob.dec

from nova.api import auth
from nova.api.openstack import wsgi
import nova.conf
from nova import test
from nova.tests.unit.api.openstack import fakes

CONF = nova.conf.CONF


@webob.dec.wsgify
def _echo_context(req):
    """Reply with what the auth middleware put in the environ."""
    context = req.environ[wsgi.CONTEXT_KEY]
    return webob.Response(json_body={
        'user_id': context.user_id, 'project_id': context.project_id,
        'roles': sorted(context.roles), 'is_admin': context.is_admin,
        'request_id': context.request_id,
        'remote_address': context.remote_address})


@ddt.ddt
class NoAuthMiddlewareTest(test.TestCase):

    def _call(self, token, **environ):
        req = webob.Request.blank('/', environ=environ)
        if token is not None:
            req.headers['X-Auth-Token'] = token
        return req.get_response(auth.NoAuthMiddleware(_echo_context))

    @ddt.data(('u1:p1', 'u1', 'p1', ['member', 'reader'], False),
              ('admin:p2', 'admin', 'p2', ['admin', 'member', 'reader'],
               True),
              ('admin', 'admin', 'admin', ['admin', 'member', 'reader'],
               True),
              ('solo', 'solo', 'solo', ['member', 'reader'], False))
    @ddt.unpack
    def test_token_becomes_context(self, token, user, project, roles,
                                   is_admin):
        body = self._call(token).json_body
        self.assertEqual((user, project, roles, is_admin),
                         (body['user_id'], body['project_id'],
                          body['roles'], body['is_admin']))

    @ddt.data(None, '', '   ')
    def test_no_token_is_401_fault(self, token):
        resp = self._call(token)
        self.assertEqual(401, resp.status_int)
        self.assertEqual(401, resp.json_body['unauthorized']['code'])

    def test_request_id_and_remote_address_come_from_environ(self):
        body = self._call('u1:p1', **{'openstack.request_id': 'req-1',
                                      'REMOTE_ADDR': '192.0.2.7'}).json_body
        self.assertEqual(('req-1', '192.0.2.7'),
                         (body['request_id'], body['remote_address']))


class KeystoneContextTest(test.TestCase):

    def _call(self, headers):
        req = webob.Request.blank('/', headers=headers)
        return req.get_response(auth.NovaKeystoneContext(_echo_context))

    def test_headers_become_context(self):
        body = self._call({'X-User-Id': 'u9', 'X-Project-Id': 'p9',
                           'X-Roles': 'reader, manager'}).json_body
        self.assertEqual(('u9', 'p9', ['manager', 'reader'], False),
                         (body['user_id'], body['project_id'],
                          body['roles'], body['is_admin']))

    def test_admin_role_makes_admin(self):
        body = self._call({'X-User-Id': 'u9', 'X-Project-Id': 'p9',
                           'X-Roles': 'admin'}).json_body
        self.assertTrue(body['is_admin'])

    def test_without_identity_headers_is_401(self):
        self.assertEqual(401, self._call({}).status_int)


class KeystoneStackTest(test.TestCase):
    """``[api] auth_strategy = keystone`` through ``loadapp``."""

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        self.tokens = self.useFixture(ksm_fixture.AuthTokenFixture())
        self.flags(auth_strategy='keystone', group='api')
        # auth_token registers its options when it is first built and
        # reads them then: build once to register, configure, rebuild.
        fakes.build_app(self, fakes.TEST_ROUTES)
        self.flags(www_authenticate_uri='http://keystone.test/identity',
                   group='keystone_authtoken')
        self.app = fakes.build_app(self, fakes.TEST_ROUTES)

    def test_valid_token_builds_context(self):
        self.tokens.add_token_data(token_id='good', user_id='u5',
                                   project_id='abc5',
                                   role_list=['member', 'reader'])
        resp = fakes.call(self.app, 'GET', '/v2.1/abc5/widgets',
                          token='good')
        self.assertEqual(200, resp.status_int, resp.body)
        body = resp.json_body
        self.assertEqual(('u5', 'abc5', ['member', 'reader']),
                         (body['user_id'], body['project_id'],
                          body['roles']))
        self.assertEqual(resp.headers['X-OpenStack-Request-ID'],
                         body['request_id'])

    def test_bad_token_is_401_from_auth_token(self):
        resp = fakes.call(self.app, 'GET', '/v2.1/widgets', token='bogus')
        self.assertEqual(401, resp.status_int)
        self.assertIn('Keystone uri', resp.headers['WWW-Authenticate'])

    def test_missing_token_is_401(self):
        resp = fakes.call(self.app, 'GET', '/v2.1/widgets', token=None)
        self.assertEqual(401, resp.status_int)

    def test_discovery_needs_no_token(self):
        for path in ('/', '/v2.1', '/v2.1/'):
            resp = fakes.call(self.app, 'GET', path, token=None)
            self.assertEqual(200, resp.status_int, path)
