"""The test hooks of the simulating driver, in and across processes."""

import threading
import types

import fixtures

from nova import test
from nova.tests.fixtures import driver_hooks
from nova.virt import fake

INSTANCE = types.SimpleNamespace(uuid='6a1a3c8e-1f1c-4d8e-9e0c-3c5b5f0b9a11')


class DriverHooksFixtureTest(test.TestCase):

    def test_drivers_outside_the_fixture_have_no_hooks(self):
        driver = fake.FakeDriver(virtapi=None, host='compute1')
        self.assertIs(fake.NO_HOOKS, driver.hooks)
        self.assertIsNone(driver.hooks.reach(fake.PRE_LIVE_MIGRATION,
                                             INSTANCE))

    def test_each_driver_gets_its_own_hooks(self):
        self.useFixture(driver_hooks.DriverHooks())
        one = fake.FakeDriver(virtapi=None, host='compute1')
        two = fake.FakeDriver(virtapi=None, host='compute2')
        self.assertIsInstance(one.hooks, driver_hooks.MigrationHooks)
        self.assertIsNot(one.hooks, two.hooks)


class FileGatesTest(test.TestCase):
    """The gate a test in another process closes and opens."""

    def setUp(self):
        super().setUp()
        directory = self.useFixture(fixtures.TempDir()).path
        self.test_side = driver_hooks.FileGates(directory)
        self.driver_side = driver_hooks.FileGates(directory)
        self.addCleanup(self.test_side.open, fake.POST_AT_DESTINATION)

    def _reach_in_thread(self):
        done = threading.Event()

        def reach():
            self.driver_side.reach(fake.POST_AT_DESTINATION, INSTANCE)
            done.set()
        threading.Thread(target=reach, daemon=True).start()
        return done

    def test_an_open_gate_passes(self):
        self.assertIsNone(self.driver_side.reach(fake.POST_AT_DESTINATION,
                                                 INSTANCE))

    def test_a_closed_gate_holds_until_opened(self):
        self.test_side.close(fake.POST_AT_DESTINATION)
        done = self._reach_in_thread()
        # The held side tells who is held before it waits.
        self.assertEqual(INSTANCE.uuid, self.test_side.wait_reached(
            fake.POST_AT_DESTINATION, 10))
        self.assertFalse(done.is_set())
        self.test_side.open(fake.POST_AT_DESTINATION)
        self.assertTrue(done.wait(10))

    def test_closing_again_forgets_who_was_held(self):
        self.test_side.close(fake.POST_AT_DESTINATION)
        first = self._reach_in_thread()
        self.test_side.wait_reached(fake.POST_AT_DESTINATION, 10)
        self.test_side.close(fake.POST_AT_DESTINATION)
        # Closing again released the first one.
        self.assertTrue(first.wait(10))
        self.assertRaises(driver_hooks.GateTimeout,
                          self.test_side.wait_reached,
                          fake.POST_AT_DESTINATION, 0)

    def test_unknown_point_is_refused(self):
        self.assertRaises(ValueError, self.test_side.close, 'nowhere')
