"""The API's server listens with the configured backlog on either backend.

Cheroot's own default is a backlog of 5: a burst of new connections then
has SYNs refused, and those clients wait a second or more to retry.
"""

import socket
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
