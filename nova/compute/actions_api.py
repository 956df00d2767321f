"""The REST layer's side of server actions: checks, state, action, RPC.

Every action follows one path: refuse a locked server (non-admins), a
server never launched, or one whose state the table
(``nova.compute.instance_states``) does not allow; move it into the
action's task_state with compare-and-swap; record the instance action;
cast to the server's compute.  A live migration in progress holds
``task_state=migrating``, so every action but delete is refused with 409
while it is queued, preparing or running.
"""

from oslo_log import log as logging
from oslo_utils import uuidutils

from nova.compute import instance_states
from nova.compute import vm_states
import nova.conf
from nova import exception
from nova import notifications
from nova import objects
from nova import quota

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

HARD = 'HARD'


def check_instance_lock(context, instance):
    """A locked instance may only be changed by an admin."""
    if instance.locked and not context.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=instance.uuid)


def check_launched(instance, action):
    if instance.launched_at is None:
        raise exception.InstanceInvalidState(
            attr='vm_state', instance_uuid=instance.uuid,
            state='never launched', method=action)


class ServerActionsAPI(object):
    """Mixed into ``nova.compute.api.API`` (needs ``compute_rpcapi``)."""

    def _begin(self, context, instance, action, record=None):
        """The common preconditions, the state change and the record."""
        check_instance_lock(context, instance)
        check_launched(instance, action)
        self.compute_rpcapi.check_server_actions(instance.host)
        instance_states.begin(instance, action)
        objects.InstanceAction.action_start(context, instance.uuid,
                                            record or action)

    def pause(self, context, instance):
        self._begin(context, instance, 'pause')
        self.compute_rpcapi.pause_instance(context, instance)

    def unpause(self, context, instance):
        self._begin(context, instance, 'unpause')
        self.compute_rpcapi.unpause_instance(context, instance)

    def suspend(self, context, instance):
        self._begin(context, instance, 'suspend')
        self.compute_rpcapi.suspend_instance(context, instance)

    def resume(self, context, instance):
        self._begin(context, instance, 'resume')
        self.compute_rpcapi.resume_instance(context, instance)

    def stop(self, context, instance, clean_shutdown=True):
        self._begin(context, instance, 'stop')
        self.compute_rpcapi.stop_instance(context, instance,
                                          clean_shutdown=clean_shutdown)

    def start(self, context, instance):
        self._begin(context, instance, 'start')
        self.compute_rpcapi.start_instance(context, instance)

    def reboot(self, context, instance, reboot_type):
        action = 'reboot_hard' if reboot_type == HARD else 'reboot'
        self._begin(context, instance, action, record='reboot')
        self.compute_rpcapi.reboot_instance(context, instance, reboot_type)

    def rebuild(self, context, instance, image_ref, admin_password,
                name=None, preserve_ephemeral=False, description=None):
        check_instance_lock(context, instance)
        check_launched(instance, 'rebuild')
        instance_states.check_can_start(instance, 'rebuild')
        self.compute_rpcapi.check_server_actions(instance.host)
        instance.image_ref = image_ref
        if name is not None:
            instance.display_name = name
        if description is not None and 'description' in instance.fields:
            instance.description = description
        instance_states.begin(instance, 'rebuild')
        objects.InstanceAction.action_start(context, instance.uuid,
                                            'rebuild')
        self.compute_rpcapi.rebuild_instance(
            context, instance, image_ref, admin_password,
            preserve_ephemeral=preserve_ephemeral)

    def set_admin_password(self, context, instance, password):
        self._begin(context, instance, 'changePassword')
        self.compute_rpcapi.set_admin_password(context, instance, password)

    def snapshot(self, context, instance, name, backup_type=None,
                 rotation=None):
        """Start an image of the server; the image, ``SAVING`` for now.

        A backup (``backup_type`` given) drops the oldest backups of the
        same type beyond ``rotation`` once it is recorded.
        """
        action = 'createImage' if backup_type is None else 'createBackup'
        self._begin(context, instance, action)
        image = self._new_image(
            context, instance, name,
            'snapshot' if backup_type is None else 'backup', backup_type)
        if backup_type is not None:
            objects.Image.rotate_backups(context, instance.uuid,
                                         backup_type, rotation)
        self.compute_rpcapi.snapshot_instance(context, instance, image.id,
                                              action)
        return image

    @staticmethod
    def _new_image(context, instance, name, image_type, backup_type=None):
        """An image of the server, ``SAVING`` until its compute fills it."""
        image = objects.Image(
            context, id=uuidutils.generate_uuid(), name=name,
            status='SAVING', min_disk=instance.root_gb, min_ram=0, size=0,
            owner=instance.project_id, instance_uuid=instance.uuid,
            image_type=image_type, backup_type=backup_type)
        image.create()
        return image

    # Lock, reset, network, console: no task of their own.

    def lock(self, context, instance):
        instance.locked = True
        instance.locked_by = 'admin' if context.is_admin else 'owner'
        instance.save()
        objects.InstanceAction.action_start(context, instance.uuid, 'lock')
        notifications.notify_about_instance_action(
            context, instance, CONF.host, 'lock', None)

    def unlock(self, context, instance):
        instance.locked = False
        instance.locked_by = None
        instance.save()
        objects.InstanceAction.action_start(context, instance.uuid,
                                            'unlock')
        notifications.notify_about_instance_action(
            context, instance, CONF.host, 'unlock', None)

    def reset_state(self, context, instance, vm_state):
        instance_states.reset(instance, vm_state)

    def inject_network_info(self, context, instance):
        self._check_on_a_host(instance, 'injectNetworkInfo')
        self.compute_rpcapi.inject_network_info(context, instance)

    def get_console_output(self, context, instance, tail_length=None):
        self._check_on_a_host(instance, 'get_console_output')
        return self.compute_rpcapi.get_console_output(context, instance,
                                                      tail_length)

    @staticmethod
    def _check_on_a_host(instance, action):
        if not instance.host:
            raise exception.InstanceInvalidState(
                attr='vm_state', instance_uuid=instance.uuid,
                state=instance.vm_state, method=action)

    # Resize and cold migration (nova.compute.resize).

    def resize(self, context, instance, flavor):
        """Move to ``flavor`` on another host; 400s come before any write."""
        if flavor.id == instance.instance_type_id:
            raise exception.CannotResizeToSameFlavor()
        if flavor.root_gb < instance.root_gb:
            raise exception.CannotResizeDisk(
                reason='the new flavor has a smaller root disk')
        # A server in the wrong state is a 409 before any quota talk.
        check_instance_lock(context, instance)
        instance_states.check_can_start(instance, 'resize')
        quota.check_resize(context, instance, flavor)
        self._move(context, instance, 'resize', flavor)

    def migrate(self, context, instance, host_name=None):
        """Cold-migrate to ``host_name`` or where the scheduler says."""
        if host_name is not None and not len(
                objects.ComputeNodeList.get_all(context, host=host_name)):
            raise exception.ComputeHostNotFound(host=host_name)
        # The flavor it carries: its row may be gone.
        flavor = instance.flavor or objects.Flavor.get_by_id(
            context, instance.instance_type_id)
        self._move(context, instance, 'migrate', flavor, host_name)

    def _move(self, context, instance, action, flavor, host_name=None):
        self.conductor.check_migrate_server()
        self._begin(context, instance, action)
        self.conductor.migrate_server(context, instance, flavor,
                                      host=host_name)

    def confirm_resize(self, context, instance, migration=None):
        """VERIFY_RESIZE -> the source drops the old guest and claim."""
        check_instance_lock(context, instance)
        instance_states.check_can_start(instance, 'confirmResize')
        self.compute_rpcapi.check_server_actions(instance.host)
        migration = migration or self._finished_migration(context, instance)
        self._take_migration(migration, 'confirming')
        objects.InstanceAction.action_start(context, instance.uuid,
                                            'confirmResize')
        self.compute_rpcapi.confirm_resize(context, instance, migration)

    def revert_resize(self, context, instance):
        """VERIFY_RESIZE -> back on the source with the old flavor."""
        check_instance_lock(context, instance)
        instance_states.check_can_start(instance, 'revertResize')
        self.compute_rpcapi.check_server_actions(instance.host)
        migration = self._finished_migration(context, instance)
        self._take_migration(migration, 'reverting')
        instance_states.begin(instance, 'revertResize')
        objects.InstanceAction.action_start(context, instance.uuid,
                                            'revertResize')
        self.compute_rpcapi.revert_resize(context, instance, migration)

    @staticmethod
    def _finished_migration(context, instance):
        for migration in objects.MigrationList.get_by_filters(
                context, {'instance_uuid': instance.uuid,
                          'status': 'finished'}, sort_newest=True):
            if migration.migration_type in ('resize', 'migration'):
                return migration
        raise exception.MigrationNotFoundByStatus(
            instance_id=instance.uuid, status='finished')

    @staticmethod
    def _take_migration(migration, status):
        """``finished`` -> ``status``; of two racing requests one wins."""
        migration.status = status
        try:
            migration.save()
        except exception.InvalidMigrationTransition as exc:
            raise exception.InstanceInvalidState(
                attr='migration status', instance_uuid=migration.instance_uuid,
                state=exc.kwargs.get('current'), method=status)

    # Shelve (nova.compute.shelve).

    def shelve(self, context, instance, clean_shutdown=True):
        self._begin(context, instance, 'shelve')
        image = self._new_image(context, instance,
                                '%s-shelved' % instance.display_name,
                                'shelved')
        self.compute_rpcapi.shelve_instance(context, instance, image.id,
                                            clean_shutdown=clean_shutdown)

    def shelve_offload(self, context, instance, clean_shutdown=True):
        self._begin(context, instance, 'shelveOffload')
        self.compute_rpcapi.shelve_offload_instance(
            context, instance, clean_shutdown=clean_shutdown)

    def unshelve(self, context, instance):
        offloaded = instance.vm_state == vm_states.SHELVED_OFFLOADED
        if offloaded:
            self.conductor.check_migrate_server()
        self._begin(context, instance, 'unshelve')
        if offloaded:
            self.conductor.unshelve_instance(context, instance)
        else:
            self.compute_rpcapi.unshelve_instance(context, instance,
                                                  instance.host)

    @staticmethod
    def delete_shelved_image(context, instance):
        """Deleting a shelved server deletes its shelved image too."""
        image = objects.Image.get_shelved(context, instance.uuid)
        if image is not None:
            objects.Image.destroy(context, image.id)

    # Soft delete.

    def restore(self, context, instance):
        self._begin(context, instance, 'restore')
        self.compute_rpcapi.restore_instance(context, instance)
