"""Services: an RPC server around a manager, a heartbeat, start and stop.

``Launcher`` runs one or more services in this process and stops them on
SIGTERM or SIGINT: stop intake first (RPC server), then let each manager
release what it holds (``cleanup_host``), then wait.  nova-all launches all
services in one process; each ``nova-*`` command launches one.
"""

import signal
import threading

import futurist
from futurist import periodics
from oslo_log import log as logging
import oslo_messaging as messaging

from nova import concurrency
import nova.conf
from nova import context as nova_context
from nova import exception
from nova import monkey_patch
from nova import objects
from nova.objects import service as service_obj
from nova import rpc

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def _periodic_executor_factory():
    if monkey_patch.is_eventlet():
        return futurist.GreenThreadPoolExecutor(max_workers=1)
    return futurist.SynchronousExecutor()


def _logging_failures(fn, binary, host):
    def task():
        try:
            fn()
        except Exception:
            LOG.exception('Periodic task %s of %s on %s failed',
                          fn.__name__, binary, host)
    return task


class Service(object):
    """One RPC service (conductor, scheduler or one compute host)."""

    def __init__(self, host, binary, topic, manager,
                 report_interval=None):
        self.host = host
        self.binary = binary
        self.topic = topic
        self.manager = manager
        self.report_interval = report_interval or CONF.report_interval
        self.service_ref = None
        self.rpcserver = None
        self._periodic = None
        self._stopped = False

    @classmethod
    def create(cls, binary, topic, manager, host=None):
        return cls(host or CONF.host, binary, topic, manager)

    def start(self):
        ctxt = nova_context.get_admin_context()
        self.service_ref = self._register(ctxt)
        self.manager.init_host(self.service_ref)
        self.manager.pre_start_hook(self.service_ref)
        target = messaging.Target(topic=self.topic, server=self.host)
        self.rpcserver = rpc.get_server(target, [self.manager])
        self.rpcserver.start()
        self.manager.post_start_hook()
        self._start_heartbeat()
        LOG.info('Started %s on %s (service version %s)', self.binary,
                 self.host, self.reported_version())

    def _register(self, ctxt):
        version = self.reported_version()
        try:
            ref = objects.Service.get_by_host_and_binary(
                ctxt, self.host, self.binary)
        except exception.NotFound:
            ref = objects.Service(ctxt, host=self.host, binary=self.binary,
                                  topic=self.topic, version=version)
            ref.create()
            return ref
        if ref.version != version:
            ref.version = version
            ref.save()
        return ref

    def reported_version(self):
        return getattr(self.manager, 'service_version',
                       service_obj.SERVICE_VERSION)

    def _start_heartbeat(self):
        @periodics.periodic(self.report_interval, run_immediately=True)
        def heartbeat():
            self.report_state()

        self._periodic = periodics.PeriodicWorker(
            [(heartbeat, None, None)] + self._manager_periodics(),
            executor_factory=_periodic_executor_factory)
        concurrency.spawn(self._periodic.start)

    def _manager_periodics(self):
        """The manager's ``(callable, seconds)`` tasks, never raising."""
        tasks = []
        for fn, spacing in self.manager.periodic_tasks():
            tasks.append((periodics.periodic(spacing)(
                _logging_failures(fn, self.binary, self.host)), None, None))
        return tasks

    def report_state(self):
        """Write one heartbeat; a failure is logged and retried next time."""
        try:
            self.service_ref.heartbeat()
        except Exception:
            LOG.exception('Heartbeat of %s on %s failed', self.binary,
                          self.host)

    def stop(self):
        """Stop intake, then let the manager release what it holds."""
        if self._stopped:
            return
        self._stopped = True
        if self.rpcserver is not None:
            self.rpcserver.stop()
        if self._periodic is not None:
            self._periodic.stop()
        try:
            self.manager.cleanup_host()
        except Exception:
            LOG.exception('cleanup_host of %s on %s failed', self.binary,
                          self.host)

    def wait(self):
        if self.rpcserver is not None:
            self.rpcserver.wait()
        if self._periodic is not None:
            self._periodic.wait()


class Launcher(object):
    """Runs services until SIGTERM/SIGINT, then stops them in reverse."""

    def __init__(self):
        self.services = []
        self._stop_requested = threading.Event()

    def launch_service(self, service):
        service.start()
        self.services.append(service)

    def request_stop(self, *args):
        self._stop_requested.set()

    def install_signal_handlers(self):
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)

    def wait(self):
        """Block until a stop is requested, then stop everything."""
        while not self._stop_requested.wait(1):
            pass
        self.stop()

    def stop(self):
        for service in reversed(self.services):
            service.stop()
        for service in reversed(self.services):
            service.wait()
        self.services = []


class WSGIService(object):
    """The compute API on a real WSGI server, with the Service interface."""

    def __init__(self, name='osapi_compute', app=None, host=None, port=None):
        from nova import wsgi
        if app is None:
            from nova.api.openstack import deploy
            app = deploy.loadapp(CONF)
        self.server = wsgi.Server(
            name, app, host or CONF.osapi_compute_listen,
            CONF.osapi_compute_listen_port if port is None else port,
            workers=CONF.osapi_compute_workers, backlog=CONF.backlog)

    @property
    def host(self):
        return self.server.host

    @property
    def port(self):
        return self.server.port

    def start(self):
        self.server.start()

    def stop(self):
        self.server.stop()

    def wait(self):
        self.server.wait()
