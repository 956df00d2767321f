"""The compute manager: the RPC endpoint of one nova-compute host.

Methods here stay short: they decorate (exception notifications,
instance-action events and instance faults, ``nova.compute.utils``) and
delegate.  The source side of
live migration lives in ``nova.compute.live_migration`` and its queue in
``nova.compute.live_migration_queue``.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils

from nova.compute import live_migration
from nova.compute import live_migration_dest
from nova.compute import live_migration_queue_ops
from nova.compute import live_migration_repair
from nova.compute import power_state
from nova.compute import resize
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import server_actions
from nova.compute import shelve
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova.compute import vm_states
import nova.conf
from nova import exception
from nova import manager
from nova import objects
from nova.objects import service as service_obj
from nova.virt import driver as virt_driver

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class ComputeManager(manager.Manager):
    """Owns the instances of one host and the driver that runs them."""

    target = messaging.Target(version='5.4')
    service_name = 'compute'

    def __init__(self, host=None, compute_driver=None):
        super().__init__(host=host, service_name='compute')
        self._emulate_service_version(CONF.compute.emulate_service_version)
        self.driver = virt_driver.load_compute_driver(
            None, compute_driver or CONF.compute_driver, host=self.host)
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self.live_migrations = live_migration.LiveMigrationSource(
            self.host, self.driver, self.compute_rpcapi)
        self.incoming = live_migration_dest.LiveMigrationDestination(
            self.host, self.driver, self.compute_rpcapi)
        self.actions = server_actions.ServerActions(self.host, self.driver)
        self.shelving = shelve.ShelveManager(self.host, self.driver,
                                             self.actions)
        self.moves = resize.ResizeManager(self.host, self.driver,
                                          self.compute_rpcapi)
        self.queue_ops = live_migration_queue_ops.LiveMigrationQueueOps(
            self.live_migrations)

    def _emulate_service_version(self, version):
        """Act as an older compute (``[compute] emulate_service_version``).

        Upgrade tests only: the service reports ``version`` and the RPC
        server accepts only the compute RPC version of that release.
        """
        if version is None:
            return
        history = service_obj.SERVICE_VERSION_HISTORY
        if version >= len(history):
            raise exception.ConfigError(
                reason='[compute] emulate_service_version %d is newer than '
                       'this code (%d)' % (version, len(history) - 1))
        self.service_version = version
        self.target = messaging.Target(
            version=history[version]['compute_rpc'])
        LOG.warning('Emulating service version %d (compute RPC %s): for '
                    'upgrade testing only', version, self.target.version)

    @property
    def _waiting_live_migrations(self):
        """instance uuid -> (migration, future) of queued live migrations.

        A read-only view of the queue (the spec's name for it).
        """
        return self.live_migrations.queue.waiting

    # Lifecycle.

    def init_host(self, service_ref=None):
        """Register the host and repair what a kill left (never waits)."""
        self.driver.init_host(self.host)
        self._service_ref = service_ref
        self.update_available_resource()
        live_migration_repair.LiveMigrationRepair(
            self.live_migrations, self.incoming).run(self._admin_context())

    def _server_action_periodics(self):
        """Soft-delete reclaim, shelved offload, resize auto-confirm."""
        tasks = []
        if CONF.reclaim_instance_interval > 0:
            tasks.append((self.reclaim_queued_deletes,
                          CONF.reclaim_instance_interval))
        if CONF.shelved_offload_time > 0:
            tasks.append((self.offload_shelved_instances,
                          CONF.shelved_offload_time))
        if CONF.resize_confirm_window > 0:
            tasks.append((self.confirm_expired_resizes,
                          CONF.resize_confirm_window))
        return tasks

    def confirm_expired_resizes(self, context=None):
        """Confirm moves to this host left unconfirmed past the window."""
        self.moves.confirm_expired(context or self._admin_context(),
                                   CONF.resize_confirm_window)

    def offload_shelved_instances(self, context=None):
        """Offload servers shelved longer than shelved_offload_time."""
        self.shelving.offload_expired(
            context or self._admin_context(), CONF.shelved_offload_time,
            self.shelving.shelve_offload)

    def reclaim_queued_deletes(self, context=None):
        """Delete for good the soft-deleted servers past the interval."""
        self.actions.reclaim_queued_deletes(
            context or self._admin_context(), CONF.reclaim_instance_interval,
            self.terminate_instance)

    def expire_queued_live_migrations(self, context=None):
        """Cancel what waited past ``live_migration_queue_timeout``."""
        return self.queue_ops.expire(context or self._admin_context())

    def cleanup_host(self):
        """End every live migration (bounded), then stop the driver."""
        self.live_migrations.shutdown(
            self._admin_context(), CONF.live_migration_shutdown_timeout)
        self.driver.cleanup_host(self.host)

    def periodic_tasks(self):
        """What this host cleans up on its own, also between restarts."""
        tasks = [(self.expire_queued_live_migrations,
                  CONF.compute.live_migration_queue_check_interval)]
        tasks.extend(self._server_action_periodics())
        interval = CONF.live_migration_cleanup_interval
        if interval:
            tasks.append((self.incoming.forget_abandoned, interval))
        return tasks

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

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    def build_and_run_instance(self, context, instance, node):
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
        # The fault is stored before ERROR (not by wrap_instance_fault,
        # after it), so whoever sees ERROR also sees why.
        compute_utils.record_fault(context, instance.uuid, exc,
                                   host=self.host)
        objects.ResourceClaim.release(context, instance.uuid)
        try:
            instance.vm_state = vm_states.ERROR
            instance.task_state = None
            instance.save()
        except exception.InstanceNotFound:
            pass

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def terminate_instance(self, context, instance):
        if not self.live_migrations.end_for_delete(
                context, instance, CONF.long_rpc_timeout):
            LOG.warning('Live migration of %s still busy; deleting anyway',
                        instance.uuid)
        self.driver.destroy(context, instance)
        objects.ResourceClaim.release(context, instance.uuid)
        try:
            instance.destroy()
        except exception.InstanceNotFound:
            pass

    # Server actions (see nova.compute.server_actions).

    @compute_utils.wrap_exception
    def pause_instance(self, context, instance):
        self.actions.pause(context, instance)

    @compute_utils.wrap_exception
    def unpause_instance(self, context, instance):
        self.actions.unpause(context, instance)

    @compute_utils.wrap_exception
    def suspend_instance(self, context, instance):
        self.actions.suspend(context, instance)

    @compute_utils.wrap_exception
    def resume_instance(self, context, instance):
        self.actions.resume(context, instance)

    @compute_utils.wrap_exception
    def stop_instance(self, context, instance, clean_shutdown=True):
        self.actions.stop(context, instance, clean_shutdown)

    @compute_utils.wrap_exception
    def start_instance(self, context, instance):
        self.actions.start(context, instance)

    @compute_utils.wrap_exception
    def reboot_instance(self, context, instance, reboot_type):
        self.actions.reboot(context, instance, reboot_type)

    @compute_utils.wrap_exception
    def rebuild_instance(self, context, instance, image_ref, admin_password,
                         preserve_ephemeral=False):
        self.actions.rebuild(context, instance, image_ref, admin_password,
                             preserve_ephemeral)

    @compute_utils.wrap_exception
    def set_admin_password(self, context, instance, new_pass):
        self.actions.set_admin_password(context, instance, new_pass)

    @compute_utils.wrap_exception
    def snapshot_instance(self, context, instance, image_id, action):
        self.actions.snapshot(context, instance, image_id, action)

    @compute_utils.wrap_exception
    def soft_delete_instance(self, context, instance):
        self.actions.soft_delete(context, instance)

    @compute_utils.wrap_exception
    def restore_instance(self, context, instance):
        self.actions.restore(context, instance)

    @compute_utils.wrap_exception
    def shelve_instance(self, context, instance, image_id,
                        clean_shutdown=True):
        self.shelving.shelve(context, instance, image_id,
                             CONF.shelved_offload_time)

    @compute_utils.wrap_exception
    def shelve_offload_instance(self, context, instance,
                                clean_shutdown=True):
        self.shelving.shelve_offload(context, instance)

    @compute_utils.wrap_exception
    def unshelve_instance(self, context, instance, node=None):
        self.shelving.unshelve(context, instance, node)

    @messaging.expected_exceptions(NotImplementedError)
    def get_host_uptime(self, context):
        """The hypervisor host's ``uptime`` line (RPC 5.4)."""
        return self.driver.get_host_uptime()

    @messaging.expected_exceptions(exception.ConsoleNotAvailable)
    def get_console_output(self, context, instance, tail_length=None):
        return self.actions.get_console_output(context, instance,
                                               tail_length)

    @compute_utils.wrap_exception
    def inject_network_info(self, context, instance):
        self.actions.inject_network_info(context, instance)

    # Resize and cold migration (see nova.compute.resize).

    @compute_utils.wrap_exception
    def resize_instance(self, context, instance, migration, flavor):
        self.moves.resize_instance(context, instance, migration, flavor)

    @compute_utils.wrap_exception
    def finish_resize(self, context, instance, migration, flavor,
                      power_on):
        self.moves.finish_resize(context, instance, migration, flavor,
                                 power_on)

    @compute_utils.wrap_exception
    def abort_resize_on_source(self, context, instance, migration,
                               power_on):
        self.moves.abort_resize_on_source(context, instance, migration,
                                          power_on)

    @compute_utils.wrap_exception
    def confirm_resize(self, context, instance, migration):
        self.moves.confirm_resize(context, instance, migration)

    @compute_utils.wrap_exception
    def revert_resize(self, context, instance, migration):
        self.moves.revert_resize(context, instance, migration)

    @compute_utils.wrap_exception
    def finish_revert_resize(self, context, instance, migration, power_on):
        self.moves.finish_revert_resize(context, instance, migration,
                                        power_on)

    # Live migration, source side (see nova.compute.live_migration).

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def live_migration(self, context, instance, dest, block_migration,
                       migration, migrate_data=None):
        """Queue the migration; the event ends when it is queued."""
        self.live_migrations.enqueue(context, instance, dest,
                                     block_migration, migration,
                                     migrate_data)

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def live_migration_abort(self, context, instance, migration_id=None,
                             migration=None):
        if migration is None:
            migration = objects.Migration.get_by_id(context, migration_id)
        self.live_migrations.abort(context, instance, migration)

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def live_migration_force_complete(self, context, instance, migration):
        self.live_migrations.force_complete(context, instance)

    # The live-migration queue as an operator resource (RPC 5.2).

    def get_live_migration_queue(self, context):
        return self.queue_ops.describe(context)

    def drain_live_migration_queue(self, context, include_running=False):
        return self.queue_ops.drain(context, include_running)

    def move_queued_live_migration(self, context, migration, position):
        return self.queue_ops.move(context, migration, position)

    # Live migration, destination side and pre-checks.

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def check_can_live_migrate_destination(self, context, instance,
                                           block_migration):
        return self.incoming.check_can_live_migrate_destination(
            context, instance, block_migration)

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def check_can_live_migrate_source(self, context, instance,
                                      dest_check_data):
        return self.incoming.check_can_live_migrate_source(
            context, instance, dest_check_data)

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def pre_live_migration(self, context, instance, block_migration,
                           migrate_data):
        return self.incoming.pre_live_migration(context, instance,
                                                block_migration,
                                                migrate_data)

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def post_live_migration_at_destination(self, context, instance,
                                           block_migration, migration):
        self.incoming.post_live_migration_at_destination(
            context, instance, block_migration, migration)

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def rollback_live_migration_at_destination(self, context, instance,
                                               migrate_data=None):
        self.incoming.rollback_live_migration_at_destination(
            context, instance, migrate_data)
