"""The server lifecycle table and its compare-and-swap helpers."""

import ddt

from nova.compute import instance_states
from nova.compute import power_state
from nova.compute import task_states
from nova.compute import vm_states
from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.unit import tools


class TableTest(test.TestCase):

    def test_every_row_names_known_states(self):
        known_vm = {v for k, v in vars(vm_states).items() if k.isupper()
                    and isinstance(v, str)}
        known_task = {v for k, v in vars(task_states).items()
                      if k.isupper()}
        targets = known_vm | {instance_states.KEEP,
                              instance_states.BY_POWER_STATE}
        for action, row in instance_states.TRANSITIONS.items():
            self.assertLessEqual(set(row.from_vm_states), known_vm, action)
            self.assertLessEqual(set(row.task_states), known_task, action)
            self.assertIn(row.to_vm_state, targets, action)
            self.assertTrue(row.task_states or action == 'confirmResize',
                            action)
            if row.power_state is not None:
                self.assertIn(row.power_state, power_state.STATE_MAP)

    def test_only_delete_interrupts_a_task(self):
        interrupting = [action for action, row in
                        instance_states.TRANSITIONS.items()
                        if row.from_task_states != (None,)]
        self.assertEqual(['delete'], interrupting)

    def test_live_migration_allows_paused(self):
        row = instance_states.transition('live-migration')
        self.assertEqual((vm_states.ACTIVE, vm_states.PAUSED),
                         row.from_vm_states)


class GeneratedDocTest(test.TestCase):

    def test_doc_table_matches_transitions(self):
        tools.check_generated_table(self, 'gen_instance_states')

    def test_dot_has_an_edge_per_action_and_start_state(self):
        edges = sum(len(row.from_vm_states) for row in
                    instance_states.TRANSITIONS.values())
        dot = tools.load_tool('gen_instance_states').render_dot()
        self.assertEqual(edges, dot.count(' -> '))


@ddt.ddt
class CompareAndSwapTest(test.TestCase):
    """Against a real database: the loser of a race writes nothing."""

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(nova_fixtures.Database())
        self.ctxt = nova_context.get_admin_context()
        self.instance = objects.Instance(
            self.ctxt, uuid='11111111-2222-4333-8444-555555555555',
            vm_state=vm_states.ACTIVE, task_state=None,
            power_state=power_state.RUNNING)
        self.instance.create()

    def _copy(self):
        return objects.Instance.get_by_uuid(self.ctxt, self.instance.uuid)

    def test_begin_then_finish(self):
        instance_states.begin(self.instance, 'pause')
        self.assertEqual(task_states.PAUSING, self._copy().task_state)
        instance_states.finish(self.instance, 'pause')
        stored = self._copy()
        self.assertEqual((vm_states.PAUSED, None, power_state.PAUSED),
                         (stored.vm_state, stored.task_state,
                          stored.power_state))

    @ddt.data('pause', 'os-stop-race')
    def test_two_readers_one_winner(self, _name):
        rival = self._copy()
        instance_states.begin(self.instance, 'pause')
        self.assertRaises(exception.UnexpectedTaskStateError,
                          instance_states.begin, rival, 'stop')
        self.assertEqual(task_states.PAUSING, self._copy().task_state)

    def test_wrong_state_names_the_field(self):
        exc = self.assertRaises(exception.InstanceInvalidState,
                                instance_states.check_can_start,
                                self.instance, 'unpause')
        self.assertEqual('vm_state', exc.kwargs['attr'])
        instance_states.begin(self.instance, 'pause')
        exc = self.assertRaises(exception.InstanceInvalidState,
                                instance_states.check_can_start,
                                self.instance, 'stop')
        self.assertEqual('task_state', exc.kwargs['attr'])

    def test_rollback_keeps_vm_state(self):
        instance_states.begin(self.instance, 'suspend')
        instance_states.rollback(self.instance, 'suspend')
        stored = self._copy()
        self.assertEqual((vm_states.ACTIVE, None),
                         (stored.vm_state, stored.task_state))

    def test_finish_after_reset_writes_nothing(self):
        instance_states.begin(self.instance, 'stop')
        instance_states.reset(self._copy(), vm_states.ERROR)
        self.assertRaises(exception.UnexpectedTaskStateError,
                          instance_states.finish, self.instance, 'stop')
        self.assertEqual(vm_states.ERROR, self._copy().vm_state)

    def test_reset_refuses_other_states(self):
        self.assertRaises(exception.InvalidInput, instance_states.reset,
                          self.instance, vm_states.PAUSED)

    def test_rebuild_of_stopped_ends_stopped(self):
        self.instance.vm_state = vm_states.STOPPED
        self.instance.power_state = power_state.SHUTDOWN
        self.instance.save()
        instance_states.begin(self.instance, 'rebuild')
        instance_states.advance(self.instance, 'rebuild',
                                task_states.REBUILD_SPAWNING)
        instance_states.finish(self.instance, 'rebuild')
        self.assertEqual(vm_states.STOPPED, self._copy().vm_state)
