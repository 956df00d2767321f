"""The interface between a compute manager and its hypervisor.

One driver object serves one compute host: ``nova-all`` runs several
computes in a process, each with its own driver, so a driver keeps no
class-level state.  Instances are handed in as plain objects; a driver
reads what it needs with ``getattr`` (``uuid``, ``memory_mb``, ``vcpus``,
``root_gb``, ``ephemeral_gb``, possibly ``flavor``) and never imports
``nova.objects``.

Live migration callbacks follow Nova's shapes:

* ``post_method(context, instance, dest, block_migration, migrate_data)``
  once the guest runs on the destination;
* ``recover_method(context, instance, dest, migrate_data,
  migration_status=...)`` when the job ended without moving the guest,
  with ``'failed'`` or ``'cancelled'`` (after ``live_migration_abort``);
* ``progress_method(memory_total_bytes, memory_processed_bytes,
  memory_remaining_bytes, disk_total_bytes, disk_processed_bytes,
  disk_remaining_bytes)`` while copying (disk values ``None`` unless it is
  a block migration).
"""

from oslo_log import log as logging
from oslo_utils import importutils

import nova.conf
from nova import exception
from nova.i18n import _

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

MIB = 1024 * 1024
GIB = 1024 * MIB


def instance_size(instance):
    """``(memory_mb, vcpus, root_gb, ephemeral_gb)`` of an instance.

    Reads the instance's own fields first and falls back to its flavor, so
    a bare test object with only some attributes still works.
    """
    flavor = getattr(instance, 'flavor', None)

    def field(name):
        value = getattr(instance, name, None)
        if value is None and flavor is not None:
            value = getattr(flavor, name, None)
        return int(value or 0)

    return (field('memory_mb'), field('vcpus'), field('root_gb'),
            field('ephemeral_gb'))


class ComputeDriver:
    """Base class of every virt driver; subclasses override what they do.

    Methods that must exist for a working compute raise
    ``NotImplementedError`` here; the few whose absence is harmless
    (cleanup hooks) do nothing.
    """

    def __init__(self, virtapi, host=None):
        self.virtapi = virtapi
        self.host = host

    # Service lifecycle

    def init_host(self, host):
        """Prepare the hypervisor when the compute service starts."""
        raise NotImplementedError()

    def cleanup_host(self, host):
        """Release hypervisor resources when the compute service stops."""

    def get_host_uptime(self):
        """The host's ``uptime`` line; optional (the API answers 501)."""
        raise NotImplementedError()

    # Inventory

    def get_available_resource(self, nodename):
        """Capacity and usage of ``nodename`` as a dict.

        Keys: ``vcpus``, ``memory_mb``, ``local_gb``, ``vcpus_used``,
        ``memory_mb_used``, ``local_gb_used``, ``hypervisor_type``,
        ``hypervisor_version``, ``hypervisor_hostname``, ``cpu_info``,
        ``disk_available_least``, ``running_vms``.
        """
        raise NotImplementedError()

    def get_available_nodes(self, refresh=False):
        """Names of the nodes (hypervisors) this driver manages."""
        raise NotImplementedError()

    def list_instance_uuids(self):
        """UUIDs of the guests the hypervisor knows about."""
        raise NotImplementedError()

    def get_info(self, instance):
        """The guest's power state (``nova.compute.power_state``).

        Raises ``InstanceNotFound`` if the hypervisor does not know it.
        """
        raise NotImplementedError()

    # Guest lifecycle

    def spawn(self, context, instance, image_meta=None, injected_files=None,
              admin_password=None, allocations=None, network_info=None,
              block_device_info=None):
        """Create and start a guest for ``instance``."""
        raise NotImplementedError()

    def destroy(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True):
        """Stop and forget the guest; a missing guest is not an error."""
        raise NotImplementedError()

    def cleanup(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True,
                migrate_data=None, destroy_vifs=True):
        """Remove what is left of a guest that no longer runs here."""

    # Power, console, password, images (nova.compute.server_actions)

    def pause(self, instance):
        """Freeze the guest in memory (power state ``PAUSED``)."""
        raise NotImplementedError()

    def unpause(self, instance):
        raise NotImplementedError()

    def suspend(self, context, instance):
        """Save the guest to disk (power state ``SUSPENDED``)."""
        raise NotImplementedError()

    def resume(self, context, instance, network_info=None,
               block_device_info=None):
        raise NotImplementedError()

    def power_off(self, instance, timeout=0, retry_interval=0):
        """Shut the guest down, cleanly within ``timeout`` seconds if > 0."""
        raise NotImplementedError()

    def power_on(self, context, instance, network_info=None,
                 block_device_info=None):
        raise NotImplementedError()

    def reboot(self, context, instance, network_info=None,
               reboot_type='SOFT', block_device_info=None,
               bad_volumes_callback=None):
        """Reboot; ``HARD`` also starts a guest that is off or paused."""
        raise NotImplementedError()

    def rebuild(self, context, instance, image_ref, power_on=True):
        """Re-create the guest's disk from ``image_ref``."""
        raise NotImplementedError()

    def set_admin_password(self, instance, new_pass):
        raise NotImplementedError()

    def get_console_output(self, context, instance):
        """The guest's console log as text."""
        raise NotImplementedError()

    def inject_network_info(self, instance, nw_info):
        """Push network information into the guest; optional."""

    def snapshot(self, context, instance, image_id):
        """Write the guest's disk into image ``image_id``; its size."""
        raise NotImplementedError()

    # Resize and cold migration (nova.compute.resize)

    def migrate_disk_and_power_off(self, context, instance, dest, flavor,
                                   network_info=None,
                                   block_device_info=None, timeout=0,
                                   retry_interval=0):
        """Source: power off and send the disk; keep the guest for revert."""
        raise NotImplementedError()

    def finish_migration(self, context, migration, instance, disk_info,
                         network_info=None, image_meta=None,
                         resize_instance=True, allocations=None,
                         block_device_info=None, power_on=True):
        """Destination: run the guest with the instance's new size."""
        raise NotImplementedError()

    def confirm_migration(self, context, migration, instance,
                          network_info=None):
        """Source: drop the guest kept for a revert."""
        raise NotImplementedError()

    def finish_revert_migration(self, context, instance, network_info=None,
                                migration=None, block_device_info=None,
                                power_on=True):
        """Source: take the kept guest back with its old size."""
        raise NotImplementedError()

    # Live migration: checks (destination, then source)

    def check_can_live_migrate_destination(self, context, instance,
                                           src_host, dst_host,
                                           block_migration=False,
                                           disk_over_commit=False):
        """On the destination: can it take the guest?

        Returns the ``dest_check_data`` handed to the source check; raises
        ``MigrationPreCheckError`` if not.
        """
        raise NotImplementedError()

    def check_can_live_migrate_source(self, context, instance,
                                      dest_check_data,
                                      block_device_info=None):
        """On the source: can the guest leave?  Returns ``migrate_data``."""
        raise NotImplementedError()

    def cleanup_live_migration_destination_check(self, context,
                                                 dest_check_data):
        """On the destination: undo what the destination check set up."""

    # Live migration: the move

    def pre_live_migration(self, context, instance, migrate_data,
                           block_device_info=None, network_info=None,
                           disk_info=None):
        """On the destination: get ready to receive the guest.

        Returns the (possibly updated) ``migrate_data``.
        """
        raise NotImplementedError()

    def live_migration(self, context, instance, dest, post_method,
                       recover_method, block_migration=False,
                       migrate_data=None, progress_method=None):
        """On the source: move the guest, blocking until it is done.

        Ends by calling exactly one of ``post_method`` or
        ``recover_method`` (see the module docstring).
        """
        raise NotImplementedError()

    def live_migration_abort(self, instance):
        """Cancel the running migration of ``instance``.

        The blocked ``live_migration`` call then ends through
        ``recover_method`` with ``'cancelled'``.
        """
        raise NotImplementedError()

    def live_migration_force_complete(self, instance):
        """Make the running migration of ``instance`` finish now."""
        raise NotImplementedError()

    # Live migration: after the move

    def post_live_migration(self, context, instance, block_device_info=None,
                            migrate_data=None):
        """On the source, first step after success (e.g. volume detach)."""

    def post_live_migration_at_source(self, context, instance,
                                      network_info=None):
        """On the source: forget the guest that now runs elsewhere."""
        raise NotImplementedError()

    def post_live_migration_at_destination(self, context, instance,
                                           network_info=None,
                                           block_migration=False,
                                           block_device_info=None):
        """On the destination: adopt the guest that arrived."""
        raise NotImplementedError()

    def rollback_live_migration_at_destination(self, context, instance,
                                               network_info=None,
                                               block_device_info=None,
                                               destroy_disks=True,
                                               migrate_data=None):
        """On the destination: drop whatever a failed migration left."""
        raise NotImplementedError()


def load_compute_driver(virtapi, compute_driver=None, host=None):
    """Build the driver named ``nova.virt.<compute_driver>`` for ``host``.

    ``compute_driver`` defaults to ``[DEFAULT] compute_driver``; a bad name
    raises ``ConfigError`` so the service stops with a clear message.
    """
    compute_driver = compute_driver or CONF.compute_driver
    if not compute_driver:
        raise exception.ConfigError(reason=_('compute_driver is not set'))
    class_path = 'nova.virt.%s' % compute_driver
    LOG.info('Loading compute driver %s', class_path)
    try:
        driver_class = importutils.import_class(class_path)
    except (ImportError, ValueError) as exc:
        raise exception.ConfigError(
            reason=_('cannot load compute driver %(driver)s: %(error)s')
            % {'driver': compute_driver, 'error': exc})
    if not (isinstance(driver_class, type)
            and issubclass(driver_class, ComputeDriver)):
        raise exception.ConfigError(
            reason=_('%s is not a ComputeDriver') % compute_driver)
    return driver_class(virtapi, host=host)
