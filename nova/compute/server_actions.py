"""Compute side of the server actions other than moves.

The API has already moved the server into the action's first task_state
(``instance_states.begin``).  Here the driver does the work; success ends
the action with the row's vm_state and the power state the driver reports,
a failure records a fault and rolls the server back to where it was, with
no task.  Either way the instance-action event and the start/end (or
error) notifications are recorded, as Nova does.
"""

import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from nova.compute import instance_states
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova.compute import vm_states
from nova import exception
from nova import notifications
from nova import objects
from nova.objects import base

LOG = logging.getLogger(__name__)

# action -> (instance-action event, notification name or None)
EVENTS = {
    'pause': ('compute_pause_instance', 'pause'),
    'unpause': ('compute_unpause_instance', 'unpause'),
    'suspend': ('compute_suspend_instance', 'suspend'),
    'resume': ('compute_resume_instance', 'resume'),
    'stop': ('compute_stop_instance', 'power_off'),
    'start': ('compute_start_instance', 'power_on'),
    'reboot': ('compute_reboot_instance', 'reboot'),
    'reboot_hard': ('compute_reboot_instance', 'reboot'),
    'rebuild': ('compute_rebuild_instance', 'rebuild'),
    'changePassword': ('compute_set_admin_password', None),
    'createImage': ('compute_snapshot_instance', 'snapshot'),
    'createBackup': ('compute_backup_instance', 'snapshot'),
    'soft-delete': ('compute_soft_delete_instance', 'soft_delete'),
    'restore': ('compute_restore_instance', 'restore'),
    'shelve': ('compute_shelve_instance', 'shelve'),
    'shelveOffload': ('compute_shelve_offload_instance', 'shelve_offload'),
    'unshelve': ('compute_unshelve_instance', 'unshelve'),
}


def notify(context, instance, host, name, phase, exc=None):
    """``compute.instance.<name>.<phase>`` and ``instance.<name>.<phase>``."""
    if name is None:
        return
    notifications.notify_about_instance_usage(
        context, instance, '%s.%s' % (name, phase), host)
    notifications.notify_about_instance_action(
        context, instance, host, name, phase, exception=exc)


class ServerActions(object):
    """Runs one host's server actions through its driver."""

    def __init__(self, host, driver):
        self.host = host
        self.driver = driver

    def run(self, context, instance, action, call, **changes):
        """Do ``call()`` as ``action``; finish or roll back the server.

        ``changes`` are instance fields written when the action finishes.
        """
        event, name = EVENTS[action]
        with compute_utils.EventReporter(context, event, instance.uuid,
                                         host=self.host):
            notify(context, instance, self.host, name, 'start')
            try:
                call()
            except Exception as exc:
                LOG.warning('%s of %s failed: %s', action, instance.uuid,
                            exc)
                compute_utils.record_fault(context, instance.uuid, exc,
                                           host=self.host)
                self._settle(instance, instance_states.rollback, action)
                notify(context, instance, self.host, name, 'error', exc)
                raise
            self._settle(instance, instance_states.finish, action,
                         **changes)
            notify(context, instance, self.host, name, 'end')

    def _settle(self, instance, step, action, **changes):
        """Write the end of the action unless the server changed under it.

        A delete (or an admin's reset) that came in meanwhile wins: the
        compare-and-swap fails and the server is left as they made it.
        """
        try:
            step(instance, action, power=self.power_state(instance),
                 **changes)
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError) as exc:
            LOG.info('%s of %s not recorded: %s', action, instance.uuid,
                     exc)

    def power_state(self, instance):
        try:
            return self.driver.get_info(instance)
        except exception.InstanceNotFound:
            return None

    # The actions, by RPC method.

    def pause(self, context, instance):
        self.run(context, instance, 'pause',
                 lambda: self.driver.pause(instance))

    def unpause(self, context, instance):
        self.run(context, instance, 'unpause',
                 lambda: self.driver.unpause(instance))

    def suspend(self, context, instance):
        self.run(context, instance, 'suspend',
                 lambda: self.driver.suspend(context, instance))

    def resume(self, context, instance):
        self.run(context, instance, 'resume',
                 lambda: self.driver.resume(context, instance))

    def stop(self, context, instance, clean_shutdown=True):
        timeout = 60 if clean_shutdown else 0
        self.run(context, instance, 'stop',
                 lambda: self.driver.power_off(instance, timeout=timeout))

    def start(self, context, instance):
        self.run(context, instance, 'start',
                 lambda: self.driver.power_on(context, instance))

    def reboot(self, context, instance, reboot_type):
        action = 'reboot_hard' if reboot_type == 'HARD' else 'reboot'
        self.run(context, instance, action,
                 lambda: self.driver.reboot(context, instance,
                                            reboot_type=reboot_type))

    def rebuild(self, context, instance, image_ref, admin_password,
                preserve_ephemeral=False):
        stopped = instance.vm_state == 'stopped'

        def call():
            instance_states.advance(instance, 'rebuild',
                                    task_states.REBUILD_SPAWNING)
            self.driver.rebuild(context, instance, image_ref,
                                power_on=not stopped)
            if admin_password:
                self.driver.set_admin_password(instance, admin_password)
        self.run(context, instance, 'rebuild', call,
                 launched_at=timeutils.utcnow())

    def set_admin_password(self, context, instance, new_pass):
        self.run(context, instance, 'changePassword',
                 lambda: self.driver.set_admin_password(instance, new_pass))

    def snapshot(self, context, instance, image_id, action):
        """Fill image ``image_id`` (created ``SAVING`` by the API)."""
        def call():
            try:
                instance_states.advance(instance, action,
                                        task_states.IMAGE_UPLOADING)
                size = self.driver.snapshot(context, instance, image_id)
            except Exception:
                objects.Image.set_status(context, image_id, 'ERROR')
                raise
            objects.Image.set_status(context, image_id, 'ACTIVE',
                                     size=size)
        self.run(context, instance, action, call)

    def soft_delete(self, context, instance):
        self.run(context, instance, 'soft-delete',
                 lambda: self.driver.power_off(instance))

    def restore(self, context, instance):
        self.run(context, instance, 'restore',
                 lambda: self.driver.power_on(context, instance))

    def reclaim_queued_deletes(self, context, interval, terminate):
        """``terminate`` this host's servers soft-deleted ``interval`` ago.

        Each one first moves to ``deleting`` with compare-and-swap, so a
        restore or forceDelete racing the reclaim wins or loses cleanly.
        """
        cutoff = timeutils.utcnow() - datetime.timedelta(seconds=interval)
        soft_deleted = objects.InstanceList.get_by_filters(
            context, {'host': self.host, 'vm_state': [vm_states.SOFT_DELETED]})
        for instance in soft_deleted:
            changed = base.naive_utc(instance.updated_at or
                                     instance.created_at)
            if instance.task_state is not None or changed > cutoff:
                continue
            try:
                instance_states.begin(instance, 'delete')
            except (exception.InstanceNotFound, exception.Conflict) as exc:
                LOG.info('Not reclaiming %s: %s', instance.uuid, exc)
                continue
            LOG.info('Reclaiming soft-deleted instance %s', instance.uuid)
            terminate(context, instance)

    def get_console_output(self, context, instance, tail_length=None):
        """The last ``tail_length`` lines of the console (all if None)."""
        try:
            text = self.driver.get_console_output(context, instance)
        except exception.InstanceNotFound:
            raise exception.ConsoleNotAvailable()
        lines = text.splitlines()
        if tail_length is not None:
            lines = lines[-tail_length:] if tail_length else []
        return '\n'.join(lines)

    def inject_network_info(self, context, instance):
        self.driver.inject_network_info(instance, [])
