"""The compute manager: the RPC endpoint of one nova-compute host.

Methods here stay short: they decorate (instance-action events) and
delegate.  The source side of live migration lives in
``nova.compute.live_migration`` and its queue in
``nova.compute.live_migration_queue``.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils

from nova.compute import power_state
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova.compute import vm_states
import nova.conf
from nova import exception
from nova import manager
from nova import objects
from nova.virt import driver as virt_driver

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class ComputeManager(manager.Manager):
    """Owns the instances of one host and the driver that runs them."""

    target = messaging.Target(version='5.0')
    service_name = 'compute'

    def __init__(self, host=None, compute_driver=None):
        super().__init__(host=host, service_name='compute')
        self.driver = virt_driver.load_compute_driver(
            None, compute_driver or CONF.compute_driver, host=self.host)

    # Lifecycle.

    def init_host(self, service_ref=None):
        self.driver.init_host(self.host)
        self._service_ref = service_ref
        self.update_available_resource()

    def cleanup_host(self):
        self.driver.cleanup_host(self.host)

    def update_available_resource(self):
        """Register or refresh this host's nodes from the driver."""
        ctxt = self._admin_context()
        for nodename in self.driver.get_available_nodes():
            resources = self.driver.get_available_resource(nodename)
            objects.ComputeNode.create_or_update(ctxt, {
                'host': self.host, 'hypervisor_hostname': nodename,
                'hypervisor_type': resources.get('hypervisor_type', 'fake'),
                'service_id': getattr(self._service_ref, 'id', None),
                'vcpus': resources['vcpus'],
                'memory_mb': resources['memory_mb'],
                'local_gb': resources['local_gb'],
                'cpu_allocation_ratio': CONF.cpu_allocation_ratio,
                'ram_allocation_ratio': CONF.ram_allocation_ratio,
                'disk_allocation_ratio': CONF.disk_allocation_ratio})

    @staticmethod
    def _admin_context():
        from nova import context as nova_context
        return nova_context.get_admin_context()

    # Build and delete.

    def build_and_run_instance(self, context, instance, node):
        with compute_utils.EventReporter(context,
                                         'compute_build_and_run_instance',
                                         instance.uuid, host=self.host):
            try:
                self._build(context, instance)
            except exception.InstanceNotFound:
                LOG.info('Instance %s deleted during build', instance.uuid)
                objects.ResourceClaim.release(context, instance.uuid)
            except Exception as exc:
                self._build_failed(context, instance, exc)
                raise

    def _build(self, context, instance):
        instance.task_state = task_states.SPAWNING
        instance.save(expected_task_state=[task_states.SCHEDULING])
        self.driver.spawn(context, instance)
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.power_state = power_state.RUNNING
        instance.launched_at = timeutils.utcnow()
        instance.save(expected_task_state=[task_states.SPAWNING])

    def _build_failed(self, context, instance, exc):
        LOG.error('Build of %s failed: %s', instance.uuid, exc)
        compute_utils.record_fault(context, instance.uuid, exc,
                                   host=self.host)
        objects.ResourceClaim.release(context, instance.uuid)
        try:
            instance.vm_state = vm_states.ERROR
            instance.task_state = None
            instance.save()
        except exception.InstanceNotFound:
            pass

    def terminate_instance(self, context, instance):
        with compute_utils.EventReporter(context,
                                         'compute_terminate_instance',
                                         instance.uuid, host=self.host):
            self.driver.destroy(context, instance)
            objects.ResourceClaim.release(context, instance.uuid)
            try:
                instance.destroy()
            except exception.InstanceNotFound:
                pass
