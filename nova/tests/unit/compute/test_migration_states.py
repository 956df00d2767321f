"""The live-migration status table, checked move by move."""

import itertools
import operator

import ddt

from nova.compute import migration_states
from nova.compute.migration_states import MigrationStatus as S
from nova import exception
from nova import test
from nova.tests.unit import tools

# Written out again on purpose: the test states the spec, the module
# implements it, and a change to either shows up here.
LEGAL_MOVES = {
    (S.ACCEPTED, S.QUEUED), (S.ACCEPTED, S.ERROR), (S.ACCEPTED, S.FAILED),
    (S.ACCEPTED, S.CANCELLED),
    (S.QUEUED, S.PREPARING), (S.QUEUED, S.CANCELLED), (S.QUEUED, S.ERROR),
    (S.PREPARING, S.RUNNING), (S.PREPARING, S.CANCELLED),
    (S.PREPARING, S.FAILED), (S.PREPARING, S.ERROR),
    (S.RUNNING, S.COMPLETED), (S.RUNNING, S.FAILED), (S.RUNNING, S.ERROR),
    (S.RUNNING, S.CANCELLED),
}
FINAL = (S.COMPLETED, S.FAILED, S.ERROR, S.CANCELLED)
ALL_MOVES = list(itertools.product(S, S))
ILLEGAL_MOVES = [move for move in ALL_MOVES if move not in LEGAL_MOVES]


@ddt.ddt
class MigrationStatusTest(test.TestCase):

    @ddt.data(('ACCEPTED', 'accepted'), ('QUEUED', 'queued'),
              ('PREPARING', 'preparing'), ('RUNNING', 'running'),
              ('POST_MIGRATING', 'post-migrating'),
              ('COMPLETED', 'completed'), ('FAILED', 'failed'),
              ('ERROR', 'error'), ('CANCELLED', 'cancelled'))
    @ddt.unpack
    def test_member_value_is_nova_wire_string(self, name, wire):
        member = S[name]
        self.assertEqual(wire, member.value)
        self.assertEqual(wire, member)
        self.assertEqual(wire, str(member))
        self.assertEqual(wire, '%s' % member)
        self.assertEqual(wire, '{}'.format(member))
        self.assertIs(member, migration_states.as_status(wire))

    def test_unknown_wire_string_is_not_a_status(self):
        self.assertRaises(ValueError, migration_states.as_status, 'finishing')


@ddt.ddt
class CheckTransitionTest(test.TestCase):

    def test_cross_product_is_covered(self):
        self.assertEqual(len(S) ** 2, len(ALL_MOVES))
        self.assertEqual(len(LEGAL_MOVES) + len(ILLEGAL_MOVES),
                         len(ALL_MOVES))

    @ddt.data(*sorted(LEGAL_MOVES))
    @ddt.unpack
    def test_legal_move_returns_target_member(self, current, target):
        self.assertIs(target,
                      migration_states.check_transition(current, target))

    @ddt.data(*sorted(LEGAL_MOVES))
    @ddt.unpack
    def test_legal_move_accepts_wire_strings(self, current, target):
        self.assertIs(target, migration_states.check_transition(
            current.value, target.value))

    @ddt.data(*ILLEGAL_MOVES)
    @ddt.unpack
    def test_illegal_move_raises(self, current, target):
        self.assertRaises(exception.InvalidMigrationTransition,
                          migration_states.check_transition,
                          current, target, migration_id=7)

    @ddt.data(*ILLEGAL_MOVES)
    @ddt.unpack
    def test_illegal_move_raises_for_wire_strings(self, current, target):
        self.assertRaises(exception.InvalidMigrationTransition,
                          migration_states.check_transition,
                          current.value, target.value)

    def test_refusal_names_migration_and_both_statuses(self):
        exc = self.assertRaises(exception.InvalidMigrationTransition,
                                migration_states.check_transition,
                                S.CANCELLED, S.RUNNING, migration_id=42)
        self.assertEqual('Migration 42 cannot go from cancelled to running.',
                         exc.format_message())

    def test_refusal_without_migration_id_still_formats(self):
        exc = self.assertRaises(exception.InvalidMigrationTransition,
                                migration_states.check_transition,
                                'completed', 'queued')
        self.assertIn('from completed to queued', exc.format_message())

    @ddt.data(('finished', 'completed'), ('queued', 'finished'),
              (None, 'queued'), ('running', 'post-migrating'))
    @ddt.unpack
    def test_status_outside_live_table_is_refused(self, current, target):
        self.assertRaises(exception.InvalidMigrationTransition,
                          migration_states.check_transition, current, target)


@ddt.ddt
class FinalStatesTest(test.TestCase):

    @ddt.data(*FINAL)
    def test_final_status_is_final_and_has_no_exit(self, status):
        self.assertTrue(migration_states.is_final(status))
        self.assertTrue(migration_states.is_final(status.value))
        self.assertEqual(frozenset(), migration_states.TRANSITIONS[status])

    @ddt.data(*[s for s in S if s not in FINAL])
    def test_other_status_is_not_final(self, status):
        self.assertFalse(migration_states.is_final(status))

    def test_is_final_rejects_unknown_status(self):
        self.assertRaises(ValueError, migration_states.is_final, 'bogus')

    def test_every_live_status_is_reachable_and_can_finish(self):
        reachable, frontier = {S.ACCEPTED}, [S.ACCEPTED]
        while frontier:
            for target in migration_states.TRANSITIONS[frontier.pop()]:
                if target not in reachable:
                    reachable.add(target)
                    frontier.append(target)
        self.assertEqual(set(migration_states.TRANSITIONS), reachable)
        for status, targets in migration_states.TRANSITIONS.items():
            self.assertTrue(status in FINAL or targets & set(FINAL), status)

    def test_table_is_read_only(self):
        self.assertRaises(TypeError, operator.setitem,
                          migration_states.TRANSITIONS, S.CANCELLED,
                          frozenset({S.RUNNING}))


class StatusSetsTest(test.TestCase):

    def test_in_progress_is_what_the_server_migrations_api_lists(self):
        self.assertEqual({'queued', 'preparing', 'running', 'post-migrating'},
                         set(migration_states.IN_PROGRESS))

    def test_abortable_before_and_at_2_65(self):
        self.assertEqual({'running'},
                         set(migration_states.ABORTABLE_BEFORE_2_65))
        self.assertEqual({'queued', 'preparing', 'running'},
                         set(migration_states.ABORTABLE_AT_2_65))
        self.assertNotIn('accepted', migration_states.ABORTABLE_AT_2_65)


class DiagramToolTest(test.TestCase):
    """tools/gen_migration_states.py draws exactly the table."""

    def _load_tool(self):
        return tools.load_tool('gen_migration_states')

    def test_dot_has_one_edge_per_legal_move(self):
        dot = self._load_tool().render_dot()
        edges = [line.strip() for line in dot.splitlines() if '->' in line]
        self.assertEqual(len(LEGAL_MOVES), len(edges))
        for current, target in LEGAL_MOVES:
            self.assertIn('"%s" -> "%s";' % (current, target), edges)

    def test_rst_wraps_dot_in_graphviz_directive(self):
        rst = self._load_tool().render_rst()
        self.assertTrue(rst.startswith('.. graphviz::\n'))
        self.assertIn('   digraph migration_states {', rst)


@ddt.ddt
class ColdTableTest(test.TestCase):
    """Resize and cold migration have their own table."""

    @ddt.data('resize', 'migration')
    def test_cold_types_use_the_cold_table(self, migration_type):
        self.assertIs(migration_states.COLD_TRANSITIONS,
                      migration_states.table_for(migration_type))
        self.assertIs(migration_states.TRANSITIONS,
                      migration_states.table_for('live-migration'))

    @ddt.data(('pre-migrating', 'migrating'), ('migrating', 'post-migrating'),
              ('post-migrating', 'finished'), ('finished', 'confirming'),
              ('finished', 'reverting'), ('confirming', 'confirmed'),
              ('reverting', 'reverted'))
    @ddt.unpack
    def test_cold_path(self, current, target):
        self.assertEqual(target, migration_states.check_transition(
            current, target, table=migration_states.COLD_TRANSITIONS))

    @ddt.data(('confirmed', 'reverting'), ('reverted', 'confirming'),
              ('finished', 'queued'), ('confirming', 'reverting'))
    @ddt.unpack
    def test_cold_final_and_crossing_moves_are_refused(
            self, current, target):
        self.assertRaises(exception.InvalidMigrationTransition,
                          migration_states.check_transition, current, target,
                          table=migration_states.COLD_TRANSITIONS)


@ddt.ddt
class BulkTransitionTest(test.TestCase):
    """The set-based form reads the same table as ``check_transition``."""

    @ddt.data(*S)
    def test_allowed_sources_are_the_legal_moves_to_target(self, target):
        self.assertEqual(
            {source.value for source, to in LEGAL_MOVES if to is target},
            migration_states.allowed_sources(target))

    def test_check_transitions_splits_legal_from_refused(self):
        legal, refused = migration_states.check_transitions(
            [(1, 'queued'), (2, 'completed'), (3, S.PREPARING),
             (4, 'bogus'), (5, 'running')], S.CANCELLED)

        self.assertEqual([1, 3, 5], legal)
        self.assertEqual({2, 4}, set(refused))
        for exc in refused.values():
            self.assertIsInstance(exc, exception.InvalidMigrationTransition)
        self.assertIn('completed', str(refused[2]))
