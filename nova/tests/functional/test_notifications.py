"""Notifications of the live-migration workflow, read off the bus.

A real oslo.messaging notification listener on the in-process transport
receives what the services emit with ``notification_format = both``: the
legacy ``compute.instance.*`` family from ``compute.<host>`` and the
versioned ``instance.*`` family from ``nova-compute:<host>``.
"""

import threading

import oslo_messaging as messaging

from nova import rpc
from nova.tests.functional import base

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


class TestLiveMigrationNotifications(base.FunctionalTestCase):

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

    def _migrations(self, server_id):
        return self.api.get('/servers/%s/migrations' % server_id).json()[
            'migrations']

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
        self.driver('compute1').live_migration_bandwidth = None
        running, queued = self._boot(), self._boot()
        self._migrate(running)
        self.wait_for(lambda: [m for m in self._migrations(running)
                               if m['status'] == 'running'])
        self._migrate(queued)
        migration = self.wait_for(lambda: [
            m for m in self._migrations(queued) if m['status'] == 'queued'])
        response = self.api.delete('/servers/%s/migrations/%s' % (
            queued, migration[0]['id']), microversion='2.65')
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
