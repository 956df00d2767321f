"""The contributor docs' state table is generated from the code's table.

The diagram itself is checked edge by edge in
``nova/tests/unit/compute/test_migration_states.py``.
"""

import testtools

from nova.tests.unit import tools


class TestGeneratedStateTable(testtools.TestCase):

    def test_doc_table_matches_transitions(self):
        tools.check_generated_table(self, 'gen_migration_states')
