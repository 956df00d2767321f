"""What the simulating driver does to a guest besides live-migrating it.

Power actions change the guest's power state, and every one of them writes
a line to the guest's console log (``get_console_output``).  Resize and
cold migration really move the guest between two drivers: the source
powers it off and keeps it until the migration is confirmed or reverted,
the destination runs it with the new size.

Each action first reaches its hook point (the action's name, see
``ACTION_POINTS``) on the driver's ``hooks``, so a test can hold it at a
gate or make it fail once::

    driver.hooks.fail_at(fake_guest.PAUSE,
                         exception.HypervisorUnavailable(host='compute1'))

This module is mixed into ``nova.virt.fake.FakeDriver``; it uses the
driver's ``_lock``, ``_instances`` and ``hooks``.
"""

import dataclasses

from nova.compute import power_state
from nova import exception
from nova.virt import driver

# Hook points of guest actions, named after the driver methods.
SPAWN = 'spawn'
PAUSE = 'pause'
UNPAUSE = 'unpause'
SUSPEND = 'suspend'
RESUME = 'resume'
POWER_OFF = 'power_off'
POWER_ON = 'power_on'
REBOOT = 'reboot'
REBUILD = 'rebuild'
SET_ADMIN_PASSWORD = 'set_admin_password'
SNAPSHOT = 'snapshot'
MIGRATE_DISK_AND_POWER_OFF = 'migrate_disk_and_power_off'
FINISH_MIGRATION = 'finish_migration'
FINISH_REVERT_MIGRATION = 'finish_revert_migration'
ACTION_POINTS = (SPAWN, PAUSE, UNPAUSE, SUSPEND, RESUME, POWER_OFF,
                 POWER_ON, REBOOT, REBUILD, SET_ADMIN_PASSWORD, SNAPSHOT,
                 MIGRATE_DISK_AND_POWER_OFF, FINISH_MIGRATION,
                 FINISH_REVERT_MIGRATION)

#: Lines a console log keeps (oldest dropped first).
CONSOLE_LOG_LINES = 1000

#: What a simulated guest prints while it boots, one console line each.
BOOT_LOG = (
    'Simulated firmware: booting from the root disk',
    'Loading the kernel of image %(image)s',
    'Root filesystem: %(root_gb)d GiB; ephemeral disk: %(ephemeral_gb)d GiB',
    'Starting %(vcpus)d vCPU(s) with %(memory_mb)d MiB of memory',
    'Guest booted from image %(image)s; login:',
)


@dataclasses.dataclass
class Guest:
    """One simulated guest: its size, power state and console."""

    uuid: str
    power_state: int
    memory_mb: int
    vcpus: int
    root_gb: int
    ephemeral_gb: int
    console: list = dataclasses.field(default_factory=list)
    admin_password: str = None
    network_info: object = None
    # On the source of a resize or cold migration until confirm or revert.
    migrating_away: bool = False

    @classmethod
    def from_instance(cls, instance, state=power_state.RUNNING):
        memory_mb, vcpus, root_gb, ephemeral_gb = driver.instance_size(
            instance)
        return cls(instance.uuid, state, memory_mb, vcpus, root_gb,
                   ephemeral_gb)

    def log_boot(self, image):
        values = dict(vars(self), image=image)
        for line in BOOT_LOG:
            self.log(line % values)

    def log(self, message):
        self.console.append(message)
        del self.console[:-CONSOLE_LOG_LINES]

    def set_power(self, state, message):
        self.power_state = state
        self.log(message)


class GuestActionsMixin:
    """Power, console, password, snapshot, resize and cold migration."""

    def _guest(self, instance):
        """The guest of ``instance``; InstanceNotFound if it runs elsewhere.

        Call with ``self._lock`` held.
        """
        guest = self._instances.get(instance.uuid)
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return guest

    def _act(self, point, instance, state, message):
        """Reach the hook point, then set the power state and log it."""
        self.hooks.reach(point, instance)
        with self._lock:
            self._guest(instance).set_power(state, message)

    # Power.

    def pause(self, instance):
        self._act(PAUSE, instance, power_state.PAUSED, 'Guest paused')

    def unpause(self, instance):
        self._act(UNPAUSE, instance, power_state.RUNNING, 'Guest unpaused')

    def suspend(self, context, instance):
        self._act(SUSPEND, instance, power_state.SUSPENDED,
                  'Guest suspended to disk')

    def resume(self, context, instance, network_info=None,
               block_device_info=None):
        self._act(RESUME, instance, power_state.RUNNING, 'Guest resumed')

    def power_off(self, instance, timeout=0, retry_interval=0):
        self._act(POWER_OFF, instance, power_state.SHUTDOWN,
                  'Guest powered off')

    def power_on(self, context, instance, network_info=None,
                 block_device_info=None):
        self._act(POWER_ON, instance, power_state.RUNNING,
                  'Guest powered on; login:')

    def reboot(self, context, instance, network_info=None,
               reboot_type='SOFT', block_device_info=None,
               bad_volumes_callback=None):
        self._act(REBOOT, instance, power_state.RUNNING,
                  'Guest rebooted (%s); login:' % reboot_type)

    def rebuild(self, context, instance, image_ref, power_on=True):
        """Re-create the guest's disk from ``image_ref``, same size."""
        self.hooks.reach(REBUILD, instance)
        state = power_state.RUNNING if power_on else power_state.SHUTDOWN
        with self._lock:
            guest = self._guest(instance)
            guest.set_power(state, 'Guest rebuilt from image %s' % image_ref)

    # Console, password, network.

    def get_console_output(self, context, instance):
        with self._lock:
            return '\n'.join(self._guest(instance).console) + '\n'

    def set_admin_password(self, instance, new_pass):
        self.hooks.reach(SET_ADMIN_PASSWORD, instance)
        with self._lock:
            guest = self._guest(instance)
            guest.admin_password = new_pass
            guest.log('Administrator password changed')

    def admin_password_of(self, instance_uuid):
        """For tests: the password the guest was last given."""
        with self._lock:
            return self._instances[instance_uuid].admin_password

    def inject_network_info(self, instance, nw_info):
        with self._lock:
            guest = self._guest(instance)
            guest.network_info = nw_info
            guest.log('Network information injected')

    # Images.

    def snapshot(self, context, instance, image_id):
        """Copy the guest's disk into image ``image_id``; its size, bytes."""
        self.hooks.reach(SNAPSHOT, instance)
        with self._lock:
            guest = self._guest(instance)
            guest.log('Disk snapshot to image %s' % image_id)
            return guest.root_gb * driver.GIB

    # Resize and cold migration.

    def migrate_disk_and_power_off(self, context, instance, dest, flavor,
                                   network_info=None,
                                   block_device_info=None, timeout=0,
                                   retry_interval=0):
        """Source: power off and keep the guest until confirm or revert."""
        self.hooks.reach(MIGRATE_DISK_AND_POWER_OFF, instance)
        with self._lock:
            guest = self._guest(instance)
            guest.migrating_away = True
            guest.set_power(power_state.SHUTDOWN,
                            'Guest powered off to move to %s' % dest)
        return {'disk': 'fake'}

    def finish_migration(self, context, migration, instance, disk_info,
                         network_info=None, image_meta=None,
                         resize_instance=True, allocations=None,
                         block_device_info=None, power_on=True):
        """Destination: run the guest with the instance's (new) size."""
        self.hooks.reach(FINISH_MIGRATION, instance)
        state = power_state.RUNNING if power_on else power_state.SHUTDOWN
        guest = Guest.from_instance(instance, state)
        guest.log('Guest arrived by %s' % migration.migration_type)
        with self._lock:
            self._instances[instance.uuid] = guest

    def confirm_migration(self, context, migration, instance,
                          network_info=None):
        """Source: the move is confirmed; drop the kept guest."""
        with self._lock:
            self._instances.pop(instance.uuid, None)

    def finish_revert_migration(self, context, instance, network_info=None,
                                migration=None, block_device_info=None,
                                power_on=True):
        """Source: take the kept guest back, with its old size."""
        self.hooks.reach(FINISH_REVERT_MIGRATION, instance)
        state = power_state.RUNNING if power_on else power_state.SHUTDOWN
        with self._lock:
            guest = self._guest(instance)
            guest.migrating_away = False
            guest.set_power(state, 'Resize reverted')
