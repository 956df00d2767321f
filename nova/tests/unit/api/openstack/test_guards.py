"""The middlewares that refuse abusive requests before any handler."""

import io

import webob
import webob.dec

from nova.api.openstack import guards
from nova.api.openstack import wsgi
from nova import test


class _ReadingApp(object):
    """Reads the body as a controller would; records what it saw."""

    def __init__(self):
        self.calls = 0

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        self.calls += 1
        try:
            return webob.Response(body=b'%d' % len(req.body))
        except webob.exc.HTTPException as exc:
            return wsgi.fault_response(req, exc)


class _Unreadable(io.RawIOBase):
    """A body stream that must not be read."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError('the body was read')


class RequestBodySizeLimiterTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.app = _ReadingApp()
        self.limiter = guards.RequestBodySizeLimiter(self.app,
                                                     conf=test.CONF)
        self.flags(max_request_body_size=10, group='oslo_middleware')

    def test_declared_length_over_the_limit_is_413_unread(self):
        closed = []
        req = webob.Request.blank('/', method='POST')
        req.environ['wsgi.input'] = _Unreadable()
        req.content_length = 11
        req.environ[wsgi.CLOSE_CONNECTION_KEY] = lambda: closed.append(1)
        resp = req.get_response(self.limiter)
        self.assertEqual(413, resp.status_int)
        self.assertEqual(413, resp.json['overLimit']['code'])
        self.assertEqual([1], closed)
        self.assertEqual(0, self.app.calls)

    def test_without_a_server_hook_it_asks_to_close(self):
        req = webob.Request.blank('/', method='POST', body=b'x' * 11)
        resp = req.get_response(self.limiter)
        self.assertEqual(413, resp.status_int)
        self.assertEqual('close', resp.headers['Connection'])

    def test_chunked_body_is_cut_at_the_limit(self):
        req = webob.Request.blank('/', method='POST')
        req.environ['wsgi.input'] = io.BytesIO(b'x' * 100)
        req.environ['HTTP_TRANSFER_ENCODING'] = 'chunked'
        req.environ['wsgi.input_terminated'] = True
        req.environ.pop('CONTENT_LENGTH', None)
        resp = req.get_response(self.limiter)
        self.assertEqual(413, resp.status_int)
        self.assertEqual(1, self.app.calls)

    def test_body_within_the_limit_passes(self):
        req = webob.Request.blank('/', method='POST', body=b'x' * 10)
        resp = req.get_response(self.limiter)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(b'10', resp.body)


class Utf8QueryStringTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.app = _ReadingApp()
        self.guard = guards.Utf8QueryString(self.app)

    def test_not_utf8_is_400(self):
        resp = webob.Request.blank('/servers?name=%ff').get_response(
            self.guard)
        self.assertEqual(400, resp.status_int)
        self.assertIn('UTF-8', resp.json['badRequest']['message'])
        self.assertEqual(0, self.app.calls)

    def test_utf8_passes(self):
        resp = webob.Request.blank('/servers?name=%c3%a9').get_response(
            self.guard)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(1, self.app.calls)
