"""Aborting queued and preparing live migrations (2.65) over HTTP.

compute1 runs one live migration that never finishes on its own (the
driver's bandwidth is None) and queues the others behind it
(``max_concurrent_live_migrations = 1``).  Every abort must end the
migration ``cancelled`` with the server on compute1, ``task_state`` None
and the destinations' usage exactly what it was before the request; every
refused abort must change nothing and send nothing to the compute.
"""

import threading

import fixtures
from oslo_db import exception as db_exc

from nova.compute import api as compute_api
from nova.compute import rpcapi as compute_rpcapi
from nova.db.main import allocations as allocations_db
from nova import objects
from nova.tests.fixtures import intercept
from nova.tests.functional import test_live_migration
from nova.virt import fake

QUEUED = 3


class AbortQueuedTestBase(test_live_migration.LiveMigrationTestBase):

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None
        self.abort_rpcs = []
        self._spy_on_abort_rpc()

    def _spy_on_abort_rpc(self):
        """Record every abort the API sends (the call still goes out)."""
        real = compute_rpcapi.ComputeAPI.live_migration_abort
        sent = self.abort_rpcs

        def spy(rpcapi, ctxt, instance, migration, **kwargs):
            sent.append(migration.id)
            return real(rpcapi, ctxt, instance, migration, **kwargs)
        self.useFixture(fixtures.MonkeyPatch(
            'nova.compute.rpcapi.ComputeAPI.live_migration_abort', spy))

    def fill_queue(self, queued=QUEUED):
        """One running migration and ``queued`` waiting behind it.

        :returns: (runner, [(server_id, migration)], usages before the
            queued ones were requested).
        """
        servers = [self.boot('compute1', name='vm%d' % i)
                   for i in range(queued + 1)]
        runner = self.start_migration(servers[0], status='running')
        before = self.usages()
        waiting = [(s, self.start_migration(s, status='queued'))
                   for s in servers[1:]]
        return (servers[0], runner), waiting, before

    def actions_of(self, server_id):
        resp = self.api.get('/servers/%s/os-instance-actions' % server_id)
        self.assertEqual(200, resp.status_code, resp.text)
        return [a['action'] for a in resp.json()['instanceActions']]

    def assert_cancelled_on_source(self, server_id, migration_id):
        self.wait_status(migration_id, 'cancelled')
        self.assert_on_host(server_id, 'compute1')
        self.assertEqual({}, objects.ResourceClaim.held_by(
            self.ctxt, self.migration(migration_id).uuid))

    def assert_unchanged(self, server_id, migration, held):
        """A refused abort: still queued, still migrating, nothing sent.

        ``held``: the usages just before the refused request (the queued
        migration's destination claim included).
        """
        self.assertEqual([], self.abort_rpcs)
        self.assertEqual(migration.status, self.migration(migration.id).status)
        self.assertEqual('migrating', self.instance(server_id).task_state)
        self.assertNotIn('live_migration_cancel', self.actions_of(server_id))
        self.assertEqual(held, self.usages())

    def finish(self, runner):
        """Let the running migration complete."""
        server_id, migration = runner
        resp = self.force_complete(server_id, migration.id)
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_status(migration.id, 'completed')


class AbortQueuedTest(AbortQueuedTestBase):

    def test_each_queued_migration_is_cancelled_at_2_65(self):
        runner, waiting, before = self.fill_queue()
        listed = self.api.get('/servers/%s/migrations' % waiting[0][0],
                              microversion='2.65').json()['migrations']
        self.assertEqual(['queued'], [m['status'] for m in listed])

        for server_id, migration in waiting:
            resp = self.abort(server_id, migration.id)
            self.assertEqual(202, resp.status_code, resp.text)
            self.assertEqual(b'', resp.content)
            self.assert_cancelled_on_source(server_id, migration.id)
            self.assertIn('live_migration_cancel',
                          self.actions_of(server_id))

        self.assertEqual(before, self.usages())
        self.assertEqual('running', self.migration(runner[1].id).status)
        self.finish(runner)

    def test_queued_abort_at_2_64_is_400_and_changes_nothing(self):
        runner, waiting, before = self.fill_queue(queued=1)
        server_id, migration = waiting[0]
        held = self.usages()

        resp = self.abort(server_id, migration.id, microversion='2.64')

        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('queued', resp.json()['badRequest']['message'])
        self.assert_unchanged(server_id, migration, held)
        # The same request at 2.65 does it.
        self.assertEqual(202, self.abort(server_id,
                                         migration.id).status_code)
        self.assert_cancelled_on_source(server_id, migration.id)
        self.assertEqual(before, self.usages())
        self.finish(runner)

    def test_abort_while_preparing_rolls_back_the_destination(self):
        server_id = self.boot('compute1')
        before = self.usages()
        gate = self.driver('compute2').hooks.gate(fake.PRE_LIVE_MIGRATION,
                                                  server_id)
        migration = self.start_migration(server_id, host='compute2')
        gate.wait_started()
        self.wait_status(migration.id, 'preparing')

        resp = self.abort(server_id, migration.id)
        self.assertEqual(202, resp.status_code, resp.text)
        # The compute cannot cancel a job that has started: the worker
        # notices the abort once the destination has prepared.
        self.assertEqual('preparing', self.migration(migration.id).status)
        gate.release()

        self.assert_cancelled_on_source(server_id, migration.id)
        self.assertEqual(before, self.usages())
        self.wait_nothing_incoming('compute2')
        self.assertNotIn(server_id,
                         self.driver('compute2').list_instance_uuids())

    def test_two_concurrent_aborts_cancel_once(self):
        """Both DELETEs pass the API's checks; one cancel wins.

        The compute's abort handler is held until both answers are in, so
        the API sees the migration queued both times and answers 202 twice
        (the API cannot tell the second apart from the first).  On the
        compute one abort takes the queue entry and cancels; the other
        finds nothing left to abort and records its
        ``compute_live_migration_abort`` event as an error.  The migration
        is cancelled exactly once.  A DELETE after the cancel is 409: the
        server is no longer migrating.
        """
        runner, waiting, before = self.fill_queue(queued=1)
        server_id, migration = waiting[0]
        source = self.compute('compute1').live_migrations
        handler = self.useFixture(intercept.InterceptMethodFixture(
            source, 'abort'))
        cancelled = self.useFixture(intercept.InterceptMethodFixture(
            source, 'revert', hold=False))
        barrier = threading.Barrier(2)
        answers = [None, None]

        def delete(index):
            barrier.wait(timeout=30)
            answers[index] = self.abort(server_id, migration.id).status_code
        threads = [threading.Thread(target=delete, args=(i,))
                   for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual([202, 202], answers)
        handler.wait_started()
        handler.release()

        self.assert_cancelled_on_source(server_id, migration.id)
        events = self.wait_for(lambda: self._abort_events(server_id))
        self.assertEqual(['Error', 'Success'], sorted(events))
        self.assertEqual(1, cancelled.calls)
        self.assertEqual(before, self.usages())
        resp = self.abort(server_id, migration.id)
        self.assertEqual(409, resp.status_code, resp.text)
        self.finish(runner)

    def test_claim_that_cannot_be_released_ends_error_not_queued(self):
        """The database refusing the release must not strand the migration.

        It ends ``error`` (not ``queued`` with nothing behind it), the
        server is usable again, the claim is left for the operator, and the
        queue goes on.
        """
        runner, waiting, before = self.fill_queue(queued=2)
        (broken_id, broken), (next_id, following) = waiting
        real = allocations_db.allocation_delete_by_consumer
        broken_uuid = self.migration(broken.id).uuid

        def failing(ctxt, consumer_uuid, node_id=None):
            if consumer_uuid == broken_uuid:
                raise db_exc.DBError('disk I/O error')
            return real(ctxt, consumer_uuid, node_id)
        self.useFixture(fixtures.MonkeyPatch(
            'nova.db.main.allocations.allocation_delete_by_consumer',
            failing))

        self.assertEqual(202, self.abort(broken_id, broken.id).status_code)
        self.wait_status(broken.id, 'error')
        self.assertIsNone(self.instance(broken_id).task_state)
        self.assert_on_host(broken_id, 'compute1')
        self.assertNotEqual({}, objects.ResourceClaim.held_by(
            self.ctxt, broken_uuid))

        self.assertEqual(202, self.abort(next_id, following.id).status_code)
        self.assert_cancelled_on_source(next_id, following.id)
        self.finish(runner)

    def _abort_events(self, server_id):
        """Results of the abort events, once both have finished."""
        results = []
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.ctxt, server_id):
            if action.action != 'live_migration_cancel':
                continue
            for event in objects.InstanceActionEventList.get_by_action(
                    self.ctxt, action.id):
                if event.finish_time is None:
                    return None
                results.append(event.result)
        return results if len(results) == 2 else None


class AbortRefusedBeforeSendingTest(AbortQueuedTestBase):

    def test_too_old_compute_refuses_queued_abort(self):
        runner, waiting, before = self.fill_queue(queued=1)
        server_id, migration = waiting[0]
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        service.version = (
            compute_api.MIN_COMPUTE_ABORT_QUEUED_LIVE_MIGRATION - 1)
        service.save()
        held = self.usages()

        resp = self.abort(server_id, migration.id)

        self.assertEqual(400, resp.status_code, resp.text)
        message = resp.json()['badRequest']['message']
        self.assertIn('too old', message)
        self.assertIn('compute1', message)
        self.assert_unchanged(server_id, migration, held)
        # A running migration can still be aborted on that compute.
        resp = self.abort(runner[0], runner[1].id)
        self.assertEqual(202, resp.status_code, resp.text)
        self.assert_cancelled_on_source(runner[0], runner[1].id)
        # Clean up: the queued one starts now; abort it while it runs.
        self.wait_status(migration.id, 'running')
        self.assertEqual(202, self.abort(server_id, migration.id).status_code)
        self.assert_cancelled_on_source(server_id, migration.id)

    def test_rpc_pinned_to_5_0_refuses_queued_but_not_running(self):
        runner, waiting, before = self.fill_queue(queued=1)
        server_id, migration = waiting[0]
        self.flags(compute='5.0', group='upgrade_levels')
        held = self.usages()

        resp = self.abort(server_id, migration.id)

        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('5.0', resp.json()['badRequest']['message'])
        self.assert_unchanged(server_id, migration, held)
        resp = self.abort(runner[0], runner[1].id)
        self.assertEqual(202, resp.status_code, resp.text)
        self.assert_cancelled_on_source(runner[0], runner[1].id)
        self.wait_status(migration.id, 'running')
        self.assertEqual(202, self.abort(server_id, migration.id).status_code)
        self.assert_cancelled_on_source(server_id, migration.id)


class StopWithFullQueueTest(AbortQueuedTestBase):

    def test_stopping_the_source_cancels_the_queue(self):
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(4)]
        before = self.usages()
        runner = self.start_migration(servers[0], status='running')
        waiting = [self.start_migration(s, status='queued')
                   for s in servers[1:]]

        self.cloud.stop_compute('compute1')

        for server_id, migration in zip(servers[1:], waiting):
            self.assert_cancelled_on_source(server_id, migration.id)
        # The running one is asked to stop and rolls back as well.
        self.wait_status(runner.id, *test_live_migration.FINAL)
        self.wait_settled(servers[0])
        self.assertEqual('compute1', self.instance(servers[0]).host)
        self.assertEqual(before, self.usages())
