"""Pins of the object and service versions.

A change to an object's fields or remotable methods changes its
fingerprint.  When this test fails, bump the object's VERSION (and note
the change in its version history comment) before updating the hash here:
a conductor and computes of different versions exchange these objects.
"""

from oslo_versionedobjects import fixture as ovo_fixture

from nova import objects
from nova.objects import base
from nova.objects import service
from nova import test

OBJECT_VERSIONS = {
    'Aggregate': '1.0-92a0f294a78996db8989a94d722e210d',
    'AggregateList': '1.0-f21c30303a62979fc64bb6f9559686af',
    'ComputeNode': '1.0-3b56b7e7554f441b5bde0678eb8fe021',
    'ComputeNodeList': '1.0-4d7772da63342b5bd3aacb0ddced9bcd',
    'Flavor': '1.2-608838b2d6a9d692b177f9c16e1377cf',
    'FlavorList': '1.1-1714d452388cbccab23ac45df5b3c2b3',
    'Image': '1.0-fd8475d3b866eea0c7aaf080251bdb85',
    'Instance': '1.2-9eae078fa86c0b05a18052f85cd8e270',
    'InstanceAction': '1.1-c0f5bc48348362bf83771b2393ba3c59',
    'InstanceActionEvent': '1.0-f02aade5b6920a505828396b47e4499e',
    'InstanceActionEventList': '1.0-13d92fb953030cdbfee56481756e02be',
    'InstanceActionList': '1.2-363109b1c6080186b99d55f06c278492',
    'InstanceFault': '1.0-09d5bf9a93dc90abcd0e66630152529d',
    'InstanceFaultList': '1.0-2f9135d53fc1013859c865668bb237e6',
    'InstanceList': '1.2-b4e28bd0703469696512ed86f092989e',
    'KeyPair': '1.0-d165635e8e5e5abc9c6fe7b3f529252a',
    'KeyPairList': '1.0-1a9267caa6736133ff30725972d53884',
    'Migration': '1.3-821964f0789c8d226f2b636c04a50c9d',
    'MigrationList': '1.1-7c1c9e2f8b500466a182b37f91d98429',
    'ResourceClaim': '1.0-76b855cd393605e8c2c2d4e2c5e20cab',
    'Service': '1.0-35d66b4f292c6ce55af2aff827274b9e',
    'ServiceList': '1.0-394be122371c58cf8bd71010fe409502',
}


class ObjectVersionTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()

    def test_versions(self):
        checker = ovo_fixture.ObjectVersionChecker(
            base.NovaObjectRegistry.obj_classes())
        expected, actual = checker.test_hashes(OBJECT_VERSIONS)
        self.assertEqual(expected, actual,
                         'Objects changed: bump their VERSION and update '
                         'OBJECT_VERSIONS')

    def test_newest_version_is_exposed(self):
        for name, pinned in OBJECT_VERSIONS.items():
            cls = getattr(objects, name)
            self.assertEqual(pinned.split('-')[0], cls.VERSION, name)


class ServiceVersionTestCase(test.TestCase):
    """The API's abort gate and ``upgrade_levels = auto`` read these."""

    def test_service_version(self):
        self.assertEqual(5, service.SERVICE_VERSION)
        self.assertEqual(6, len(service.SERVICE_VERSION_HISTORY))
        self.assertEqual(service.SERVICE_VERSION + 1,
                         len(service.SERVICE_VERSION_HISTORY))

    def test_history_maps_to_compute_rpc(self):
        self.assertEqual(['5.0', '5.0', '5.1', '5.2', '5.3', '5.4'], [
            service.compute_rpc_for_service_version(v) for v in range(6)])
        self.assertEqual('5.4', service.compute_rpc_for_service_version(99))
