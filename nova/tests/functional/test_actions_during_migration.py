"""Server actions meeting a live migration, over HTTP.

While a live migration is queued, preparing or running, the server's task
is ``migrating``: every action but delete is refused with 409 and changes
nothing.  Delete ends the migration first (the source compute cancels the
queue entry, or has the worker abort and roll back both hosts) and then
deletes: no guest, no claim and no queue entry is left on either host,
and the migration is final.  Races are driven with the driver's gates.
"""

import ddt

from nova.compute import power_state
from nova import objects
from nova.tests.functional import test_abort_queued
from nova.tests.functional import test_live_migration
from nova.virt import fake

REFUSED_ACTIONS = (
    ('pause', None), ('suspend', None), ('os-stop', None),
    ('reboot', {'type': 'HARD'}), ('changePassword', {'adminPass': 'x'}),
    ('createImage', {'name': 'snap'}),
    ('rebuild', {'imageRef': test_live_migration.IMAGE}),
)


@ddt.ddt
class ActionsDuringLiveMigrationTest(test_abort_queued.AbortQueuedTestBase):

    def act(self, server_id, name, members=None):
        return self.api.post('/servers/%s/action' % server_id,
                             body={name: members}, microversion='2.65')

    def delete_server(self, server_id):
        resp = self.api.delete('/servers/%s' % server_id)
        self.assertEqual(204, resp.status_code, resp.text)

    def assert_gone_everywhere(self, server_id, migration):
        """Deleted, migration final, nothing held or kept on any host."""
        self.wait_status(migration.id, 'cancelled', 'error', 'failed')
        self.wait_for(lambda: self._deleted(server_id),
                      message='server %s never deleted' % server_id)
        # The destination forgets its preparation on a cast of its own,
        # whose instance-action event wakes this wait.
        self.wait_for(lambda: not self._kept_anywhere(server_id),
                      message='%s left on a host' % server_id)
        self.assertEqual({}, objects_held(self, server_id, migration))

    def _kept_anywhere(self, server_id):
        return [host for host in self.compute_hosts
                if server_id in self.driver(host).list_instance_uuids()
                or server_id in self.driver(host).list_incoming_uuids()
                or server_id in self.compute(host).live_migrations.queue]

    def _deleted(self, server_id):
        resp = self.api.get('/servers/%s' % server_id)
        return resp.status_code == 404

    @ddt.data(*REFUSED_ACTIONS)
    @ddt.unpack
    def test_actions_on_a_queued_migration_are_409(self, action, members):
        runner, waiting, _before = self.fill_queue(queued=1)
        server_id, migration = waiting[0]
        held = self.usages()
        resp = self.act(server_id, action, members)
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertIn('task_state migrating',
                      resp.json()['conflictingRequest']['message'])
        self.assert_unchanged(server_id, migration, held)
        self.assertNotIn(action, self.actions_of(server_id))
        self.abort(server_id, migration.id)
        self.assert_cancelled_on_source(server_id, migration.id)
        self.finish(runner)

    def test_actions_on_a_running_migration_are_409(self):
        server_id = self.boot('compute1')
        migration = self.start_migration(server_id, host='compute2',
                                         status='running')
        for action, members in REFUSED_ACTIONS:
            resp = self.act(server_id, action, members)
            self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual('running', self.migration(migration.id).status)
        self.finish((server_id, migration))
        self.assert_on_host(server_id, 'compute2')

    def test_delete_cancels_a_queued_migration(self):
        runner, waiting, before = self.fill_queue(queued=2)
        server_id, migration = waiting[0]
        self.delete_server(server_id)
        self.assert_gone_everywhere(server_id, migration)
        self.assertEqual('cancelled', self.migration(migration.id).status)
        # The other queued migration and the running one are untouched.
        self.assertEqual('queued', self.migration(waiting[1][1].id).status)
        self.assertEqual('running', self.migration(runner[1].id).status)
        other_id, other = waiting[1]
        self.abort(other_id, other.id)
        self.assert_cancelled_on_source(other_id, other.id)
        self.finish(runner)
        # Left: the server whose migration was aborted, on compute1.
        self.assertEqual({'compute1': test_live_migration.TINY,
                          'compute2': {}, 'compute3': {}},
                         self.without(runner[0]))

    def test_delete_while_preparing_rolls_back_the_destination(self):
        server_id = self.boot('compute1')
        gate = self.driver('compute2').hooks.gate(fake.PRE_LIVE_MIGRATION,
                                                  server_id)
        migration = self.start_migration(server_id, host='compute2')
        gate.wait_started()
        self.wait_status(migration.id, 'preparing')
        self.delete_server(server_id)
        gate.release()
        self.assert_gone_everywhere(server_id, migration)
        self.assertEqual('cancelled', self.migration(migration.id).status)
        self.assertEqual({'compute1': {}, 'compute2': {}, 'compute3': {}},
                         self.usages())

    def test_delete_aborts_a_running_migration(self):
        server_id = self.boot('compute1')
        migration = self.start_migration(server_id, host='compute2',
                                         status='running')
        self.assertEqual(
            {'compute1': test_live_migration.TINY,
             'compute2': test_live_migration.TINY, 'compute3': {}},
            self.usages())
        self.delete_server(server_id)
        self.assert_gone_everywhere(server_id, migration)
        self.assertEqual('cancelled', self.migration(migration.id).status)
        self.assertEqual({'compute1': {}, 'compute2': {}, 'compute3': {}},
                         self.usages())

    def without(self, server_id):
        """Usages once ``server_id`` is deleted too."""
        self.delete_server(server_id)
        self.wait_for(lambda: self._deleted(server_id))
        return self.usages()


class PausedLiveMigrationTest(test_live_migration.LiveMigrationTestBase):

    def test_paused_server_migrates_and_stays_paused(self):
        server_id = self.boot('compute1')
        resp = self.api.post('/servers/%s/action' % server_id,
                             body={'pause': None})
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_for(lambda: self.instance(server_id).vm_state == 'paused'
                      and self.instance(server_id).task_state is None)

        migration = self.start_migration(server_id, host='compute2')
        self.assertEqual('MIGRATING', self.server(server_id)['status'])
        self.wait_status(migration.id, 'completed')
        instance = self.wait_settled(server_id)
        self.assertEqual(('compute2', 'paused', power_state.PAUSED),
                         (instance.host, instance.vm_state,
                          instance.power_state))
        self.assertEqual('PAUSED', self.server(server_id)['status'])
        self.assertEqual(power_state.PAUSED,
                         self.driver('compute2').get_info(instance))
        self.assertEqual({'compute1': {}, 'compute2':
                          test_live_migration.TINY, 'compute3': {}},
                         self.usages())
        # And it can be unpaused where it landed.
        resp = self.api.post('/servers/%s/action' % server_id,
                             body={'unpause': None})
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_for(lambda: self.instance(server_id).vm_state == 'active'
                      and self.instance(server_id).task_state is None)
        self.assertEqual(power_state.RUNNING,
                         self.driver('compute2').get_info(instance))

    def test_stopped_server_cannot_live_migrate(self):
        server_id = self.boot('compute1')
        self.api.post('/servers/%s/action' % server_id,
                      body={'os-stop': None})
        self.wait_for(lambda: self.instance(server_id).vm_state ==
                      'stopped' and self.instance(server_id).task_state
                      is None)
        resp = self.live_migrate(server_id, 'compute2')
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertIn('vm_state stopped', resp.text)
        self.assertEqual([], self.migrations_of(server_id))


def objects_held(test, server_id, migration):
    """What the server and its migration still hold, per consumer."""
    held = {}
    for consumer in (server_id, migration.uuid):
        amounts = objects.ResourceClaim.held_by(test.ctxt, consumer)
        if amounts:
            held[consumer] = amounts
    return held
