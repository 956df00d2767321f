"""The simulating driver's guest actions and their failure injection."""

import types

import ddt

from nova.compute import power_state
from nova import exception
from nova import test
from nova.tests.fixtures import driver_hooks
from nova.virt import fake
from nova.virt import fake_guest

UUID = '0e2d7b3c-5a1f-4c8e-9d6b-2f4a8c1e7b90'


def _instance(memory_mb=512):
    return types.SimpleNamespace(uuid=UUID, memory_mb=memory_mb, vcpus=1,
                                 root_gb=1, ephemeral_gb=0,
                                 image_ref='img')


@ddt.ddt
class GuestActionsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(driver_hooks.DriverHooks())
        self.driver = fake.FakeDriver(None, host='compute1')
        self.driver.init_host('compute1')
        self.instance = _instance()
        self.driver.spawn(None, self.instance)

    @ddt.data(('pause', (), power_state.PAUSED),
              ('suspend', (None,), power_state.SUSPENDED),
              ('power_off', (), power_state.SHUTDOWN))
    @ddt.unpack
    def test_power_changes_and_console(self, method, args, state):
        getattr(self.driver, method)(*args, self.instance)
        self.assertEqual(state, self.driver.get_info(self.instance))
        self.assertEqual(len(fake_guest.BOOT_LOG) + 1, len(
            self.driver.get_console_output(None, self.instance).splitlines()))

    def test_injected_failure_changes_nothing_once(self):
        self.driver.hooks.fail_at(fake_guest.PAUSE,
                                  exception.NovaException('no'))
        self.assertRaises(exception.NovaException, self.driver.pause,
                          self.instance)
        self.assertEqual(power_state.RUNNING,
                         self.driver.get_info(self.instance))
        self.driver.pause(self.instance)
        self.assertEqual(power_state.PAUSED,
                         self.driver.get_info(self.instance))

    def test_unknown_guest(self):
        other = _instance()
        other.uuid = '11111111-1111-4111-8111-111111111111'
        self.assertRaises(exception.InstanceNotFound, self.driver.pause,
                          other)

    def test_resize_keeps_source_until_confirm(self):
        dest = fake.FakeDriver(None, host='compute2')
        self.driver.migrate_disk_and_power_off(None, self.instance,
                                               'compute2', None)
        self.assertEqual(power_state.SHUTDOWN,
                         self.driver.get_info(self.instance))
        bigger = _instance(memory_mb=2048)
        migration = types.SimpleNamespace(migration_type='resize')
        dest.finish_migration(None, migration, bigger, None, power_on=True)
        self.assertEqual(2048, dest.get_available_resource(
            'compute2')['memory_mb_used'])
        self.driver.confirm_migration(None, migration, self.instance)
        self.assertEqual([], self.driver.list_instance_uuids())

    def test_revert_powers_the_kept_guest_as_it_was(self):
        self.driver.migrate_disk_and_power_off(None, self.instance,
                                               'compute2', None)
        self.driver.finish_revert_migration(None, self.instance,
                                            power_on=False)
        self.assertEqual(power_state.SHUTDOWN,
                         self.driver.get_info(self.instance))

    def test_console_keeps_the_last_lines(self):
        for _i in range(fake_guest.CONSOLE_LOG_LINES + 5):
            self.driver.reboot(None, self.instance)
        lines = self.driver.get_console_output(
            None, self.instance).splitlines()
        self.assertEqual(fake_guest.CONSOLE_LOG_LINES, len(lines))
        self.assertTrue(lines[-1].startswith('Guest rebooted'))
