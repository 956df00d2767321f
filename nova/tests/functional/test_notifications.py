"""Notifications of the live-migration workflow, read off the bus.

A real oslo.messaging notification listener on the in-process transport
receives what the services emit with ``notification_format = both``: the
legacy ``compute.instance.*`` family from ``compute.<host>`` and the
versioned ``instance.*`` family from ``nova-compute:<host>``.

The versioned ones are also compared with ``doc/notification_samples/``
(run with ``NOVA_GENERATE_SAMPLES=1`` to rewrite them), so the documented
JSON is always what the services send.
"""

import json
import os
import threading

import oslo_messaging as messaging

from nova import exception
from nova import rpc
from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import base
from nova.virt import fake

SAMPLES_ROOT = os.path.normpath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..', 'doc',
    'notification_samples'))
# Values that differ from run to run beyond uuids, times and request ids,
# and where in the code an injected failure was raised (tests' business).
_VARIABLE = {'reservation_id': 'r-3a7f9c21',
             'traceback': 'Traceback (most recent call last): ...',
             'module_name': 'nova.virt.fake', 'function_name': 'reach'}

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


class _Collector(object):
    def __init__(self):
        self.events = []
        self.changed = threading.Condition()

    def _record(self, priority, publisher_id, event_type, payload):
        with self.changed:
            self.events.append((priority, publisher_id, event_type, payload))
            self.changed.notify_all()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._record('INFO', publisher_id, event_type, payload)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._record('ERROR', publisher_id, event_type, payload)

    def wait_for(self, event_type, count=1, timeout=30):
        def enough():
            return len(self.of(event_type)) >= count
        with self.changed:
            if not self.changed.wait_for(enough, timeout):
                raise AssertionError('%d x %s not seen; got %s' % (
                    count, event_type, [e[2] for e in self.events]))

    def of(self, event_type):
        return [e for e in self.events if e[2] == event_type]


def _normalize(value):
    if isinstance(value, dict):
        return {key: _VARIABLE[key] if key in _VARIABLE and
                isinstance(item, str) else _normalize(item)
                for key, item in value.items()}
    return api_sample_base.normalize(value)


class _NotificationsTestBase(base.FunctionalTestCase):
    """A listener on both topics, and a server to boot and migrate."""

    def configure(self):
        self.flags(notification_format='both', group='notifications')

    def setUp(self):
        super().setUp()
        self.collector = _Collector()
        listener = messaging.get_notification_listener(
            rpc.NOTIFICATION_TRANSPORT,
            [messaging.Target(topic='notifications'),
             messaging.Target(topic='versioned_notifications')],
            [self.collector], executor='threading')
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)

    def _boot(self):
        body = {'server': {'name': 'vm', 'imageRef': IMAGE, 'flavorRef': '1',
                           'networks': 'none',
                           'availability_zone': 'nova:compute1'}}
        server = self.api.post('/servers', body).json()['server']
        self.wait_for(lambda: self.api.get('/servers/%s' % server['id'])
                      .json()['server']['status'] == 'ACTIVE')
        return server['id']

    def _migrate(self, server_id):
        response = self.api.post('/servers/%s/action' % server_id, {
            'os-migrateLive': {'host': None, 'block_migration': 'auto'}})
        self.assertEqual(202, response.status_code, response.text)

    def _abort_queued_migration(self):
        """Queue a migration behind a never-ending one and abort it."""
        self.driver('compute1').live_migration_bandwidth = None
        running, queued = self._boot(), self._boot()
        self._migrate(running)
        self.wait_for(lambda: [m for m in self._migrations(running)
                               if m['status'] == 'running'])
        self._migrate(queued)
        migration = self.wait_for(lambda: [
            m for m in self._migrations(queued) if m['status'] == 'queued'])
        return self.api.delete('/servers/%s/migrations/%s' % (
            queued, migration[0]['id']), microversion='2.65')

    def _migrations(self, server_id):
        return self.api.get('/servers/%s/migrations' % server_id).json()[
            'migrations']


class TestLiveMigrationNotifications(_NotificationsTestBase):

    def test_completed_migration_notifies_each_step_in_both_families(self):
        self._migrate(self._boot())
        for step in ('pre', 'post_dest', 'post'):
            self.collector.wait_for('instance.live_migration_%s.end' % step)
        for legacy in ('live_migration.pre', 'live_migration.post.dest',
                       'live_migration._post'):
            self.collector.wait_for('compute.instance.%s.end' % legacy)
        _, publisher, _, payload = self.collector.of(
            'instance.live_migration_pre.start')[0]
        self.assertEqual('nova-compute:compute2', publisher)
        self.assertEqual('InstanceActionPayload',
                         payload['nova_object.name'])
        _, publisher, _, payload = self.collector.of(
            'compute.instance.live_migration._post.start')[0]
        self.assertEqual('compute.compute1', publisher)
        self.assertIn('instance_id', payload)

    def test_queued_abort_notifies_start_and_one_end(self):
        response = self._abort_queued_migration()
        self.assertEqual(202, response.status_code, response.text)
        self.collector.wait_for('instance.live_migration_abort.end')
        self.collector.wait_for('compute.instance.live.migration.abort.end')
        for event_type in ('instance.live_migration_abort.start',
                           'instance.live_migration_abort.end',
                           'compute.instance.live.migration.abort.start',
                           'compute.instance.live.migration.abort.end'):
            self.assertEqual(1, len(self.collector.of(event_type)),
                             event_type)
        # The running one is left alone.
        self.assertEqual([], self.collector.of(
            'instance.live_migration_rollback.start'))


class TestNotificationSamples(_NotificationsTestBase):
    """The versioned notifications equal their documented samples."""

    def verify_sample(self, event_type, index=0):
        """Compare the ``index``-th ``event_type`` seen with its sample."""
        self.collector.wait_for(event_type, count=index + 1)
        priority, publisher, _, payload = self.collector.of(event_type)[index]
        actual = _normalize({'event_type': event_type, 'priority': priority,
                             'publisher_id': publisher, 'payload': payload})
        path = os.path.join(SAMPLES_ROOT,
                            event_type.replace('.', '-') + '.json')
        if os.environ.get('NOVA_GENERATE_SAMPLES'):
            os.makedirs(SAMPLES_ROOT, exist_ok=True)
            with open(path, 'w') as handle:
                json.dump(actual, handle, indent=4, sort_keys=True)
                handle.write('\n')
            return
        with open(path) as handle:
            self.assertEqual(json.load(handle), actual,
                             'sample %s differs; regenerate with '
                             'NOVA_GENERATE_SAMPLES=1' % path)

    def test_completed_migration_samples(self):
        self._migrate(self._boot())
        for step in ('pre', 'post_dest', 'post'):
            for phase in ('start', 'end'):
                self.verify_sample('instance.live_migration_%s.%s' % (
                    step, phase))

    def test_queued_abort_samples(self):
        self._abort_queued_migration()
        self.verify_sample('instance.live_migration_abort.start')
        self.verify_sample('instance.live_migration_abort.end')

    def test_failed_step_and_compute_exception_samples(self):
        """A failed step sends its error phase and ``compute.exception``.

        The destination's ``pre_live_migration`` fails: the payload's
        fault describes the error, and the entry point's exception goes
        out in both families.
        """
        self.driver('compute2').hooks.fail_at(
            fake.PRE_LIVE_MIGRATION, exception.MigrationError(reason='boom'))
        self._migrate(self._boot())
        self.verify_sample('instance.live_migration_pre.error')
        self.verify_sample('compute.exception')
        _, _, _, legacy = self.wait_for(
            lambda: self.collector.of('pre_live_migration'))[0]
        self.assertEqual('MigrationError', legacy['exception'])
        self.assertIn('instance', legacy['args'])
