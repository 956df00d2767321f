"""API samples of ``os-migrateLive``, one class per body version."""

from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import test_live_migration


class MigrateServerSamplesV21(api_sample_base.ApiSampleTestBase,
                              test_live_migration.LiveMigrationTestBase):
    """2.1-2.24: all three members are required."""

    sample_dir = 'os-migrate-server'
    microversion = None
    members = {'host': 'compute2', 'block_migration': False,
               'disk_over_commit': False}

    def test_live_migrate_server(self):
        server_id = self.boot('compute1')
        self.do_request('POST', '/servers/%s/action' % server_id,
                        'live-migrate-server',
                        {'os-migrateLive': dict(self.members)},
                        expected_status=202)
        migrations = self.wait_for(lambda: self.migrations_of(server_id))
        self.wait_status(migrations[-1].id, 'completed')
        self.assert_on_host(server_id, 'compute2')


class MigrateServerSamplesV225(MigrateServerSamplesV21):
    """2.25: ``block_migration`` may be ``auto``; no ``disk_over_commit``."""

    microversion = '2.25'
    members = {'host': 'compute2', 'block_migration': 'auto'}


class MigrateServerSamplesV230(MigrateServerSamplesV21):
    """2.30: optional ``force``."""

    microversion = '2.30'
    members = {'host': 'compute2', 'block_migration': 'auto',
               'force': False}
