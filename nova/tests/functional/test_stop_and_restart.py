"""Start and stop never wait on another host; a clean stop ends everything.

A stopping compute cancels its queue, aborts what runs and waits at most
``live_migration_shutdown_timeout`` before it ends what is still busy
itself.  A starting compute repairs what it owns without calling any other
compute: the destination of a migration the source ended is told by cast,
and forgets what it prepared on its own (at once, or at its own start).
"""

import threading

from oslo_utils import uuidutils

from nova.compute import instance_actions
from nova.compute import live_migration_repair
from nova import context as nova_context
from nova import objects
from nova.tests.functional import test_live_migration
from nova.virt import fake

# A start that would wait on the destination waits long_rpc_timeout.
NEVER = 3600
# How long a start may take before it counts as waiting on a peer.
START_LIMIT = 30


class StopEndsEveryLiveMigrationTest(
        test_live_migration.LiveMigrationTestBase):

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None

    def _all_final_and_reverted(self, servers, migrations, before):
        """Read right after the stop returned: no waiting for anything."""
        for migration in migrations:
            self.assertIn(self.migration(migration.id).status,
                          test_live_migration.FINAL)
        for server_id in servers:
            instance = self.instance(server_id)
            self.assertEqual(('compute1', None),
                             (instance.host, instance.task_state))
        self.assertEqual(before, self.usages())

    def test_stop_ends_running_and_queued_before_it_returns(self):
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(3)]
        before = self.usages()
        running = self.start_migration(servers[0], status='running')
        queued = [self.start_migration(s, status='queued')
                  for s in servers[1:]]

        self.cloud.stop_compute('compute1')

        self._all_final_and_reverted(servers, [running] + queued, before)
        self.assertEqual('cancelled', self.migration(running.id).status)
        self.wait_nothing_incoming('compute2')

    def test_stop_ends_a_migration_whose_destination_does_not_answer(self):
        self.flags(live_migration_shutdown_timeout=0)
        server_id = self.boot('compute1')
        before = self.usages()
        gate = self.driver('compute2').hooks.gate(fake.PRE_LIVE_MIGRATION,
                                                  server_id)
        migration = self.start_migration(server_id, host='compute2')
        gate.wait_started()

        self.cloud.stop_compute('compute1')

        self._all_final_and_reverted([server_id], [migration], before)
        self.assertEqual('cancelled', self.migration(migration.id).status)
        # The worker wakes up later and finds nothing left to do.
        gate.release()
        self.wait_nothing_incoming('compute2')
        self.assertEqual('cancelled', self.migration(migration.id).status)
        self.assertEqual(before, self.usages())

    def test_stop_ends_a_running_migration_the_driver_cannot_stop(self):
        self.flags(live_migration_shutdown_timeout=0)
        server_id = self.boot('compute1')
        before = self.usages()
        gate = self.driver('compute1').hooks.gate(
            fake.LIVE_MIGRATION_PROGRESS, server_id)
        migration = self.start_migration(server_id, host='compute2')
        gate.wait_started()

        self.cloud.stop_compute('compute1')

        self._all_final_and_reverted([server_id], [migration], before)
        self.assertEqual('error', self.migration(migration.id).status)
        gate.release()
        self.wait_nothing_incoming('compute2')
        self.assertEqual('error', self.migration(migration.id).status)


class RestartNeverWaitsOnAPeerTest(test_live_migration.LiveMigrationTestBase):

    def configure(self):
        # Any call to a stopped compute would wait this long.
        self.flags(long_rpc_timeout=NEVER, rpc_response_timeout=NEVER)

    def _leave_in_flight(self, server_id, status, dest='compute2'):
        """What the workflow has written when the source is killed."""
        instance = self.instance(server_id)
        flavor = objects.Flavor.get_by_flavor_id(self.ctxt, '1')
        migration = objects.Migration(
            self.ctxt, uuid=uuidutils.generate_uuid(),
            instance_uuid=server_id, status=status,
            migration_type='live-migration', source_compute='compute1',
            source_node='compute1', dest_compute=dest, dest_node=dest,
            old_instance_type_id=flavor.id, new_instance_type_id=flavor.id)
        migration.create()
        objects.ResourceClaim.claim(self.ctxt, migration.uuid, dest, dest,
                                    instance.resources())
        instance.task_state = 'migrating'
        instance.save()
        return migration

    def _start_within_limit(self, host):
        started = threading.Event()
        failure = []

        def start():
            try:
                self.cloud.start_compute(host)
            except Exception as exc:
                failure.append(exc)
            finally:
                started.set()
        threading.Thread(target=start, daemon=True).start()
        self.assertTrue(started.wait(START_LIMIT),
                        '%s did not start within %ss: it waits on a peer'
                        % (host, START_LIMIT))
        self.assertEqual([], failure)

    def test_source_restarts_while_its_destination_is_down(self):
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(3)]
        before = self.usages()
        self.cloud.stop_compute('compute1')
        self.cloud.stop_compute('compute2')
        migrations = [self._leave_in_flight(servers[0], 'queued'),
                      self._leave_in_flight(servers[1], 'preparing'),
                      self._leave_in_flight(servers[2], 'running')]

        self._start_within_limit('compute1')

        self.assertEqual(['cancelled', 'cancelled', 'error'],
                         [self.migration(m.id).status for m in migrations])
        self.assertEqual(before, self.usages())
        for server_id in servers:
            self.assertIsNone(self.instance(server_id).task_state)
        # The destination comes back later and has nothing to keep.
        self._start_within_limit('compute2')
        self.wait_nothing_incoming('compute2')
        for server_id in servers:
            self.assert_on_host(server_id, 'compute1')

    def test_destination_forgets_what_the_restarted_source_ended(self):
        server_id = self.boot('compute1')
        before = self.usages()
        self.cloud.stop_compute('compute1')
        migration = self._leave_in_flight(server_id, 'preparing')
        self.driver('compute2').pre_live_migration(
            self.ctxt, self.instance(server_id), {})

        self._start_within_limit('compute1')

        self.wait_nothing_incoming('compute2')
        self.assertEqual('cancelled', self.migration(migration.id).status)
        self.assertEqual(before, self.usages())

    def test_destination_forgets_ended_migrations_on_its_own(self):
        ended, waiting = self.boot('compute1'), self.boot('compute1')
        cancelled = self._leave_in_flight(ended, 'queued')
        cancelled.status = 'cancelled'
        cancelled.save()
        objects.ResourceClaim.release(self.ctxt, cancelled.uuid)
        self._leave_in_flight(waiting, 'preparing')
        dest = self.compute('compute2')
        for server_id in (ended, waiting):
            dest.driver.pre_live_migration(self.ctxt,
                                           self.instance(server_id), {})

        dest.incoming.forget_abandoned(self.ctxt)

        self.assertEqual([waiting], dest.driver.list_incoming_uuids())
        # Left for the source to end: the test's cleanup must not find it.
        self.cloud.stop_compute('compute1')
        self._start_within_limit('compute1')

    def test_request_never_turned_into_a_migration_is_finished(self):
        server_id = self.boot('compute1')
        self.cloud.stop_compute('compute1')
        # The API answered 202 and recorded the request; the process died
        # before the conductor wrote a migration.
        request = nova_context.RequestContext('admin', 'admin',
                                              roles=['admin'])
        objects.InstanceAction.action_start(request, server_id,
                                            instance_actions.LIVE_MIGRATION)
        instance = self.instance(server_id)
        instance.task_state = 'migrating'
        instance.save()

        self._start_within_limit('compute1')

        self.assert_on_host(server_id, 'compute1')
        resp = self.api.get('/servers/%s/os-instance-actions/%s'
                            % (server_id, request.request_id),
                            microversion='2.51')
        self.assertEqual(200, resp.status_code, resp.text)
        action = resp.json()['instanceAction']
        self.assertEqual('Error', action['message'])
        self.assertEqual([(live_migration_repair.REPAIR_EVENT, 'Error')],
                         [(e['event'], e['result'])
                          for e in action['events']])
