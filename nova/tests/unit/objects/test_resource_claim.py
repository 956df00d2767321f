"""The claim retry policy: lost races and deadlocks are retried, spread out.

The database functions are replaced by ones that lose a given number of
races first; ``time.sleep`` is recorded instead of slept, which shows the
pauses grow and are jittered without any timing in the test.
"""

import types
from unittest import mock

import ddt
import fixtures
from oslo_db import exception as db_exc

from nova import context
from nova.db.main import services as services_db
from nova import exception
from nova import objects
from nova.objects import resource_claim
from nova import test
from nova.tests import fixtures as nova_fixtures


def _losing(times, error):
    """A stand-in DB call that raises ``error`` ``times`` times, then works."""
    calls = []

    def call(*args):
        calls.append(args)
        if len(calls) <= times:
            raise error
        return True
    return call, calls


@ddt.ddt
class ClaimRetryTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(nova_fixtures.Database())
        self.ctxt = context.get_admin_context()
        services_db.compute_node_create_or_update(self.ctxt, {
            'host': 'compute1', 'hypervisor_hostname': 'compute1',
            'hypervisor_type': 'fake', 'vcpus': 2, 'memory_mb': 1024,
            'local_gb': 10, 'cpu_allocation_ratio': 1.0,
            'ram_allocation_ratio': 1.0, 'disk_allocation_ratio': 1.0})
        self.sleeps = []
        # Only oslo.db's retry loop sees this clock.
        self.useFixture(fixtures.MonkeyPatch(
            'oslo_db.api.time', types.SimpleNamespace(
                sleep=self.sleeps.append)))

    def _claim(self):
        return objects.ResourceClaim.claim(
            self.ctxt, 'c' * 32, 'compute1', 'compute1', {'VCPU': 1})

    @ddt.data(exception.ClaimConflict(host='compute1'),
              db_exc.DBDeadlock())
    def test_lost_races_are_retried_with_growing_jittered_pauses(self, error):
        call, calls = _losing(4, error)
        with mock.patch.object(resource_claim.db, 'allocation_claim', call):
            self._claim()
        self.assertEqual(5, len(calls))
        self.assertEqual(4, len(self.sleeps))
        for attempt, pause in enumerate(self.sleeps):
            ceiling = resource_claim._CAS_RETRY_INTERVAL * 2 ** attempt
            self.assertGreaterEqual(pause, 0)
            self.assertLessEqual(pause, ceiling)

    def test_pauses_are_capped(self):
        call, calls = _losing(resource_claim._CAS_RETRIES,
                              exception.ClaimConflict(host='compute1'))
        with mock.patch.object(resource_claim.db, 'allocation_claim', call):
            self._claim()
        self.assertLessEqual(max(self.sleeps),
                             resource_claim._CAS_MAX_RETRY_INTERVAL)

    def test_gives_up_after_the_retry_budget(self):
        call, calls = _losing(1000, exception.ClaimConflict(host='compute1'))
        with mock.patch.object(resource_claim.db, 'allocation_claim', call):
            self.assertRaises(exception.ClaimConflict, self._claim)
        self.assertEqual(resource_claim._CAS_RETRIES + 1, len(calls))

    def test_insufficient_resources_is_not_retried(self):
        call, calls = _losing(1, exception.InsufficientResources(
            host='compute1', consumer='c' * 32, reason='full'))
        with mock.patch.object(resource_claim.db, 'allocation_claim', call):
            self.assertRaises(exception.InsufficientResources, self._claim)
        self.assertEqual(1, len(calls))
        self.assertEqual([], self.sleeps)
