"""``nova-manage db sync`` and ``db version`` on a fresh SQLite database.

Logging may share the output streams, so the result is read from the last
line of standard output.
"""

import os

from oslo_db.sqlalchemy import engines

from nova.db import migration
from nova import test
from nova.tests.unit import cmd as cmd_tests


class ManageDbTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.config = cmd_tests.write_config(self.state_path)
        self.database = os.path.join(self.state_path, 'nova.sqlite')

    def manage(self, *args):
        """(exit code, last line of stdout) of a successful-looking run."""
        code, out, err = cmd_tests.run('manage', '--config-file',
                                       self.config, *args)
        self.assertNotIn('Traceback', err)
        self.assertNotIn('error', err)
        lines = out.strip().splitlines()
        return code, lines[-1] if lines else ''

    def test_version_of_an_empty_database(self):
        self.assertEqual((0, 'None'), self.manage('db', 'version'))

    def test_sync_to_head_then_version(self):
        head = migration.head_version()
        self.assertEqual((0, 'Database at %s' % head),
                         self.manage('db', 'sync'))
        # The default connection puts the database under state_path.
        engine = engines.create_engine('sqlite:///%s' % self.database)
        self.addCleanup(engine.dispose)
        self.assertEqual(head, migration.db_version(engine=engine))
        self.assertEqual((0, head), self.manage('db', 'version'))

    def test_sync_to_a_revision_then_on(self):
        self.assertEqual((0, 'Database at 0001_initial'),
                         self.manage('db', 'sync', '0001_initial'))
        self.assertEqual((0, 'Database at %s' % migration.head_version()),
                         self.manage('db', 'sync'))

    def test_without_action_prints_usage(self):
        code, _, err = cmd_tests.run('manage', '--config-file', self.config,
                                     'db')
        self.assertEqual(2, code)
        self.assertIn('usage: nova-manage', err)
        self.assertNotIn('Traceback', err)
