"""The WSGI server the API runs on: eventlet.wsgi or cheroot.

Under eventlet the API is served by green threads (``eventlet.wsgi``);
in threading mode by cheroot's thread pool.  Both are production servers
(not ``wsgiref``); either can also be replaced by uwsgi or gunicorn loading
``nova.api.openstack.compute.wsgi:init_application``.
"""

import socket

from oslo_log import log as logging

from nova import concurrency
from nova import monkey_patch

LOG = logging.getLogger(__name__)


class Server(object):
    """Serves ``app`` on ``host:port`` in the background until stopped."""

    def __init__(self, name, app, host, port, workers=64, backlog=4096):
        self.name = name
        self.app = app
        self.host = host
        self.port = port
        self.workers = workers
        self.backlog = backlog
        self._impl = None

    def start(self):
        impl_cls = _EventletServer if monkey_patch.is_eventlet() \
            else _CherootServer
        self._impl = impl_cls(self.app, self.host, self.port, self.workers,
                              self.backlog)
        self.port = self._impl.start()
        LOG.info('%s listening on %s:%s', self.name, self.host, self.port)

    def stop(self):
        if self._impl is not None:
            self._impl.stop()

    def wait(self):
        if self._impl is not None:
            self._impl.wait()


class _EventletServer(object):
    def __init__(self, app, host, port, workers, backlog):
        self.app, self.host, self.port = app, host, port
        self.workers = workers
        self.backlog = backlog
        self._thread = None
        self._socket = None

    def start(self):
        import eventlet
        import eventlet.wsgi
        family = socket.AF_INET6 if ':' in self.host else socket.AF_INET
        self._socket = eventlet.listen((self.host, self.port), family=family,
                                       backlog=self.backlog)
        pool = eventlet.GreenPool(self.workers)
        self._thread = eventlet.spawn(
            eventlet.wsgi.server, self._socket, self.app, custom_pool=pool,
            log=_WsgiLog(), log_output=True, debug=False)
        return self._socket.getsockname()[1]

    def stop(self):
        if self._thread is not None:
            self._thread.kill()
        if self._socket is not None:
            self._socket.close()

    def wait(self):
        pass


class _CherootServer(object):
    def __init__(self, app, host, port, workers, backlog):
        from cheroot import wsgi
        self._server = wsgi.Server((host, port), app,
                                   numthreads=min(workers, 64),
                                   # cheroot's default listen backlog is 5.
                                   request_queue_size=backlog)
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
