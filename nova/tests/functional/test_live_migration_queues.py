"""``/os-live-migration-queues`` over HTTP: show, move, drain, timeout.

compute1 runs one live migration that never finishes on its own and queues
the others behind it (one slot).  What the API shows must be the order the
compute really runs; a drain must leave every queued migration
``cancelled`` with its server on compute1, no task, and the destinations'
usage exactly as before.
"""

import datetime

import fixtures

from nova.compute import live_migration_queue_ops as queue_ops
from nova.compute import rpcapi as compute_rpcapi
from nova import objects
from nova.tests.fixtures import intercept
from nova.tests.functional import test_abort_queued
from nova.virt import fake

ROOT = '/os-live-migration-queues'


class FakeClock:
    """The compute queue's clock, moved by the test."""

    def __init__(self):
        self.now = datetime.datetime(2026, 1, 1, 12, 0, 0)

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += datetime.timedelta(seconds=seconds)


class QueueTestBase(test_abort_queued.AbortQueuedTestBase):

    def configure(self):
        super().configure()
        # The queue API answers from the database once a compute looks
        # down; heartbeats are off here, so a slow run must not get there.
        self.flags(service_down_time=3600)

    def show(self, host='compute1', **kwargs):
        resp = self.api.get('%s/%s' % (ROOT, host), **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['live_migration_queue']

    def order(self, host='compute1'):
        return [(m['position'], m['migration_id'], m['status'])
                for m in self.show(host)['migrations']]

    def action(self, body, host='compute1', **kwargs):
        return self.api.post('%s/%s/action' % (ROOT, host), body=body,
                             **kwargs)

    def drain(self, include_running=False):
        resp = self.action({'drain': {'include_running': include_running}})
        self.assertEqual(200, resp.status_code, resp.text)
        return {m['migration_id']: m['outcome']
                for m in resp.json()['migrations']}

    def drain_all(self):
        """Cancel and abort everything, then wait until all is final."""
        self.drain(include_running=True)
        self.wait_for(lambda: not self.unfinished(),
                      message='migrations left unfinished')

    def unfinished(self):
        return [m for m in objects.MigrationList.get_unfinished_by_source(
            self.ctxt, 'compute1')]

    def move(self, migration_id, position):
        return self.action({'move': {'migration_id': migration_id,
                                     'position': position}})


class ShowAndMoveTest(QueueTestBase):

    def test_show_and_list_give_the_run_order(self):
        runner, waiting, before = self.fill_queue()
        ids = [m.id for _s, m in waiting]

        queue = self.show()

        self.assertEqual('up', queue['host_state'])
        self.assertEqual((1, 1, 3), (queue['slots'], queue['running'],
                                     queue['queued']))
        self.assertEqual([(1, runner[1].id, 'running')] + [
            (i + 2, mid, 'queued') for i, mid in enumerate(ids)],
            self.order())
        head = queue['migrations'][1]
        self.assertEqual('source slot: 1 of 1 busy', head['waiting_for'])
        self.assertEqual(waiting[0][0], head['server_uuid'])
        self.assertIsNotNone(head['queued_at'])
        # No migration has completed here yet: no estimate.
        self.assertIsNone(head['estimated_start'])
        listed = self.api.get(ROOT).json()['live_migration_queues']
        self.assertEqual([('compute1', 1, 3)], [
            (q['host'], q['running'], q['queued']) for q in listed])
        self.drain()
        self.finish(runner)

    def test_moved_migration_runs_next(self):
        runner, waiting, before = self.fill_queue()
        first, second, third = [m.id for _s, m in waiting]

        resp = self.move(third, 2)

        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'migration_id': third, 'position': 2},
                         resp.json()['migration'])
        self.assertEqual([runner[1].id, third, first, second],
                         [mid for _p, mid, _s in self.order()])
        self.finish(runner)
        # The next free slot took the new head, and only it.
        self.wait_status(third, 'running')
        self.assertEqual([third, first, second],
                         [mid for _p, mid, _s in self.order()])
        self.assertEqual(['queued', 'queued'],
                         [self.migration(m).status for m in (first, second)])
        self.drain_all()
        for server_id, migration in waiting:
            self.assert_cancelled_on_source(server_id, migration.id)

    def test_estimates_appear_once_a_migration_completed(self):
        runner, waiting, before = self.fill_queue(queued=2)
        self.finish(runner)
        self.wait_status(waiting[0][1].id, 'running')

        queue = self.show()

        self.assertIsNotNone(queue['estimated_drain_seconds'])
        queued = queue['migrations'][1]
        self.assertEqual('queued', queued['status'])
        self.assertIsNotNone(queued['estimated_start'])
        self.assertLessEqual(queued['estimated_start'],
                             queued['estimated_end'])
        self.drain_all()


class DrainTest(QueueTestBase):

    def test_drain_cancels_every_queued_one_and_twice_is_a_no_op(self):
        runner, waiting, before = self.fill_queue()

        outcomes = self.drain()

        self.assertEqual({m.id: 'cancelled' for _s, m in waiting}, outcomes)
        for server_id, migration in waiting:
            self.assert_cancelled_on_source(server_id, migration.id)
            self.assertIsNone(self.instance(server_id).task_state)
            self.assertIn('live_migration_cancel',
                          self.actions_of(server_id))
        self.assertEqual(before, self.usages())
        self.assertEqual({}, self.drain())
        self.assertEqual([(1, runner[1].id, 'running')], self.order())
        self.finish(runner)

    def test_drain_reverts_all_in_one_call_not_one_per_migration(self):
        runner, waiting, before = self.fill_queue()
        bulk = self.useFixture(fixtures.MockPatchObject(
            objects.MigrationList, 'revert_and_end_all',
            wraps=objects.MigrationList.revert_and_end_all))
        records = self.useFixture(fixtures.MockPatchObject(
            objects.InstanceActionList, 'record_finished',
            wraps=objects.InstanceActionList.record_finished))
        single = self.useFixture(fixtures.MockPatchObject(
            objects.Migration, 'revert_and_end'))

        self.drain()

        self.assertEqual(1, bulk.mock.call_count)
        self.assertEqual(sorted(m.id for _s, m in waiting),
                         sorted(bulk.mock.call_args[0][1]))
        self.assertEqual(1, records.mock.call_count)
        single.mock.assert_not_called()
        for server_id, migration in waiting:
            self.assert_cancelled_on_source(server_id, migration.id)
        self.assertEqual(before, self.usages())
        self.finish(runner)

    def test_drain_including_running_aborts_it(self):
        runner, waiting, before = self.fill_queue(queued=2)

        outcomes = self.drain(include_running=True)

        self.assertEqual('aborted', outcomes[runner[1].id])
        self.assert_cancelled_on_source(runner[0], runner[1].id)
        for server_id, migration in waiting:
            self.assert_cancelled_on_source(server_id, migration.id)
        self.wait_settled(runner[0])
        self.assertEqual([], self.order())

    def test_drain_racing_the_worker_taking_the_head(self):
        """A drain finding the head preparing: it ends cancelled too."""
        runner, waiting, before = self.fill_queue(queued=2)
        (head_id, head), (tail_id, tail) = waiting
        gate = self.driver('compute2').hooks.gate(fake.PRE_LIVE_MIGRATION,
                                                  head_id)
        gate3 = self.driver('compute3').hooks.gate(fake.PRE_LIVE_MIGRATION,
                                                   head_id)
        self.finish(runner)
        self.wait_status(head.id, 'preparing')

        outcomes = self.drain()
        gate.release()
        gate3.release()

        self.assertEqual({head.id: 'rolling-back', tail.id: 'cancelled'},
                         outcomes)
        self.assert_cancelled_on_source(head_id, head.id)
        self.assert_cancelled_on_source(tail_id, tail.id)
        self.wait_settled(head_id)
        self.assertEqual({}, self.drain())


class HostDownTest(QueueTestBase):

    def test_down_host_is_shown_from_the_database_and_not_changed(self):
        runner, waiting, before = self.fill_queue(queued=2)
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        service.forced_down = True
        service.save()

        queue = self.show()

        self.assertEqual('down', queue['host_state'])
        self.assertEqual([runner[1].id] + [m.id for _s, m in waiting],
                         [mid for _p, mid, _s in self.order()])
        self.assertIn('down', queue['migrations'][1]['waiting_for'])
        resp = self.action({'drain': None})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertIn('down', resp.json()['conflictingRequest']['message'])
        self.assertEqual(['queued', 'queued'],
                         [self.migration(m.id).status for _s, m in waiting])
        service.forced_down = False
        service.save()
        self.drain_all()


class TimeoutTest(QueueTestBase):

    def test_only_the_migration_that_waited_too_long_is_cancelled(self):
        self.flags(live_migration_queue_timeout=60, group='compute')
        clock = FakeClock()
        compute = self.compute('compute1')
        compute.live_migrations.queue.clock = clock
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(3)]
        runner = self.start_migration(servers[0], status='running')
        old = self.queue_one(servers[1])
        clock.advance(40)
        young = self.queue_one(servers[2])
        clock.advance(25)

        expired = compute.expire_queued_live_migrations()

        self.assertEqual([old.id], [m.id for m in expired])
        self.assert_cancelled_on_source(servers[1], old.id)
        self.assertEqual('queued', self.migration(young.id).status)
        fault, = objects.InstanceFaultList.get_latest_by_instance_uuids(
            self.ctxt, [servers[1]])
        self.assertIn('live_migration_queue_timeout', fault.message)
        events = self._events(servers[1])
        self.assertIn(queue_ops.TIMEOUT_EVENT, events)
        self.drain_all()
        self.wait_status(runner.id, 'cancelled')

    def queue_one(self, server_id):
        """Start a migration; return once compute1 has queued it."""
        queue = self.compute('compute1').live_migrations.queue
        submitted = self.useFixture(intercept.InterceptMethodFixture(
            queue, 'submit', after=True, hold=False))
        migration = self.start_migration(server_id, status='queued')
        submitted.wait_started()
        return migration

    def _events(self, server_id):
        names = []
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.ctxt, server_id):
            names += [e.event for e in
                      objects.InstanceActionEventList.get_by_action(
                          self.ctxt, action.id)]
        return names


class RefusedTest(QueueTestBase):
    """Policy, microversion and bad input: a Nova fault, nothing changed."""

    ROUTES = (('GET', ROOT, None),
              ('GET', ROOT + '/compute1', None),
              ('POST', ROOT + '/compute1/action', {'drain': None}),
              ('POST', ROOT + '/compute1/action',
               {'move': {'migration_id': 1, 'position': 1}}))

    def test_member_gets_403_and_2_64_gets_404_on_every_route(self):
        runner, waiting, before = self.fill_queue(queued=1)
        for method, path, body in self.ROUTES:
            resp = self.member_api.request(method, path, body=body)
            self.assertEqual(403, resp.status_code, (path, resp.text))
            self.assertIn('forbidden', resp.json())
            resp = self.api.request(method, path, body=body,
                                    microversion='2.64')
            self.assertEqual(404, resp.status_code, (path, resp.text))
            self.assertIn('itemNotFound', resp.json())
        self.assertEqual('queued', self.migration(waiting[0][1].id).status)
        self.assertEqual([], self.abort_rpcs)
        self.drain_all()

    def test_bad_input_is_a_fault_and_changes_nothing(self):
        runner, waiting, before = self.fill_queue(queued=2)
        queued_id = waiting[0][1].id
        order = self.order()
        cases = (
            ({'move': {'migration_id': queued_id, 'position': 0}}, 400),
            ({'move': {'migration_id': queued_id, 'position': 'x'}}, 400),
            ({'move': {'migration_id': queued_id}}, 400),
            ({'move': {'migration_id': 999999, 'position': 1}}, 400),
            ({'move': {'migration_id': runner[1].id, 'position': 1}}, 409),
            ({'drain': {'include_running': 'maybe'}}, 400),
            ({'drain': {'extra': True}}, 400),
            ({'bogus': None}, 400),
            ({}, 400),
        )
        for body, code in cases:
            resp = self.action(body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
            self.assertEqual(1, len(resp.json()), resp.text)
        resp = self.action({'drain': None}, host='no-such-host')
        self.assertEqual(404, resp.status_code, resp.text)
        self.assertEqual(404, self.api.get(ROOT + '/nowhere').status_code)
        self.assertEqual(order, self.order())
        self.assertEqual(['queued', 'queued'],
                         [self.migration(m.id).status for _s, m in waiting])
        self.drain_all()


class ResumeAfterMoveTest(QueueTestBase):
    """``live_migration_queue_on_start = resume`` keeps a moved order.

    compute1 dies with three migrations queued (one moved to the head by
    the operator, each asked with its own ``block_migration``): its queue
    is gone from memory, the database still says ``queued``.  At start it
    runs them in the moved order, each with the ``block_migration`` it
    was asked with.
    """

    def test_resume_runs_the_moved_order_with_block_migration(self):
        self.flags(live_migration_queue_on_start='resume', group='compute')
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(4)]
        runner = self.start_migration(servers[0], status='running')
        asked = dict(zip(servers[1:], (False, True, None)))
        first, second, third = [self._queue(s, asked[s]) for s in servers[1:]]
        resp = self.move(third.id, 2)
        self.assertEqual(200, resp.status_code, resp.text)
        self._kill('compute1')
        self.assertEqual(['queued'] * 3, [self.migration(m.id).status
                                          for m in (first, second, third)])
        self.wait_status(runner.id, 'cancelled')
        prepared = self._spy_on_pre_live_migration()

        self.cloud.start_compute('compute1')

        for migration in (first, second, third):
            self.wait_status(migration.id, 'completed')
        self.assertEqual(
            [(m.instance_uuid, asked[m.instance_uuid])
             for m in (third, first, second)], prepared)

    def _queue(self, server_id, block_migration):
        """Ask for a live migration with ``block_migration``; once queued."""
        known = {m.id for m in self.migrations_of(server_id)}
        resp = self.live_migrate(
            server_id, microversion='2.30',
            block_migration='auto' if block_migration is None
            else block_migration)
        self.assertEqual(202, resp.status_code, resp.text)
        return self.wait_for(lambda: next(
            (m for m in self.migrations_of(server_id)
             if m.id not in known and m.status == 'queued'), None),
            message='no queued migration of %s' % server_id)

    def _kill(self, host):
        """Stop ``host`` as if killed: nothing queued is written on the way.

        The queue is dropped from memory first, so the stop that follows
        finds it empty (only the running migration is aborted, as a
        killed compute's would be repaired at start).
        """
        self.compute(host).live_migrations.queue.shutdown()
        self.cloud.stop_compute(host)

    def _spy_on_pre_live_migration(self):
        """Record (server, block_migration) of every pre-live-migration."""
        real = compute_rpcapi.ComputeAPI.pre_live_migration
        calls = []

        def spy(rpcapi, ctxt, instance, block_migration, *args, **kwargs):
            calls.append((instance.uuid, block_migration))
            return real(rpcapi, ctxt, instance, block_migration, *args,
                        **kwargs)
        self.useFixture(fixtures.MonkeyPatch(
            'nova.compute.rpcapi.ComputeAPI.pre_live_migration', spy))
        return calls
