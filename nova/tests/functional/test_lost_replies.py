"""A live migration whose RPC answers get lost still ends consistently.

The source waits on the destination twice (``pre_live_migration`` and
``post_live_migration_at_destination``).  A lost answer (a broker restart,
a killed destination) reaches the source as a timeout; the migration must
then end as what really happened: ``completed`` on the destination if the
destination had already taken the instance over, otherwise reverted on
the source with the destination's guest removed.
"""

import fixtures
import oslo_messaging as messaging

from nova.compute import rpcapi as compute_rpcapi
from nova.tests.functional import test_live_migration
from nova.virt import fake

TINY = test_live_migration.TINY


class LostPostReplyTest(test_live_migration.LiveMigrationTestBase):

    def _lose_answers_to_post(self):
        """The destination does its post; its answer never arrives."""
        real = compute_rpcapi.ComputeAPI.post_live_migration_at_destination

        def answered_then_lost(rpcapi, *args, **kwargs):
            real(rpcapi, *args, **kwargs)
            raise messaging.MessagingTimeout('the answer was lost')
        self.useFixture(fixtures.MonkeyPatch(
            'nova.compute.rpcapi.ComputeAPI.'
            'post_live_migration_at_destination', answered_then_lost))

    def test_completes_when_the_destination_took_the_instance(self):
        server_id = self.boot('compute1')
        before = self.usages()
        self._lose_answers_to_post()

        migration = self.start_migration(server_id, host='compute2')
        migration = self.wait_status(migration.id, *test_live_migration.FINAL)

        self.assertEqual('completed', migration.status)
        self.wait_settled(server_id)
        self.assert_on_host(server_id, 'compute2')
        self.assertIn(server_id,
                      self.driver('compute2').list_instance_uuids())
        self.assertEqual(
            {'compute1': test_live_migration._add(before['compute1'],
                                                  _negate(TINY)),
             'compute2': test_live_migration._add(before['compute2'], TINY),
             'compute3': before['compute3']},
            self.usages())

    def test_reverts_when_the_answer_is_lost_before_the_switch(self):
        """Source timed out first: the destination's late post gives up."""
        self.flags(long_rpc_timeout=1)
        server_id = self.boot('compute1')
        before = self.usages()
        gate = self.driver('compute2').hooks.gate(fake.POST_AT_DESTINATION,
                                                  server_id)
        migration = self.start_migration(server_id, host='compute2')
        gate.wait_started()
        migration = self.wait_status(migration.id, *test_live_migration.FINAL)
        self.assertEqual('error', migration.status)

        gate.release()
        self.wait_nothing_incoming('compute2')
        self.wait_for(lambda: server_id not in
                      self.driver('compute2').list_instance_uuids())
        self.wait_settled(server_id)
        self.assert_on_host(server_id, 'compute1')
        self.assertEqual(before, self.usages())


def _negate(usage):
    return {rc: -amount for rc, amount in usage.items()}
