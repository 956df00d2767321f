"""``[compute] emulate_service_version``: a compute acting as an older one."""

from nova.compute import manager
from nova.compute import rpcapi as compute_rpcapi
import nova.conf
from nova.conf import opts
from nova import exception
from nova.objects import service as service_obj
from nova import service
from nova import test


class EmulateServiceVersionTest(test.TestCase):

    def _manager(self, version):
        self.flags(emulate_service_version=version, group='compute')
        return manager.ComputeManager(host='compute1')

    def test_unset_reports_and_serves_the_current_versions(self):
        compute = self._manager(None)
        svc = service.Service('compute1', 'nova-compute', 'compute', compute)
        self.assertEqual(service_obj.SERVICE_VERSION, svc.reported_version())
        self.assertEqual(compute_rpcapi.VERSION, compute.target.version)

    def test_version_1_reports_1_and_serves_rpc_5_0(self):
        compute = self._manager(1)
        svc = service.Service('compute1', 'nova-compute', 'compute', compute)
        self.assertEqual(1, svc.reported_version())
        self.assertEqual('5.0', compute.target.version)
        # Only this instance changed, not every compute of the process.
        self.assertEqual(compute_rpcapi.VERSION,
                         manager.ComputeManager.target.version)

    def test_each_history_entry_maps_to_its_rpc_version(self):
        for version, entry in enumerate(
                service_obj.SERVICE_VERSION_HISTORY):
            self.assertEqual(entry['compute_rpc'],
                             self._manager(version).target.version)

    def test_newer_than_this_code_is_a_config_error(self):
        self.assertRaises(exception.ConfigError, self._manager,
                          len(service_obj.SERVICE_VERSION_HISTORY))

    def test_hidden_from_the_sample_config(self):
        listed = [opt.name for _group, group_opts in opts.list_opts()
                  for opt in group_opts]
        self.assertNotIn('emulate_service_version', listed)
        self.assertIsNone(nova.conf.CONF.compute.emulate_service_version)
