"""API samples of ``/os-live-migration-queues`` (project extension, 2.65).

compute1 runs one live migration that copies until told otherwise and
queues two behind it; the samples are its real answers.
"""

from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import test_live_migration

ROOT = '/os-live-migration-queues'


class LiveMigrationQueuesSamples(api_sample_base.ApiSampleTestBase,
                                 test_live_migration.LiveMigrationTestBase):

    sample_dir = 'os-live-migration-queues'
    microversion = '2.65'

    def configure(self):
        super().configure()
        # The queue API answers from the database once a compute looks
        # down; heartbeats are off here, so a slow run must not get there.
        self.flags(service_down_time=3600)

    def setUp(self):
        super().setUp()
        self.driver('compute1').live_migration_bandwidth = None
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(3)]
        self.runner = self.start_migration(servers[0], 'compute2',
                                           status='running')
        self.queued = [self.start_migration(s, 'compute2', status='queued')
                       for s in servers[1:]]
        # Its first progress report is in, so the sample shows progress.
        self.wait_for(lambda: self.migration(
            self.runner.id).memory_total is not None)
        self.addCleanup(self._drain_all)

    def _drain_all(self):
        self.api.post(ROOT + '/compute1/action',
                      body={'drain': {'include_running': True}},
                      microversion='2.65')
        for migration in [self.runner] + self.queued:
            self.wait_status(migration.id, *test_live_migration.FINAL)

    def test_list(self):
        self.do_request('GET', ROOT, 'live-migration-queues-list')

    def test_show(self):
        self.do_request('GET', ROOT + '/compute1',
                        'live-migration-queue-show')

    def test_move(self):
        self.do_request('POST', ROOT + '/compute1/action',
                        'live-migration-queue-move',
                        {'move': {'migration_id': self.queued[1].id,
                                  'position': 2}})

    def test_drain(self):
        self.do_request('POST', ROOT + '/compute1/action',
                        'live-migration-queue-drain',
                        {'drain': {'include_running': False}})
