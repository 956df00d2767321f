"""Services: registration, heartbeat, up/down, start/stop and the launcher.

These run under whichever concurrency backend the process uses (tox runs
both), on a migrated SQLite database and the in-process transport.
"""

import datetime
import logging
import threading

import fixtures

import oslo_messaging as messaging
from oslo_utils import fixture as utils_fixture

from nova import concurrency
import nova.conf
from nova import context
from nova.db.main import services as services_db
from nova import manager
from nova import objects
from nova.objects import service as service_obj
from nova import rpc
from nova import service
from nova import test
from nova.tests import fixtures as nova_fixtures

CONF = nova.conf.CONF
WAIT = 30
T0 = datetime.datetime(2026, 1, 2, 3, 4, 5)


class RecordingManager(manager.Manager):
    """A trivial manager noting its hooks in a (possibly shared) log."""

    def __init__(self, host, log=None):
        super().__init__(host=host, service_name='recording')
        self.log = [] if log is None else log
        self.service_ref = None

    def init_host(self, service_ref=None):
        self.service_ref = service_ref
        self.log.append(('init_host', self.host))

    def pre_start_hook(self, service_ref):
        self.log.append(('pre_start_hook', self.host))

    def post_start_hook(self):
        self.log.append(('post_start_hook', self.host))

    def cleanup_host(self):
        self.log.append(('cleanup_host', self.host))

    def ping(self, context, value):
        return 'pong %s' % value


class HeartbeatSignallingService(service.Service):
    """A Service telling the test when a heartbeat has been written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.beaten = threading.Event()

    def report_state(self):
        super().report_state()
        self.beaten.set()


class ServiceTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(nova_fixtures.Database('sqlite'))
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        self.ctxt = context.get_admin_context()

    def _service(self, host, log=None, cls=service.Service):
        # A long interval: only the heartbeat run at start happens.
        svc = cls(host, 'nova-compute', 'compute',
                  RecordingManager(host, log), report_interval=3600)
        self.addCleanup(svc.wait)
        self.addCleanup(svc.stop)
        return svc


class ServiceTestCase(ServiceTestBase):

    def test_start_registers_with_service_version(self):
        svc = self._service('compute1', cls=HeartbeatSignallingService)
        svc.start()
        row = services_db.service_get_by_host_and_binary(
            self.ctxt, 'compute1', 'nova-compute')
        self.assertEqual((service_obj.SERVICE_VERSION, 'compute'),
                         (row.version, row.topic))
        self.assertEqual(row.id, svc.manager.service_ref.id)
        self.assertTrue(svc.beaten.wait(WAIT))
        self.assertEqual(1, services_db.service_get(
            self.ctxt, row.id).report_count)

    def test_restart_keeps_the_record_and_updates_its_version(self):
        old = objects.Service(self.ctxt, host='compute1',
                              binary='nova-compute', topic='compute',
                              version=service_obj.SERVICE_VERSION - 1)
        old.create()
        svc = self._service('compute1')
        svc.start()
        row = services_db.service_get(self.ctxt, old.id)
        self.assertEqual(service_obj.SERVICE_VERSION, row.version)
        self.assertEqual(1, len(services_db.service_get_all(self.ctxt)))

    def test_heartbeat_counts_and_stamps(self):
        clock = self.useFixture(utils_fixture.TimeFixture(T0))
        svc = objects.Service(self.ctxt, host='compute1',
                              binary='nova-compute')
        svc.create()
        svc.heartbeat()
        clock.advance_time_seconds(10)
        svc.heartbeat()
        self.assertEqual(2, svc.report_count)
        row = services_db.service_get(self.ctxt, svc.id)
        self.assertEqual((2, T0 + datetime.timedelta(seconds=10)),
                         (row.report_count, row.last_seen_up))

    def test_report_state_survives_a_failed_heartbeat(self):
        logs = self.useFixture(fixtures.FakeLogger(level=logging.ERROR))
        svc = self._service('compute1')
        svc.service_ref = objects.Service(self.ctxt, id=12345)
        svc.report_state()  # the record is gone: logged, not raised
        self.assertIn('Heartbeat of nova-compute on compute1 failed',
                      logs.output)

    def test_start_and_stop_call_the_manager_hooks_in_order(self):
        svc = self._service('compute1')
        svc.start()
        client = rpc.get_client(messaging.Target(
            topic='compute', server='compute1')).prepare(timeout=WAIT)
        self.assertEqual('pong 1', client.call(self.ctxt, 'ping', value=1))
        svc.stop()
        svc.wait()
        svc.stop()  # a second stop does nothing
        self.assertEqual(['init_host', 'pre_start_hook', 'post_start_hook',
                          'cleanup_host'],
                         [hook for hook, _ in svc.manager.log])

    def test_periodic_tasks_of_the_manager_run_and_survive_failures(self):
        runs = []
        second_run = threading.Event()

        def task(ctxt):
            runs.append(ctxt.is_admin)
            if len(runs) == 1:
                raise RuntimeError('first run fails')
            second_run.set()

        svc = self._service('compute1')
        svc.manager.periodic_tasks = lambda: [(task, 0.01)]
        svc.start()
        self.assertTrue(second_run.wait(WAIT))
        self.assertEqual([True, True], runs[:2])


class IsUpTestCase(test.TestCase):
    """``is_up`` against ``service_down_time``, on a controlled clock."""

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.flags(service_down_time=60)
        self.clock = self.useFixture(utils_fixture.TimeFixture(T0))
        self.svc = objects.Service(last_seen_up=T0, forced_down=False,
                                   updated_at=None, created_at=None)

    def _up(self):
        return self.svc.is_up(CONF.service_down_time)

    def test_up_until_service_down_time_passes(self):
        self.assertTrue(self._up())
        self.clock.advance_time_seconds(60)
        self.assertTrue(self._up())
        self.clock.advance_time_seconds(1)
        self.assertFalse(self._up())

    def test_shorter_down_time_applies(self):
        self.clock.advance_time_seconds(30)
        self.flags(service_down_time=20)
        self.assertFalse(self._up())

    def test_forced_down_is_down(self):
        self.svc.forced_down = True
        self.assertFalse(self._up())

    def test_falls_back_to_updated_at_then_never_seen(self):
        self.svc.last_seen_up = None
        self.svc.updated_at = T0 - datetime.timedelta(seconds=30)
        self.assertTrue(self._up())
        self.svc.updated_at = None
        self.assertFalse(self._up())


class LauncherTestCase(ServiceTestBase):

    def test_request_stop_from_another_thread_stops_in_reverse(self):
        log = []
        launcher = service.Launcher()
        for host in ('first', 'second', 'third'):
            launcher.launch_service(self._service(host, log))
        waiting = threading.Event()

        def stopper():
            waiting.wait(WAIT)
            launcher.request_stop()

        concurrency.spawn(stopper)
        waiting.set()
        launcher.wait()
        self.assertEqual(['third', 'second', 'first'], [
            host for hook, host in log if hook == 'cleanup_host'])
        self.assertEqual([], launcher.services)

    def test_stop_requested_during_start_begins_no_further_service(self):
        log = []
        launcher = service.Launcher(watchdog=service.StopWatchdog(0))
        launcher.launch_service(self._service('first', log))
        launcher.request_stop()

        self.assertRaises(service.StopRequested, launcher.launch_service,
                          self._service('second', log))
        launcher.stop()
        self.assertEqual([('cleanup_host', 'first')],
                         [entry for entry in log
                          if entry[0] == 'cleanup_host'])
        self.assertNotIn(('init_host', 'second'), log)


class StopWatchdogTestCase(test.TestCase):

    def _watchdog(self, timeout):
        # The watchdog's thread is native even under eventlet.
        fired = service._native_threading().Event()
        watchdog = service.StopWatchdog(
            timeout, on_expiry=lambda seconds: fired.set())
        return watchdog, fired

    def test_a_stop_that_outlives_the_timeout_exits(self):
        watchdog, fired = self._watchdog(0.01)
        watchdog.arm()
        self.assertTrue(fired.wait(WAIT))

    def test_a_stop_that_finishes_disarms_it(self):
        watchdog, fired = self._watchdog(WAIT)
        watchdog.arm()
        watchdog.disarm()
        watchdog._disarmed.wait(WAIT)
        self.assertFalse(fired.is_set())

    def test_zero_means_no_watchdog(self):
        watchdog, fired = self._watchdog(0)
        watchdog.arm()
        watchdog.disarm()
        self.assertIsNone(watchdog._disarmed)

    def test_every_signal_arms_the_same_watchdog(self):
        watchdog, fired = self._watchdog(WAIT)
        launcher = service.Launcher(watchdog=watchdog)
        launcher.request_stop()
        first = watchdog._disarmed
        launcher.request_stop()
        self.assertTrue(launcher.stop_requested)
        self.assertIs(first, watchdog._disarmed)
        watchdog.disarm()
        self.assertFalse(fired.is_set())
