"""The contributor docs' state table is generated from the code's table."""

import importlib.util
import os

import testtools

TOP = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..',
                                    '..', '..'))


def _load_tool():
    path = os.path.join(TOP, 'tools', 'gen_migration_states.py')
    spec = importlib.util.spec_from_file_location('gen_migration_states',
                                                  path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestGeneratedStateTable(testtools.TestCase):

    def test_doc_table_matches_transitions(self):
        tool = _load_tool()
        with open(os.path.join(TOP, tool.GENERATED_TABLE)) as handle:
            self.assertEqual(
                tool.render_table(), handle.read(),
                'regenerate with: python tools/gen_migration_states.py '
                '--format table -o %s' % tool.GENERATED_TABLE)

    def test_dot_has_an_edge_per_transition(self):
        tool = _load_tool()
        from nova.compute import migration_states
        edges = sum(len(t) for t in migration_states.TRANSITIONS.values())
        self.assertEqual(edges, tool.render_dot().count(' -> '))
