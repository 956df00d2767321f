"""``[compute] live_migration_queue_on_start``: resume or cancel a queue.

compute1 is killed with live migrations queued (the state is written as the
workflow writes it, as in ``test_compute_restart``).  With ``resume`` it
queues them again at start in their former order, once each destination
is up and its claim still held, and cancels the others saying why; with
``cancel`` (the default) it cancels them all.
"""

from nova.compute import live_migration_resume as lm_resume
from nova import context as nova_context
from nova import objects
from nova.tests.functional import base
from nova.tests.functional import test_compute_restart
from nova.virt import fake


class QueueOnStartTest(base.FunctionalTestCase):

    compute_hosts = ('compute1', 'compute2', 'compute3')

    # The killed-compute helpers of the restart tests, not their tests.
    _boot_on = test_compute_restart.TestRestartRepairsLiveMigrations._boot_on
    _active = test_compute_restart.TestRestartRepairsLiveMigrations._active
    _leave_in_flight = \
        test_compute_restart.TestRestartRepairsLiveMigrations._leave_in_flight

    def setUp(self):
        super().setUp()
        self.ctxt = nova_context.get_admin_context()
        self.admin = nova_context.RequestContext('admin', 'admin',
                                                 roles=['admin'])
        self.flavor = objects.Flavor.get_by_flavor_id(self.ctxt, '1')

    def configure(self):
        super().configure()
        self.flags(service_down_time=3600)

    def _killed_with_a_queue(self):
        """Five servers on compute1, queued when it died.

        Three can resume (to compute2), one goes to a compute that is down
        (compute3 forced down) and one lost its destination claim.
        """
        servers = [self._boot_on('compute1') for _ in range(5)]
        self.cloud.stop_compute('compute1')
        resumable = [self._leave_in_flight(s, 'queued')
                     for s in servers[:3]]
        to_down = self._leave_in_flight(servers[3], 'queued',
                                        dest='compute3')
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute3')
        service.forced_down = True
        service.save()
        unclaimed = self._leave_in_flight(servers[4], 'queued')
        objects.ResourceClaim.release(self.ctxt, unclaimed.uuid)
        return servers, resumable, to_down, unclaimed

    def _status(self, migration):
        return objects.Migration.get_by_id(self.ctxt, migration.id).status

    def test_resume_runs_the_queue_in_its_former_order(self):
        self.flags(live_migration_queue_on_start='resume', group='compute')
        servers, resumable, to_down, unclaimed = self._killed_with_a_queue()
        prepared = self.cloud.computes['compute2'].manager.driver.hooks.gate(
            fake.PRE_LIVE_MIGRATION)
        prepared.release()

        self.cloud.start_compute('compute1')

        for migration in resumable:
            self.wait_for(lambda m=migration: self._status(m) in (
                'completed', 'failed', 'error', 'cancelled'),
                message='migration %s not ended' % migration.id)
        self.assertEqual(['completed'] * 3,
                         [self._status(m) for m in resumable])
        self.assertEqual([m.instance_uuid for m in resumable],
                         prepared.reached_by)
        for migration, why in ((to_down, 'compute3 is down'),
                               (unclaimed, 'no longer held')):
            self.assertEqual('cancelled', self._status(migration))
            fault, = objects.InstanceFaultList.get_latest_by_instance_uuids(
                self.ctxt, [migration.instance_uuid])
            self.assertIn(why, fault.message)
            self.assertIn(lm_resume.RESUME_EVENT,
                          self._events(migration.instance_uuid))
        for server in servers:
            fresh = objects.Instance.get_by_uuid(self.ctxt, server.uuid)
            self.assertIsNone(fresh.task_state)
            self.assertEqual('compute2' if server in servers[:3]
                             else 'compute1', fresh.host)

    def test_cancel_is_the_default(self):
        servers, resumable, to_down, unclaimed = self._killed_with_a_queue()

        self.cloud.start_compute('compute1')

        self.assertEqual(['cancelled'] * 5, [
            self._status(m) for m in resumable + [to_down, unclaimed]])
        for server in servers:
            fresh = objects.Instance.get_by_uuid(self.ctxt, server.uuid)
            self.assertIsNone(fresh.task_state)
            self.assertEqual('compute1', fresh.host)

    def _events(self, server_id):
        names = []
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.ctxt, server_id):
            names += [e.event for e in
                      objects.InstanceActionEventList.get_by_action(
                          self.ctxt, action.id)]
        return names
