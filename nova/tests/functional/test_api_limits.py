"""The API's limits on bodies, echoes and the HTTP layer, over real sockets.

A body over ``[oslo_middleware] max_request_body_size`` is a 413
``overLimit`` fault, answered before the body is read (the client below
sends only its first bytes); a fault never quotes megabytes of input;
an over-long URL or header line is a fault too.
"""

import json
import socket

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
