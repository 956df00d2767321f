"""API samples of ``GET /os-migrations``, per microversion.

One migration has completed and one is still running when the list is
taken, so the samples show both shapes (links only on the running one).
"""

from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import test_live_migration


class MigrationsSamplesV21(api_sample_base.ApiSampleTestBase,
                           test_live_migration.LiveMigrationTestBase):

    sample_dir = 'os-migrations'
    microversion = None

    def setUp(self):
        super().setUp()
        first = self.boot('compute1')
        done = self.start_migration(first, host='compute2')
        self.wait_status(done.id, 'completed')
        self.driver('compute1').live_migration_bandwidth = None
        second = self.boot('compute1', name='vm2')
        running = self.start_migration(second, host='compute2')
        self.wait_status(running.id, 'running')
        self.addCleanup(self._abort, second, running)

    def _abort(self, server_id, migration):
        self.abort(server_id, migration.id)
        self.wait_status(migration.id, *test_live_migration.FINAL)

    def test_list(self):
        self.do_request('GET', '/os-migrations', 'migrations-get')


class MigrationsSamplesV223(MigrationsSamplesV21):
    """2.23: ``migration_type``, and links on in-progress live ones."""

    microversion = '2.23'


class MigrationsSamplesV259(MigrationsSamplesV21):
    """2.59: ``uuid``, newest first, paging."""

    microversion = '2.59'

    def test_list_with_limit(self):
        self.do_request('GET', '/os-migrations?limit=1',
                        'migrations-get-with-limit')
