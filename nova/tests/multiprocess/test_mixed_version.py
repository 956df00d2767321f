"""A mixed-version cloud: compute2 runs as the previous release.

compute2 sets ``[compute] emulate_service_version = 1``: it reports service
version 1 and serves compute RPC 5.0, as a compute that predates aborting
queued live migrations.  The API and the conductor run with
``[upgrade_levels] compute = auto``, the setting of a rolling upgrade.  An
abort is routed by the target compute's own version, so compute1 (new)
gets the 5.1 form while compute2 (old) only ever gets the 5.0 one.
"""

from nova.objects import service as service_obj
from nova.tests.multiprocess import fixtures as mp_fixtures
from nova.tests.multiprocess import scenarios

OLD_COMPUTE_MESSAGE = ('the nova-compute service on host compute2 is too '
                       'old (service version 1, at least 2 is required)')
EMULATION = ('compute2', 'compute', 'emulate_service_version')


class TestMixedVersionCloud(scenarios.FullQueueMixin,
                            mp_fixtures.MultiprocessTestCase):
    db = 'mysql'
    settings = scenarios.FULL_QUEUE_SETTINGS + (
        '%s:%s.%s=1' % EMULATION,
        'api:upgrade_levels.compute=auto',
        'conductor:upgrade_levels.compute=auto',
    )

    def _abort_actions(self, server):
        events = self.cli.json('server', 'event', 'list', server)
        return [e for e in events if e['Action'] == 'live_migration_cancel']

    def _split(self, queue):
        running = next(s for s, m in queue.items()
                       if m['status'] == 'running')
        queued = next(s for s, m in queue.items() if m['status'] == 'queued')
        return running, queued

    def assert_abort_refused(self, server, migration, message):
        """400 with ``message``; nothing recorded, nothing sent."""
        result = self.cli('server', 'migration', 'abort', server,
                          str(migration['id']), check=False)
        self.assertNotEqual(0, result.returncode)
        self.assertIn('400', result.stderr)
        self.assertIn(message, result.stderr)
        self.assertEqual([], self._abort_actions(server))
        latest = self.api.latest_live_migrations([server])[server]
        self.assertEqual((migration['id'], 'queued'),
                         (latest['id'], latest['status']))

    def test_rolling_upgrade(self):
        self.assertEqual({'compute1': service_obj.SERVICE_VERSION,
                          'compute2': 1},
                         self.cloud_db.service_versions('nova-compute'))
        old_queue = self.fill_queue(3, 'compute2', 'compute1')[1]
        old_running, old_queued = self._split(old_queue)
        new_queue = self.fill_queue(2, 'compute1', 'compute2')[1]
        new_queued = self._split(new_queue)[1]

        # The API refuses a queued abort on the old compute, sends nothing.
        self.assert_abort_refused(old_queued, old_queue[old_queued],
                                  OLD_COMPUTE_MESSAGE)
        # The same abort on the new compute1 is accepted meanwhile.
        self.abort({new_queued: new_queue[new_queued]})
        self.wait_for_status({new_queued: new_queue[new_queued]},
                             'cancelled')
        # A running migration is still aborted on the old compute (5.0).
        self.abort({old_running: old_queue[old_running]})
        self.wait_for_status({old_running: old_queue[old_running]},
                             'cancelled')
        server = self.api.servers([old_running])[old_running]
        self.assertEqual(('compute2', 'ACTIVE', None),
                         (server['OS-EXT-SRV-ATTR:host'], server['status'],
                          server['OS-EXT-STS:task_state']))
        self.assertEqual(1, len(self._abort_actions(old_running)))

        # The upgrade ends: compute2 runs the new code, the API and the
        # conductor restart and read the new minimum version.
        self.cloud.set_option(*EMULATION)
        for service in ('compute2', 'api', 'conductor'):
            self.cloud.restart_service(service)
        self.assertEqual(dict.fromkeys(('compute1', 'compute2'),
                                       service_obj.SERVICE_VERSION),
                         self.cloud_db.service_versions('nova-compute'))
        # Stopping compute2 for its upgrade ended what it still had: the
        # one still queued is cancelled; the one that started running when
        # the abort above freed the slot is aborted at stop (cancelled) or,
        # if the process exited before its rollback, ended error at start.
        leftovers = {s: m for s, m in old_queue.items() if s != old_running}
        self.wait_for_status(leftovers, ('cancelled', 'error'))
        # Upgraded, compute2 accepts queued aborts too.
        queue = self.fill_queue(2, 'compute2', 'compute1')[1]
        queued = self._split(queue)[1]
        self.abort({queued: queue[queued]})
        self.wait_for_status({queued: queue[queued]}, 'cancelled')
