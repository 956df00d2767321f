"""The WSGI server the API runs on: eventlet.wsgi or cheroot.

Under eventlet the API is served by green threads (``eventlet.wsgi``);
in threading mode by cheroot's thread pool.  Both are production servers
(not ``wsgiref``); either can also be replaced by uwsgi or gunicorn loading
``nova.api.openstack.compute.wsgi:init_application``.

Both are configured alike against abusive clients:

* every client socket times out after ``socket_timeout`` seconds of
  silence, so a stalled request cannot hold a worker for long;
* ``workers`` connections can be served at once (cheroot grows its thread
  pool on demand), so slow clients cannot take every worker;
* the URL is limited to :data:`MAX_URL_LENGTH` bytes (414), a header line
  to ``max_header_line`` and all headers to :data:`MAX_HEADERS_SIZE`
  bytes (400), and those errors, answered before any application runs,
  are Nova fault bodies like every other error.
"""

import socket

from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova.api.openstack import wsgi as api_wsgi
from nova import concurrency
from nova import monkey_patch

LOG = logging.getLogger(__name__)

MAX_URL_LENGTH = 8192
MAX_HEADERS_SIZE = 65536
# Native threads started with cheroot; more are added while none is idle.
CHEROOT_START_THREADS = 64
CHEROOT_GROW_STEP = 16

_URL_TOO_LONG = 'The request URL is longer than %d bytes.' % MAX_URL_LENGTH
_HEADER_TOO_LONG = 'A request header line is longer than %d bytes.'
_HEADERS_TOO_LARGE = ('The request headers are larger than %d bytes in '
                      'total.' % MAX_HEADERS_SIZE)


def fault_response(status, message, protocol='HTTP/1.1'):
    """A whole HTTP error response with a Nova fault body, as bytes."""
    code = int(status.split(None, 1)[0])
    body = jsonutils.dump_as_bytes(api_wsgi.fault_body(code, message))
    head = ('%s %s\r\nContent-Type: application/json\r\n'
            'Content-Length: %d\r\nConnection: close\r\n\r\n'
            % (protocol, status, len(body)))
    return head.encode('latin-1') + body


class Server(object):
    """Serves ``app`` on ``host:port`` in the background until stopped."""

    def __init__(self, name, app, host, port, workers=1000, backlog=4096,
                 socket_timeout=60, max_header_line=16384):
        self.name = name
        self.app = app
        self.host = host
        self.port = port
        self.limits = _Limits(workers, backlog, socket_timeout,
                              max_header_line)
        self._impl = None

    def start(self):
        impl_cls = _EventletServer if monkey_patch.is_eventlet() \
            else _CherootServer
        self._impl = impl_cls(self.app, self.host, self.port, self.limits)
        self.port = self._impl.start()
        LOG.info('%s listening on %s:%s', self.name, self.host, self.port)

    def stop(self):
        if self._impl is not None:
            self._impl.stop()

    def wait(self):
        if self._impl is not None:
            self._impl.wait()


class _Limits(object):
    def __init__(self, workers, backlog, socket_timeout, max_header_line):
        self.workers = workers
        self.backlog = backlog
        self.socket_timeout = socket_timeout
        self.max_header_line = max_header_line


class _EventletServer(object):
    def __init__(self, app, host, port, limits):
        self.app, self.host, self.port = app, host, port
        self.limits = limits
        self._thread = None
        self._socket = None

    def start(self):
        import eventlet
        import eventlet.wsgi
        family = socket.AF_INET6 if ':' in self.host else socket.AF_INET
        self._socket = eventlet.listen((self.host, self.port), family=family,
                                       backlog=self.limits.backlog)
        # eventlet reads its header line limit from the module, as Nova
        # sets it; one API server runs per process.
        eventlet.wsgi.MAX_HEADER_LINE = self.limits.max_header_line
        pool = eventlet.GreenPool(self.limits.workers)
        self._thread = eventlet.spawn(
            eventlet.wsgi.server, self._socket, self.app, custom_pool=pool,
            protocol=_eventlet_protocol(self.limits.max_header_line),
            url_length_limit=MAX_URL_LENGTH,
            socket_timeout=self.limits.socket_timeout,
            log=_WsgiLog(), log_output=True, debug=False)
        return self._socket.getsockname()[1]

    def stop(self):
        if self._thread is not None:
            self._thread.kill()
        if self._socket is not None:
            self._socket.close()

    def wait(self):
        pass


def _eventlet_protocol(max_header_line):
    """eventlet.wsgi's protocol, answering its own errors with faults."""
    import eventlet.wsgi
    return type('FaultingHttpProtocol',
                (_EventletFaults, eventlet.wsgi.HttpProtocol),
                {'max_header_line': max_header_line})


class _EventletFaults(object):
    """Mixed into eventlet.wsgi.HttpProtocol (imported only under eventlet).

    eventlet answers an over-long URL or header with an empty body; this
    answers with a fault, and lets the app close the connection.
    """

    max_header_line = None

    def _read_request_line(self):
        line = super()._read_request_line()
        if len(line) >= MAX_URL_LENGTH:
            self._refuse('414 Request URI Too Long', _URL_TOO_LONG)
            return ''
        return line

    def parse_request(self):
        import eventlet.wsgi
        try:
            return super().parse_request()
        except eventlet.wsgi.HeaderLineTooLong:
            self._refuse('400 Bad Request',
                         _HEADER_TOO_LONG % self.max_header_line)
        except eventlet.wsgi.HeadersTooLarge:
            self._refuse('400 Bad Request', _HEADERS_TOO_LARGE)
        return False

    def get_environ(self):
        environ = super().get_environ()
        environ[api_wsgi.CLOSE_CONNECTION_KEY] = self._close_after_response
        return environ

    def _close_after_response(self):
        # Read by eventlet before it would discard the unread body.
        self.close_connection = 1

    def _refuse(self, status, message):
        self.close_connection = 1
        try:
            self.wfile.write(fault_response(status, message))
        except OSError:
            pass


class _CherootServer(object):
    def __init__(self, app, host, port, limits):
        from cheroot import wsgi
        self._server = wsgi.Server(
            (host, port), app,
            numthreads=min(limits.workers, CHEROOT_START_THREADS),
            max=limits.workers,
            # cheroot's default listen backlog is 5.
            request_queue_size=limits.backlog,
            timeout=limits.socket_timeout)
        self._server.max_request_header_size = (MAX_URL_LENGTH
                                                + MAX_HEADERS_SIZE)
        self._server.ConnectionClass = _cheroot_connection_class(
            limits.max_header_line)
        self._server.gateway = _cheroot_gateway(self._server.gateway)
        self._server.requests = _growing_thread_pool(
            self._server, min(limits.workers, CHEROOT_START_THREADS),
            limits.workers)
        self._thread = None

    def start(self):
        self._server.prepare()
        self._thread = concurrency.spawn(self._server.serve)
        return self._server.bind_addr[1]

    def stop(self):
        self._server.stop()

    def wait(self):
        if self._thread is not None:
            self._thread.join()


def _growing_thread_pool(server, start, most):
    """cheroot's pool, adding threads (up to ``most``) when none is idle.

    cheroot's own pool stays at its initial size: clients that hold a
    thread while sending slowly would starve every other request.
    """
    from cheroot.workers import threadpool

    class GrowingThreadPool(threadpool.ThreadPool):

        def put(self, obj):
            if self.idle <= self._queue.qsize() and \
                    len(self._threads) < self.max:
                self.grow(CHEROOT_GROW_STEP)
            super().put(obj)

    return GrowingThreadPool(server, min=start, max=most)


def _cheroot_gateway(gateway_class):
    """cheroot's WSGI gateway, offering the app to close the connection."""
    return type('ClosingGateway', (_CherootClosing, gateway_class), {})


class _CherootClosing(object):
    """Mixed into cheroot's WSGI gateway (imported only under threading)."""

    def get_environ(self):
        environ = super().get_environ()
        environ[api_wsgi.CLOSE_CONNECTION_KEY] = self._close_after_response
        return environ

    def _close_after_response(self):
        # Read by cheroot before it would read the unread body.
        self.req.close_connection = True


def _cheroot_connection_class(max_header_line):
    """cheroot's connection, answering its own errors with faults."""
    from cheroot import server
    request_class = type('FaultingHTTPRequest',
                         (_CherootFaults, server.HTTPRequest),
                         {'max_header_line': max_header_line})
    return type('FaultingHTTPConnection', (server.HTTPConnection,),
                {'RequestHandlerClass': request_class})


class _CherootFaults(object):
    """Mixed into cheroot's HTTPRequest (imported only under threading).

    cheroot has no URL or header line limit of its own and answers its
    errors in plain text; this adds both limits and answers with faults.
    """

    max_header_line = None

    def read_request_line(self):
        if not super().read_request_line():
            return False
        if len(self.uri) > MAX_URL_LENGTH:
            self.simple_response('414 Request-URI Too Long', _URL_TOO_LONG)
            return False
        return True

    def read_request_headers(self):
        if not super().read_request_headers():
            return False
        if any(len(name) + len(value) + 2 > self.max_header_line
               for name, value in self.inheaders.items()):
            self.simple_response('400 Bad Request',
                                 _HEADER_TOO_LONG % self.max_header_line)
            return False
        return True

    def send_headers(self):
        # cheroot would read and discard the unread rest of the body
        # before answering; after an error the client may be stalled (or
        # sending gigabytes): close instead.
        if int(self.status[:3]) >= 400 and \
                getattr(self.rfile, 'remaining', 0):
            self.close_connection = True
        super().send_headers()

    def simple_response(self, status, msg=''):
        status = str(status)
        if int(status[:3]) < 400:
            return super().simple_response(status, msg)
        if status.startswith('413') and 'headers' in str(msg):
            status, msg = '400 Bad Request', _HEADERS_TOO_LARGE
        self.close_connection = True
        try:
            self.conn.wfile.write(fault_response(
                status, str(msg) or status[4:], self.server.protocol))
        except OSError:
            pass


class _WsgiLog(object):
    """eventlet.wsgi writes access lines; route them to oslo.log."""

    def write(self, message):
        LOG.info(message.rstrip())

    def info(self, message, *args):
        LOG.info(message, *args)

    def debug(self, message, *args):
        LOG.debug(message, *args)

    def error(self, message, *args):
        LOG.error(message, *args)
