"""The abort races upstream Nova leaves open, each driven with events.

* an abort arriving while the migration is being submitted to the queue;
* an abort between the worker taking its queue entry and ``running``;
* an abort racing the compute's shutdown.

Each must end the migration ``cancelled`` exactly once, with the instance
on its source, ``task_state`` None and the destination claim released.
"""

import threading

from nova.compute import api as compute_api
from nova.compute import create_spec
from nova.compute import live_migration_notify
from nova import context as nova_context
from nova import objects
from nova.tests.fixtures import intercept
from nova.tests.functional import base

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


class AbortRaceTestBase(base.FunctionalTestCase):

    def setUp(self):
        super().setUp()
        self.ctxt = nova_context.get_admin_context()
        self.flavor = objects.Flavor.get_by_flavor_id(self.ctxt, '1')
        self.compute_api = compute_api.API()
        # Source migrations run until aborted or force-completed.
        self.driver('compute1').live_migration_bandwidth = None
        self.notified = []
        original = live_migration_notify.notify

        def recording(context, instance, host, step, phase, **kwargs):
            self.notified.append((instance.uuid, step, phase))
            return original(context, instance, host, step, phase, **kwargs)
        self.useFixture(intercept._AttributePatch(
            live_migration_notify, 'notify', recording))
        self.source = self.compute('compute1').live_migrations

    def _admin(self):
        return nova_context.RequestContext('admin', 'admin', roles=['admin'])

    def boot(self):
        instance = self.compute_api.create(
            self._admin(), create_spec.ServerSpec(
                'vm', self.flavor, IMAGE, requested_host='compute1'))[0]
        return self.wait_for(lambda: self._with_state(instance.uuid,
                                                      vm_state='active'))

    def _with_state(self, uuid, **expected):
        instance = objects.Instance.get_by_uuid(self.ctxt, uuid)
        ok = all(getattr(instance, k) == v for k, v in expected.items())
        return instance if ok else None

    def migrate(self, instance):
        self.compute_api.live_migrate(self._admin(), instance, 'auto', None)

    def migration_of(self, instance, status=None):
        def find():
            found = objects.MigrationList.get_by_filters(
                self.ctxt, {'instance_uuid': instance.uuid})
            for migration in found:
                if status is None or migration.status == status:
                    return migration
        return self.wait_for(find, message='no %s migration of %s' % (
            status, instance.uuid))

    def abort(self, instance, migration):
        fresh = objects.Instance.get_by_uuid(self.ctxt, instance.uuid)
        self.compute_api.live_migrate_abort(self._admin(), fresh,
                                            migration.id,
                                            support_abort_in_queue=True)

    def usage(self, host):
        return objects.ComputeNode.get_by_host_and_nodename(
            self.ctxt, host, host).get_usage()

    def assert_cancelled_on_source(self, instance, migration):
        self.wait_for(lambda: objects.Migration.get_by_id(
            self.ctxt, migration.id).status == 'cancelled',
            message='migration %s not cancelled' % migration.id)
        fresh = self.wait_for(lambda: self._with_state(
            instance.uuid, task_state=None))
        self.assertEqual('compute1', fresh.host)
        self.assertEqual({}, objects.ResourceClaim.held_by(self.ctxt,
                                                           migration.uuid))

    def abort_ends(self, instance):
        return [n for n in self.notified
                if n == (instance.uuid, 'abort', 'end')]

    def events_of(self, instance, action_name):
        actions = objects.InstanceActionList.get_by_instance_uuid(
            self.ctxt, instance.uuid)
        action = [a for a in actions if a.action == action_name][0]
        return [e.event for e in objects.InstanceActionEventList.
                get_by_action(self.ctxt, action.id)]


class TestAbortDuringSubmit(AbortRaceTestBase):

    def test_abort_while_submitting_cancels_before_it_runs(self):
        running, waiting = self.boot(), self.boot()
        self.migrate(running)
        self.migration_of(running, 'running')
        submit = self.useFixture(intercept.InterceptMethodFixture(
            self.source.queue, 'submit'))
        entered = self.useFixture(intercept.InterceptMethodFixture(
            self.source, 'abort', hold=False))
        self.migrate(waiting)
        submit.wait_started()
        migration = self.migration_of(waiting, 'queued')

        self.abort(waiting, migration)
        entered.wait_started()
        submit.release()

        self.assert_cancelled_on_source(waiting, migration)
        self.assertNotIn('compute_pre_live_migration',
                         self.events_of(waiting, 'live-migration'))
        self.assertEqual(1, len(self.abort_ends(waiting)))
        self.assertEqual('running', objects.Migration.get_by_id(
            self.ctxt, self.migration_of(running).id).status)


class TestAbortBetweenEntryAndRunning(AbortRaceTestBase):

    def test_abort_after_worker_took_entry_rolls_back_once(self):
        dest_usage = self.usage('compute2')
        instance = self.boot()
        taken = self.useFixture(intercept.InterceptMethodFixture(
            self.source, '_take_entry', after=True))
        self.migrate(instance)
        taken.wait_started()
        migration = self.migration_of(instance, 'preparing')

        self.abort(instance, migration)
        self.wait_for(lambda: 'compute_live_migration_abort' in
                      self.events_of(instance, 'live_migration_cancel'))
        taken.release()

        self.assert_cancelled_on_source(instance, migration)
        self.assertEqual(1, len(self.abort_ends(instance)))
        self.assertEqual(dest_usage, self.usage('compute2'))
        self.wait_for(lambda: instance.uuid not in
                      self.driver('compute2').list_incoming_uuids())


class TestAbortRacingShutdown(AbortRaceTestBase):

    def test_abort_and_shutdown_each_cancel_once(self):
        dest_usage = self.usage('compute2')
        running, aborted, queued = self.boot(), self.boot(), self.boot()
        self.migrate(running)
        self.migration_of(running, 'running')
        for instance in (aborted, queued):
            self.migrate(instance)
        aborted_migration = self.migration_of(aborted, 'queued')
        queued_migration = self.migration_of(queued, 'queued')
        revert = self.useFixture(intercept.InterceptMethodFixture(
            self.source, 'revert'))

        self.abort(aborted, aborted_migration)
        revert.wait_started()
        stopper = threading.Thread(target=self.cloud.stop_compute,
                                   args=('compute1',))
        stopper.start()
        self.wait_for(lambda: objects.Migration.get_by_id(
            self.ctxt, queued_migration.id).status == 'cancelled')
        revert.release()
        stopper.join(60)
        self.assertFalse(stopper.is_alive())

        self.assert_cancelled_on_source(aborted, aborted_migration)
        self.assert_cancelled_on_source(queued, queued_migration)
        self.assertEqual(1, len(self.abort_ends(aborted)))
        final = self.wait_for(lambda: (lambda m: m if m.status in (
            'cancelled', 'error', 'failed') else None)(
            self.migration_of(running)))
        self.assertIn(final.status, ('cancelled', 'error'))
        self.assertEqual(dest_usage, self.usage('compute2'))
