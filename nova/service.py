"""Services: an RPC server around a manager, a heartbeat, start and stop.

``Launcher`` runs one or more services in this process and stops them on
SIGTERM or SIGINT: stop intake first (RPC server), then let each manager
release what it holds (``cleanup_host``), then wait.  nova-all launches all
services in one process; each ``nova-*`` command launches one.
"""

import os
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
        LOG.info('Starting %s on %s', self.binary, self.host)
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

        tasks = [(heartbeat, None, None)] + [
            (self._periodic_task(task, spacing), None, None)
            for task, spacing in self.manager.periodic_tasks()]
        self._periodic = periodics.PeriodicWorker(
            tasks, executor_factory=_periodic_executor_factory)
        concurrency.spawn(self._periodic.start)

    def _periodic_task(self, task, spacing):
        @periodics.periodic(spacing)
        def run():
            try:
                task(nova_context.get_admin_context())
            except Exception:
                LOG.exception('Periodic task %s of %s failed',
                              getattr(task, '__name__', task), self.host)
        run.__name__ = getattr(task, '__name__', 'periodic')
        return run

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


class StopRequested(Exception):
    """SIGTERM or SIGINT arrived while the services were still starting."""


class StopWatchdog(object):
    """Exits the process if a stop outlives ``graceful_shutdown_timeout``.

    Armed by the first SIGTERM/SIGINT, disarmed when the stop completes;
    whatever the stop did not finish is repaired at the next start.
    """

    def __init__(self, timeout, on_expiry=None):
        self.timeout = timeout
        self.on_expiry = on_expiry or _exit_now
        self._disarmed = None

    def arm(self):
        if self._disarmed is not None or not self.timeout:
            return
        threading_mod = _native_threading()
        self._disarmed = threading_mod.Event()
        threading_mod.Thread(target=self._watch, name='stop-watchdog',
                             daemon=True).start()

    def _watch(self):
        if not self._disarmed.wait(self.timeout):
            self.on_expiry(self.timeout)

    def disarm(self):
        if self._disarmed is not None:
            self._disarmed.set()


def _native_threading():
    """Native threads, even under eventlet.

    The watchdog must fire even if the hub never runs again (a stop stuck
    in a blocking call), so it cannot be a green thread.
    """
    if monkey_patch.is_eventlet():
        import eventlet.patcher
        return eventlet.patcher.original('threading')
    return threading


def _exit_now(timeout):
    LOG.error('Stop did not finish within graceful_shutdown_timeout (%s s); '
              'exiting now', timeout)
    os._exit(1)


class Launcher(object):
    """Runs services until SIGTERM/SIGINT, then stops them in reverse.

    A signal is honoured at any moment: while services start, the next
    start is not begun (``StopRequested``); a start or stop that hangs is
    cut short by the ``StopWatchdog`` after ``graceful_shutdown_timeout``.
    """

    def __init__(self, watchdog=None):
        self.services = []
        self._stop_requested = threading.Event()
        self.watchdog = watchdog or StopWatchdog(
            CONF.graceful_shutdown_timeout)

    @property
    def stop_requested(self):
        return self._stop_requested.is_set()

    def launch_service(self, service):
        self.check_stop_requested()
        service.start()
        self.services.append(service)

    def check_stop_requested(self):
        """Raise ``StopRequested`` once a stop was asked for."""
        if self.stop_requested:
            raise StopRequested()

    def request_stop(self, *args):
        self.watchdog.arm()
        self._stop_requested.set()

    def install_signal_handlers(self):
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)

    def wait(self, stop=None):
        """Block until a stop is requested, then run ``stop`` (or stop all)."""
        while not self._stop_requested.wait(1):
            pass
        try:
            (stop or self.stop)()
        finally:
            self.watchdog.disarm()

    def stop(self):
        for service in reversed(self.services):
            service.stop()
        for service in reversed(self.services):
            service.wait()
        self.services = []
        self.watchdog.disarm()


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
            workers=CONF.osapi_compute_workers, backlog=CONF.backlog,
            socket_timeout=CONF.wsgi.client_socket_timeout,
            max_header_line=CONF.wsgi.max_header_line)

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
