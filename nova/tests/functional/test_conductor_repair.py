"""A conductor killed mid-task: its next start ends what it left.

The conductor owns a live migration while it is ``accepted``.  A conductor
process cannot be killed inside this one, so each test leaves the state a
kill leaves (the conductor held at the destination's check, or a request
whose migration was never written) and runs the repair the next start of
that conductor host runs.
"""

from oslo_utils import uuidutils

from nova.compute import instance_actions
from nova.compute import task_states
from nova.conductor import repair
from nova.conductor.tasks import live_migrate
from nova import context as nova_context
from nova import objects
from nova.tests.functional import test_live_migration
from nova.virt import fake


class ConductorRepairTest(test_live_migration.LiveMigrationTestBase):

    def setUp(self):
        super().setUp()
        self.conductor_host = next(
            svc.manager.host for svc in self.cloud.services
            if svc.binary == 'nova-conductor')

    def _restart_repair(self, host=None):
        """What the conductor's init_host runs when it starts again."""
        repair.ConductorRepair(host or self.conductor_host).run(
            nova_context.get_admin_context())

    def _live_migration_action(self, server_id):
        actions = objects.InstanceActionList.get_by_instance_uuid(
            self.ctxt, server_id)
        return next(a for a in actions
                    if a.action == instance_actions.LIVE_MIGRATION)

    def _events(self, action):
        return {e.event: e for e in
                objects.InstanceActionEventList.get_by_action(
                    self.ctxt, action.id)}

    def _assert_request_failed(self, server_id):
        action = self._live_migration_action(server_id)
        self.assertIsNotNone(action.finish_time)
        self.assertEqual('Error', action.message)
        events = self._events(action)
        self.assertEqual('Error', events[live_migrate.EVENT].result)
        self.assertEqual('Error', events[repair.REPAIR_EVENT].result)
        faults = objects.InstanceFaultList.get_latest_by_instance_uuids(
            self.ctxt, [server_id])
        self.assertIn('conductor %s stopped' % self.conductor_host,
                      faults[0].message)

    def test_accepted_migration_ends_with_its_claim_released(self):
        server_id = self.boot('compute1')
        before = self.usages()
        gate = self.driver('compute2').hooks.gate(fake.CHECK_DESTINATION,
                                                  server_id)
        migration = self.start_migration(server_id, host='compute2')
        gate.wait_started()
        # The conductor now holds the destination's claim, as when killed.
        self.assertEqual('accepted', self.migration(migration.id).status)
        self.assertNotEqual(before, self.usages())

        self._restart_repair()

        self.assertEqual('error', self.migration(migration.id).status)
        self.assertEqual(('compute1', None), (
            self.instance(server_id).host,
            self.instance(server_id).task_state))
        self.assertEqual(before, self.usages())
        self._assert_request_failed(server_id)

        # Were the old task still alive, its cast would find nothing to do.
        gate.release()
        self.wait_for(lambda: self._source_heard_of_it(server_id))
        self.assertEqual('Success', self._events(self._live_migration_action(
            server_id))['compute_live_migration'].result)
        self.assert_on_host(server_id, 'compute1')
        self.assertEqual('error', self.migration(migration.id).status)
        self.assertEqual(before, self.usages())

    def test_request_whose_migration_was_never_written(self):
        server_id = self.boot('compute1')
        self._unfinished_request(server_id, self.conductor_host)

        self._restart_repair()

        self.assertIsNone(self.instance(server_id).task_state)
        self._assert_request_failed(server_id)

    def test_other_conductors_requests_are_left_alone(self):
        server_id = self.boot('compute1')
        self._unfinished_request(server_id, 'conductor-elsewhere')

        self._restart_repair()

        self.assertEqual(task_states.MIGRATING,
                         self.instance(server_id).task_state)
        action = self._live_migration_action(server_id)
        self.assertIsNone(action.finish_time)
        self.assertIsNone(self._events(action)[live_migrate.EVENT].
                          finish_time)
        # Its own conductor repairs it when it starts again.
        repair.ConductorRepair('conductor-elsewhere').run(
            nova_context.get_admin_context())
        self.assertIsNone(self.instance(server_id).task_state)

    def test_a_migration_the_source_took_is_left_to_the_source(self):
        self.driver('compute1').live_migration_bandwidth = None
        server_id = self.boot('compute1')
        migration = self.start_migration(server_id, host='compute2',
                                         status='running')
        action = self._live_migration_action(server_id)
        # As if killed right after its cast: the event never finished.
        context = self._request_context(action.request_id)
        objects.InstanceActionEvent.event_start(
            context, server_id, live_migrate.EVENT, host=self.conductor_host)

        self._restart_repair()

        self.assertEqual('running', self.migration(migration.id).status)
        self.assertEqual(task_states.MIGRATING,
                         self.instance(server_id).task_state)
        self.assertEqual('Success', self._events(
            self._live_migration_action(server_id))[
            live_migrate.EVENT].result)
        self.force_complete(server_id, migration.id)
        self.wait_status(migration.id, 'completed')

    def _source_heard_of_it(self, server_id):
        event = self._events(self._live_migration_action(server_id)).get(
            'compute_live_migration')
        return event is not None and event.finish_time is not None

    # A request as a conductor killed before it wrote the migration left it.

    def _request_context(self, request_id):
        context = nova_context.get_admin_context()
        context.request_id = request_id
        return context

    def _unfinished_request(self, server_id, conductor_host):
        context = self._request_context('req-' + uuidutils.generate_uuid())
        instance = self.instance(server_id)
        instance.task_state = task_states.MIGRATING
        instance.save(expected_task_state=[None])
        objects.InstanceAction.action_start(context, server_id,
                                            instance_actions.LIVE_MIGRATION)
        objects.InstanceActionEvent.event_start(
            context, server_id, live_migrate.EVENT, host=conductor_host)
        return context.request_id
