"""The API's limits on bodies, echoes, slow clients and the HTTP layer.

All over real loopback sockets to the running API.  A body over
``[oslo_middleware] max_request_body_size`` is a 413 ``overLimit`` fault,
answered before the body is read (the client below sends only its first
bytes); a fault never quotes megabytes of input; clients stalled in their
bodies neither block other requests nor stay connected past
``[wsgi] client_socket_timeout``; an over-long URL or header line is a
fault too.
"""

import json
import socket
import threading

import fixtures

from nova.api.openstack import wsgi
from nova.tests.functional import base
from nova.tests.functional import test_servers

BODY_LIMIT = 114688


def raw_request(port, head, body=b'', timeout=30):
    """Send ``head`` (and ``body``) on a new connection; the raw answer."""
    with socket.create_connection(('127.0.0.1', port),
                                  timeout=timeout) as conn:
        conn.sendall(head + body)
        chunks = []
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b''.join(chunks)


def split_response(raw):
    """(status, headers as a lower-cased dict, body) of a raw answer."""
    head, _sep, body = raw.partition(b'\r\n\r\n')
    lines = head.decode('latin-1').split('\r\n')
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _sep, value = line.partition(':')
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def assert_still_waiting(test, conn):
    """Nothing was answered on ``conn`` and it is still open."""
    conn.setblocking(False)
    test.assertRaises(BlockingIOError, conn.recv, 1)
    conn.setblocking(True)


class BodyLimitTest(test_servers.ServersTestBase):

    def post_head(self, length, path='/v2.1/servers', extra=b''):
        return (b'POST %s HTTP/1.1\r\nHost: test\r\n'
                b'X-Auth-Token: admin:admin\r\n'
                b'OpenStack-API-Version: compute 2.65\r\n'
                b'Content-Type: application/json\r\n'
                b'Content-Length: %d\r\n%s\r\n'
                % (path.encode(), length, extra))

    def assert_over_limit(self, raw):
        status, headers, body = split_response(raw)
        self.assertEqual(413, status, raw[:300])
        fault = json.loads(body)['overLimit']
        self.assertEqual(413, fault['code'])
        self.assertIn(str(BODY_LIMIT), fault['message'])
        self.assertEqual('close', headers.get('connection'))

    def test_declared_body_over_the_limit_is_refused_unread(self):
        before = self.row_counts()
        for size in (10 * 2 ** 20, 50 * 2 ** 20, BODY_LIMIT + 1):
            # Only the first bytes are sent: the answer cannot wait for
            # the rest, nor parse it.
            self.assert_over_limit(raw_request(
                self.cloud.api.port, self.post_head(size), b'{"server":'))
        self.assertEqual(before, self.row_counts())

    def test_chunked_body_over_the_limit_is_413(self):
        def chunks():
            yield b'{"server": {"name": "'
            for _i in range(BODY_LIMIT // 8192 + 2):
                yield b'x' * 8192
            yield b'"}}'
        resp = self.api.session.post(
            self.cloud.endpoint + '/servers', data=chunks(), timeout=60,
            headers={'X-Auth-Token': 'admin:admin',
                     'Content-Type': 'application/json'})
        self.assertEqual(413, resp.status_code, resp.text[:300])
        self.assertIn('overLimit', resp.json())
        self.assertEqual(0, self.row_counts()['instances'])

    def test_body_at_the_limit_is_parsed(self):
        body = json.dumps(test_servers.server_body('vm-x')).encode()
        body = body[:-1] + b' ' * (BODY_LIMIT - len(body)) + b'}'
        status, _headers, _body = split_response(raw_request(
            self.cloud.api.port,
            self.post_head(len(body), extra=b'Connection: close\r\n'),
            body))
        self.assertEqual(202, status)

    def test_limit_is_configurable(self):
        # Read on every request, so no restart is needed.
        self.flags(max_request_body_size=64, group='oslo_middleware')
        resp = self.api.post('/servers', test_servers.server_body())
        self.assertEqual(413, resp.status_code)
        self.assertIn('64', resp.json()['overLimit']['message'])

    def test_invalid_values_are_not_echoed_whole(self):
        big = 'x' * (BODY_LIMIT - 1024)
        for body in (test_servers.server_body(name=' ' + big),
                     test_servers.server_body(metadata={'k': big}),
                     test_servers.server_body(metadata={big[:300]: 'v'}),
                     {'server': {'name': 'vm', big[:90000]: 1}},
                     {big[:90000]: None}):
            resp = self.api.post('/servers', body)
            self.assertEqual(400, resp.status_code)
            self.assertLess(len(resp.content), 2048, resp.text[:300])
        resp = self.api.post('/servers/%s/action' % self.boot().uuid,
                             {big[:90000]: None})
        self.assertEqual(400, resp.status_code)
        self.assertLess(len(resp.content), 2048, resp.text[:300])


class _ArrivalCounter(object):
    """Wraps the API's body reader: counts requests about to read a body."""

    def __init__(self, expected):
        self.expected = expected
        self.count = 0
        self.lock = threading.Lock()
        self.all_arrived = threading.Event()
        self.real = wsgi._read_body

    def __call__(self, req):
        with self.lock:
            self.count += 1
            if self.count >= self.expected:
                self.all_arrived.set()
        return self.real(req)


class SlowClientTest(test_servers.ServersTestBase):
    """64 clients stalled in their body do not block the API."""

    SLOW_CLIENTS = 64

    def stall(self, length=1000):
        """A connection that sent its headers and one byte of its body."""
        conn = socket.create_connection(('127.0.0.1', self.cloud.api.port),
                                        timeout=60)
        self.addCleanup(conn.close)
        conn.sendall(b'POST /v2.1/servers HTTP/1.1\r\nHost: test\r\n'
                     b'X-Auth-Token: admin:admin\r\n'
                     b'Content-Type: application/json\r\n'
                     b'Content-Length: %d\r\n\r\n{' % length)
        return conn

    def test_slow_clients_do_not_block_other_requests(self):
        counter = _ArrivalCounter(self.SLOW_CLIENTS)
        self.useFixture(fixtures.MonkeyPatch(
            'nova.api.openstack.wsgi._read_body', counter))
        slow = [self.stall() for _i in range(self.SLOW_CLIENTS)]
        # Every slow request now holds a worker, blocked in its body.
        self.assertTrue(counter.all_arrived.wait(60))
        resp = self.api.get('/flavors')
        self.assertEqual(200, resp.status_code)
        # ... served while every slow client still held its worker.
        for conn in slow:
            assert_still_waiting(self, conn)
            conn.close()
        self.assertEqual(0, self.row_counts()['instances'])


class StalledClientTest(test_servers.ServersTestBase):
    """A client stalled in its body is answered 408 and disconnected."""

    def configure(self):
        self.flags(client_socket_timeout=1, group='wsgi')

    def test_stalled_body_is_408_and_closed(self):
        conn = SlowClientTest.stall(self)
        # The server gives up after its 1 s timeout; the client's 60 s
        # only bounds a hang of the test itself.
        raw = b''.join(iter(lambda: conn.recv(65536), b''))
        status, _headers, body = split_response(raw)
        self.assertEqual(408, status)
        self.assertEqual(408, json.loads(body)['requestTimeout']['code'])
        self.assertEqual(0, self.row_counts()['instances'])


class HttpLayerLimitsTest(test_servers.ServersTestBase):
    """The server's own limits answer with faults, like the API does."""

    def test_url_over_8_kb_is_414_fault(self):
        resp = self.api.get('/servers?name=' + 'x' * 9000)
        self.assertEqual(414, resp.status_code)
        self.assertEqual(414, resp.json()['computeFault']['code'])

    def test_url_under_8_kb_is_served(self):
        resp = self.api.get('/servers?name=' + 'x' * 7000)
        self.assertEqual(200, resp.status_code)

    def test_header_line_over_the_limit_is_400_fault(self):
        resp = self.api.get('/flavors', token='x' * 20000)
        self.assertEqual(400, resp.status_code)
        self.assertIn('16384', resp.json()['badRequest']['message'])

    def test_token_of_10000_bytes_is_served(self):
        # eventlet's own limit (8192) refused it with an empty 400.
        resp = self.api.get('/flavors', token='x' * 10000)
        self.assertEqual(200, resp.status_code)

    def test_header_line_limit_is_configurable(self):
        self.flags(max_header_line=4096, group='wsgi')
        self.cloud.stop()
        self.cloud.start()
        api = base.ApiClient(self.cloud.endpoint)
        resp = api.get('/flavors', token='x' * 5000)
        self.assertEqual(400, resp.status_code)
        self.assertIn('4096', resp.json()['badRequest']['message'])
