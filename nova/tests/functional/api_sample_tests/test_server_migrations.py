"""API samples of ``/servers/{server_id}/migrations``, per microversion.

compute1's driver copies until told otherwise, so a migration stays
``running`` (and the next one ``queued``) while the samples are taken.
"""

from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import test_live_migration

# os-migrateLive as each microversion takes it (2.25 dropped
# disk_over_commit and added "auto").
LIVE_MIGRATE = {'os-migrateLive': {'host': 'compute2',
                                   'block_migration': 'auto'}}
LIVE_MIGRATE_V21 = {'os-migrateLive': {'host': 'compute2',
                                       'block_migration': False,
                                       'disk_over_commit': False}}


class ServerMigrationsSampleBase(api_sample_base.ApiSampleTestBase,
                                 test_live_migration.LiveMigrationTestBase):

    sample_dir = 'server-migrations'

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None
        self.server_id = self.boot('compute1')
        self.addCleanup(self._end, self.server_id)

    def _end(self, server_id):
        for migration in self.migrations_of(server_id):
            if migration.status not in test_live_migration.FINAL:
                self.abort(server_id, migration.id)
                self.wait_status(migration.id, *test_live_migration.FINAL)

    def start(self, server_id, status, name=None):
        """Start a live migration (its request may be a sample too)."""
        body = (LIVE_MIGRATE if self.microversion not in ('2.22', '2.23',
                                                          '2.24')
                else LIVE_MIGRATE_V21)
        self.do_request('POST', '/servers/%s/action' % server_id, name,
                        body, expected_status=202)
        migrations = self.wait_for(lambda: self.migrations_of(server_id))
        return self.wait_status(migrations[-1].id, status)

    def path(self, migration=None, server_id=None):
        path = '/servers/%s/migrations' % (server_id or self.server_id)
        if migration is not None:
            path += '/%s' % migration.id
        return path


class ForceCompleteSamplesV222(ServerMigrationsSampleBase):

    microversion = '2.22'

    def test_force_complete(self):
        migration = self.start(self.server_id, 'running')
        self.do_request('POST', self.path(migration) + '/action',
                        'force_complete', {'force_complete': None},
                        expected_status=202)
        self.wait_status(migration.id, 'completed')


class ServerMigrationsSamplesV223(ServerMigrationsSampleBase):

    microversion = '2.23'

    def test_list_and_show(self):
        migration = self.start(self.server_id, 'running')
        self.wait_for(lambda: self.migration(
            migration.id).memory_total is not None)
        self.do_request('GET', self.path(), 'migrations-index')
        self.do_request('GET', self.path(migration), 'migrations-get')


class ServerMigrationsSamplesV259(ServerMigrationsSamplesV223):
    """2.59: migrations carry their ``uuid``."""

    microversion = '2.59'


class AbortSamplesV224(ServerMigrationsSampleBase):
    """2.24: a running migration, as listed just before it is aborted."""

    microversion = '2.24'

    def test_abort_running(self):
        migration = self.start(self.server_id, 'running')
        # The sample shows the first progress report.
        self.wait_for(lambda: self.migration(
            migration.id).memory_total is not None)
        self.do_request('GET', self.path(), 'migrations-index')
        self.do_request('DELETE', self.path(migration),
                        expected_status=202)
        self.wait_status(migration.id, 'cancelled')


class AbortQueuedSamplesV265(ServerMigrationsSampleBase):
    """2.65: a queued migration, as listed just before it is aborted."""

    microversion = '2.65'

    def test_abort_queued(self):
        self.start(self.server_id, 'running')
        waiting = self.boot('compute1', name='vm2')
        self.addCleanup(self._end, waiting)
        migration = self.start(waiting, 'queued')
        self.do_request('GET', self.path(server_id=waiting),
                        'migrations-index')
        self.do_request('DELETE', self.path(migration, waiting),
                        expected_status=202)
        self.wait_status(migration.id, 'cancelled')
