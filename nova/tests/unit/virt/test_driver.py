"""The driver interface: what must be overridden and how drivers load."""

import inspect
import types

import ddt

from nova import exception
from nova import test
from nova.virt import driver
from nova.virt import fake

MUST_OVERRIDE = (
    'init_host', 'get_available_resource', 'get_available_nodes',
    'list_instance_uuids', 'get_info', 'spawn', 'destroy',
    'check_can_live_migrate_destination', 'check_can_live_migrate_source',
    'pre_live_migration', 'live_migration', 'live_migration_abort',
    'live_migration_force_complete', 'post_live_migration_at_source',
    'post_live_migration_at_destination',
    'rollback_live_migration_at_destination',
)
OPTIONAL = (
    'cleanup_host', 'cleanup', 'cleanup_live_migration_destination_check',
    'post_live_migration',
)


def call_with_nones(method):
    """Call ``method`` with ``None`` for every required argument."""
    required = [p for p in inspect.signature(method).parameters.values()
                if p.default is inspect.Parameter.empty]
    return method(*[None] * len(required))


@ddt.ddt
class ComputeDriverTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.driver = driver.ComputeDriver(virtapi='virtapi', host='cmp-01')

    def test_init_keeps_virtapi_and_host(self):
        self.assertEqual('virtapi', self.driver.virtapi)
        self.assertEqual('cmp-01', self.driver.host)

    @ddt.data(*MUST_OVERRIDE)
    def test_essential_method_raises_not_implemented(self, name):
        self.assertRaises(NotImplementedError,
                          call_with_nones, getattr(self.driver, name))

    @ddt.data(*OPTIONAL)
    def test_optional_method_does_nothing(self, name):
        self.assertIsNone(call_with_nones(getattr(self.driver, name)))

    def test_fake_driver_overrides_every_essential_method(self):
        for name in MUST_OVERRIDE:
            self.assertIsNot(getattr(driver.ComputeDriver, name),
                             getattr(fake.FakeDriver, name), name)


class InstanceSizeTestCase(test.TestCase):

    def test_reads_instance_fields(self):
        instance = types.SimpleNamespace(memory_mb=512, vcpus=2, root_gb=10,
                                         ephemeral_gb=5)
        self.assertEqual((512, 2, 10, 5), driver.instance_size(instance))

    def test_falls_back_to_flavor_then_zero(self):
        flavor = types.SimpleNamespace(memory_mb=2048, vcpus=4, root_gb=20)
        instance = types.SimpleNamespace(memory_mb=None, flavor=flavor)
        self.assertEqual((2048, 4, 20, 0), driver.instance_size(instance))


class LoadComputeDriverTestCase(test.TestCase):

    def test_default_option_loads_fake_driver_for_host(self):
        loaded = driver.load_compute_driver('virtapi', host='cmp-02')
        self.assertIsInstance(loaded, fake.FakeDriver)
        self.assertEqual('cmp-02', loaded.host)
        self.assertEqual('virtapi', loaded.virtapi)

    def test_each_call_builds_a_separate_driver(self):
        first = driver.load_compute_driver(None, host='a')
        second = driver.load_compute_driver(None, host='b')
        self.assertIsNot(first, second)

    def test_explicit_name_wins_over_option(self):
        self.flags(compute_driver='nosuch.Driver')
        loaded = driver.load_compute_driver(None, 'fake.FakeDriver')
        self.assertIsInstance(loaded, fake.FakeDriver)

    def test_unknown_module_is_a_config_error(self):
        self.flags(compute_driver='nosuch.Driver')
        self.assertRaises(exception.ConfigError,
                          driver.load_compute_driver, None)

    def test_unknown_class_is_a_config_error(self):
        self.assertRaises(exception.ConfigError,
                          driver.load_compute_driver, None, 'fake.NoSuch')

    def test_class_that_is_not_a_driver_is_a_config_error(self):
        self.assertRaises(exception.ConfigError,
                          driver.load_compute_driver, None, 'fake.Gate')

    def test_empty_option_is_a_config_error(self):
        self.flags(compute_driver='')
        self.assertRaises(exception.ConfigError,
                          driver.load_compute_driver, None)
