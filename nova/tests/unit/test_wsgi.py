"""The API's HTTP server on either backend, over real loopback sockets.

It listens with the configured backlog (cheroot's own default is 5: a
burst of new connections then has SYNs refused, and those clients wait a
second or more to retry); slow clients neither starve it nor stay past
its socket timeout; and the errors it answers itself are Nova faults.
"""

import json
import socket
import threading
from unittest import mock

import ddt

from nova import monkey_patch
from nova import test
from nova import wsgi


def _app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [b'ok']


def _socket_class():
    """The class whose ``listen`` the kernel call goes through."""
    if monkey_patch.is_eventlet():
        import eventlet.patcher
        # Green sockets wrap one of these.
        return eventlet.patcher.original('socket').socket
    return socket.socket


@ddt.ddt
class BacklogTest(test.TestCase):

    def _served_with_backlog(self, backlog):
        """Start a server; return the backlog its socket listened with."""
        seen = []
        socket_class = _socket_class()
        real_listen = socket_class.listen

        def listen(sock, *args):
            seen.append(args[0] if args else None)
            return real_listen(sock, *args)
        server = wsgi.Server('test', _app, '127.0.0.1', 0, workers=4,
                             backlog=backlog)
        with mock.patch.object(socket_class, 'listen', listen):
            server.start()
        self.addCleanup(server.stop)
        with socket.create_connection(('127.0.0.1', server.port)) as conn:
            conn.sendall(b'GET / HTTP/1.0\r\nHost: x\r\n\r\n')
            self.assertIn(b'200 OK', conn.recv(1024))
        return seen

    @ddt.data(77, 4096)
    def test_backlog_reaches_listen(self, backlog):
        self.assertEqual([backlog], self._served_with_backlog(backlog))

    def test_default_backlog_option(self):
        self.assertEqual(4096, test.CONF.backlog)
        self.assertIn(monkey_patch.active_backend(), monkey_patch.BACKENDS)


def _read_all(conn):
    """Everything the server sends until it closes the connection."""
    chunks = []
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return b''.join(chunks)
        chunks.append(chunk)


def _status_and_fault(raw):
    head, _sep, body = raw.partition(b'\r\n\r\n')
    return int(head.split()[1]), json.loads(body)


class _BodyReadingApp(object):
    """Reads each request's body; counts requests blocked reading one."""

    def __init__(self, expected_readers):
        self.expected_readers = expected_readers
        self.readers = 0
        self.all_reading = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        length = int(environ.get('CONTENT_LENGTH') or 0)
        if length:
            with self.lock:
                self.readers += 1
                if self.readers == self.expected_readers:
                    self.all_reading.set()
            try:
                environ['wsgi.input'].read(length)
            except OSError:
                start_response('408 Request Timeout',
                               [('Content-Type', 'text/plain')])
                return [b'timeout']
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'ok']


class SlowClientTest(test.TestCase):
    """Clients that stall in their body neither starve others nor stay.

    Each slow client sends its headers and one byte of a declared body;
    the app counts them once they block reading, so the checks run while
    all of them hold a worker (no sleeps, only bounded socket timeouts).
    """

    SLOW_CLIENTS = 64

    def _serve(self, app, **kwargs):
        server = wsgi.Server('test', app, '127.0.0.1', 0, **kwargs)
        server.start()
        self.addCleanup(server.stop)
        return server

    def _stall(self, port):
        conn = socket.create_connection(('127.0.0.1', port), timeout=60)
        self.addCleanup(conn.close)
        conn.sendall(b'POST /slow HTTP/1.1\r\nHost: x\r\n'
                     b'Content-Length: 100\r\n\r\n{')
        return conn

    def test_slow_clients_do_not_starve_the_server(self):
        app = _BodyReadingApp(self.SLOW_CLIENTS)
        server = self._serve(app)   # the default sizes
        slow = [self._stall(server.port) for _i in range(self.SLOW_CLIENTS)]
        self.assertTrue(app.all_reading.wait(60))
        with socket.create_connection(('127.0.0.1', server.port),
                                      timeout=30) as conn:
            conn.sendall(b'GET / HTTP/1.0\r\nHost: x\r\n\r\n')
            self.assertIn(b'200 OK', _read_all(conn))
        # ... served while every slow client still held its worker.
        for conn in slow:
            conn.setblocking(False)
            self.assertRaises(BlockingIOError, conn.recv, 1)
            conn.close()

    def test_stalled_body_is_dropped_after_the_socket_timeout(self):
        app = _BodyReadingApp(1)
        server = self._serve(app, socket_timeout=1)
        conn = self._stall(server.port)
        # The server gives up after its 1 s timeout; 60 s only bounds a
        # hang of the test itself.
        self.assertIn(b'408', _read_all(conn))
        self.assertTrue(app.all_reading.is_set())

    def test_silent_connection_is_closed_after_the_socket_timeout(self):
        server = self._serve(_BodyReadingApp(1), socket_timeout=1)
        with socket.create_connection(('127.0.0.1', server.port),
                                      timeout=60) as conn:
            conn.sendall(b'GET / HTT')
            raw = _read_all(conn)
        # eventlet closes without a word; cheroot says 408 first.
        self.assertIn(raw[:12], (b'', b'HTTP/1.1 408'))


@ddt.ddt
class HttpLayerFaultTest(test.TestCase):
    """Errors the server answers before any app runs are Nova faults."""

    def setUp(self):
        super().setUp()
        self.server = wsgi.Server('test', _app, '127.0.0.1', 0,
                                  max_header_line=2048)
        self.server.start()
        self.addCleanup(self.server.stop)

    def _send(self, request):
        with socket.create_connection(('127.0.0.1', self.server.port),
                                      timeout=30) as conn:
            conn.sendall(request)
            return _read_all(conn)

    def test_url_over_the_limit_is_414(self):
        path = b'/' + b'a' * wsgi.MAX_URL_LENGTH
        status, fault = _status_and_fault(self._send(
            b'GET ' + path + b' HTTP/1.1\r\nHost: x\r\n\r\n'))
        self.assertEqual(414, status)
        self.assertEqual(414, fault['computeFault']['code'])
        self.assertIn('8192', fault['computeFault']['message'])

    def test_url_at_the_limit_is_served(self):
        path = b'/' + b'a' * (wsgi.MAX_URL_LENGTH - 100)
        raw = self._send(b'GET ' + path + b' HTTP/1.0\r\nHost: x\r\n\r\n')
        self.assertIn(b'200 OK', raw)

    @ddt.data(b'X-Auth-Token: ' + b't' * 10000 + b'\r\n',
              b''.join(b'X-H%d: %s\r\n' % (i, b'v' * 1000)
                       for i in range(100)))
    def test_header_over_the_limits_is_400(self, header):
        status, fault = _status_and_fault(self._send(
            b'GET / HTTP/1.1\r\nHost: x\r\n' + header + b'\r\n'))
        self.assertEqual(400, status)
        self.assertEqual(400, fault['badRequest']['code'])

    def test_header_within_the_limit_is_served(self):
        raw = self._send(b'GET / HTTP/1.0\r\nHost: x\r\nX-Auth-Token: '
                         + b't' * 1500 + b'\r\n\r\n')
        self.assertIn(b'200 OK', raw)
