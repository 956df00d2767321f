"""Resize and cold migration, on the source and destination computes.

The conductor has created the migration (``pre-migrating``) and claimed
the new flavor on the destination for the migration as consumer.  Then:

1. source ``resize_instance``: power off, keep the guest, ``migrating`` ->
   ``post-migrating``; cast ``finish_resize`` to the destination.
2. destination ``finish_resize``: run the guest with the new flavor, swap
   the claims (the instance takes the destination claim, the migration the
   source's), the instance moves there: VERIFY_RESIZE, ``finished``.
3. confirm (source ``confirm_resize``): drop the kept guest, release the
   migration's source claim; ``confirmed``.
   revert (destination ``revert_resize``, then source
   ``finish_revert_resize``): drop the new guest and its claim, give the
   source claim back to the instance, power the kept guest on as it was;
   ``reverted``.

A driver failure before the destination runs the guest rolls everything
back: the destination claim is released, the source guest powered back
as it was, the migration ends ``error`` and the server is back to its
vm_state with no task and a fault.
"""

import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from nova.compute import api as compute_api
from nova.compute import instance_states
from nova.compute import migration_states
from nova.compute import power_state
from nova.compute import server_actions
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova import exception
from nova import objects
from nova.objects import base

LOG = logging.getLogger(__name__)

Status = migration_states.MigrationStatus


def action_of(migration):
    """The instance action (and table row) of a cold move."""
    return 'resize' if migration.migration_type == 'resize' else 'migrate'


def set_flavor(instance, flavor):
    """Run with ``flavor``: the copy carried and the sizes counted."""
    instance.flavor = flavor
    instance.instance_type_id = flavor.id
    instance.vcpus = flavor.vcpus
    instance.memory_mb = flavor.memory_mb
    instance.root_gb = flavor.root_gb
    instance.ephemeral_gb = flavor.ephemeral_gb


def clear_resize_flavors(instance):
    """Confirmed or reverted: only the flavor it runs with remains."""
    instance.old_flavor = None
    instance.new_flavor = None


def old_flavor(context, instance, migration):
    """The flavor a revert goes back to: the copy the instance carries.

    The flavor itself may have been deleted since; only an instance
    resized before it carried flavors reads the flavor row.
    """
    if instance.old_flavor is not None:
        return instance.old_flavor
    return objects.Flavor.get_by_id(context, migration.old_instance_type_id)


def set_status(migration, status):
    migration.status = Status(status).value
    migration.save()


class ResizeManager(object):
    """One compute's part in resizes and cold migrations."""

    def __init__(self, host, driver, compute_rpcapi):
        self.host = host
        self.driver = driver
        self.compute_rpcapi = compute_rpcapi

    def _event(self, context, name, instance):
        return compute_utils.EventReporter(context, 'compute_' + name,
                                           instance.uuid, host=self.host)

    def _notify(self, context, instance, name, phase, exc=None):
        server_actions.notify(context, instance, self.host, name, phase,
                              exc)

    def _power(self, instance):
        try:
            return self.driver.get_info(instance)
        except exception.InstanceNotFound:
            return None

    # Source: step 1.

    def resize_instance(self, context, instance, migration, flavor):
        action = action_of(migration)
        power_on = instance.vm_state != 'stopped'
        with self._event(context, 'resize_instance', instance):
            self._notify(context, instance, 'resize', 'start')
            try:
                set_status(migration, Status.MIGRATING)
                instance_states.advance(instance, action,
                                        task_states.RESIZE_MIGRATING)
                self.driver.migrate_disk_and_power_off(
                    context, instance, migration.dest_compute, flavor)
                instance_states.advance(instance, action,
                                        task_states.RESIZE_MIGRATED)
                set_status(migration, Status.POST_MIGRATING)
            except Exception as exc:
                self._notify(context, instance, 'resize', 'error', exc)
                self.fail_on_source(context, instance, migration, exc,
                                    power_on)
                raise
            self._notify(context, instance, 'resize', 'end')
        self.compute_rpcapi.finish_resize(context, instance, migration,
                                          flavor, power_on)

    def fail_on_source(self, context, instance, migration, exc, power_on):
        """Undo a move that never ran on the destination."""
        compute_utils.record_fault(context, instance.uuid, exc,
                                   host=self.host)
        objects.ResourceClaim.release(context, migration.uuid)
        try:
            self.driver.finish_revert_migration(context, instance,
                                                power_on=power_on)
        except exception.InstanceNotFound:
            LOG.info('No guest of %s left to power back', instance.uuid)
        try:
            instance_states.rollback(instance, action_of(migration),
                                     power=self._power(instance))
        except (exception.InstanceNotFound, exception.Conflict) as err:
            LOG.info('%s changed during the failed move: %s',
                     instance.uuid, err)
        migration.status = Status.ERROR.value
        try:
            migration.save()
        except exception.InvalidMigrationTransition:
            LOG.info('Migration %s already ended', migration.uuid)

    # Destination: step 2.

    def finish_resize(self, context, instance, migration, flavor,
                      power_on):
        action = action_of(migration)
        with self._event(context, 'finish_resize', instance):
            self._notify(context, instance, 'resize_finish', 'start')
            try:
                instance_states.advance(instance, action,
                                        task_states.RESIZE_FINISH)
                instance.old_flavor = instance.flavor
                instance.new_flavor = flavor
                set_flavor(instance, flavor)
                self.driver.finish_migration(context, migration, instance,
                                             None, power_on=power_on)
            except Exception as exc:
                self._notify(context, instance, 'resize_finish', 'error',
                             exc)
                self.driver.destroy(context, instance)
                instance.refresh()
                self.compute_rpcapi.abort_resize_on_source(
                    context, instance, migration, power_on)
                raise
            swap_claims_for_verify(context, instance, migration)
            # The migration first: once the server shows VERIFY_RESIZE it
            # can be confirmed or reverted.
            set_status(migration, Status.FINISHED)
            instance_states.finish(instance, action,
                                   power=self._power(instance),
                                   host=self.host,
                                   node=migration.dest_node)
            self._notify(context, instance, 'resize_finish', 'end')

    def abort_resize_on_source(self, context, instance, migration,
                               power_on):
        """The destination failed: take the kept guest back."""
        with self._event(context, 'abort_resize', instance):
            self.fail_on_source(
                context, instance, migration,
                exception.MigrationError(reason='destination %s could not '
                                         'run the guest'
                                         % migration.dest_compute),
                power_on)

    # Confirm (source).

    def confirm_resize(self, context, instance, migration):
        with self._event(context, 'confirm_resize', instance):
            self._notify(context, instance, 'resize_confirm', 'start')
            self.driver.confirm_migration(context, migration, instance)
            objects.ResourceClaim.release(context, migration.uuid)
            set_status(migration, Status.CONFIRMED)
            clear_resize_flavors(instance)
            try:
                instance_states.finish(instance, 'confirmResize')
            except (exception.InstanceNotFound, exception.Conflict) as exc:
                # Confirmed on the way to a delete.
                LOG.info('Confirmed %s without a state change: %s',
                         instance.uuid, exc)
            self._notify(context, instance, 'resize_confirm', 'end')

    def confirm_expired(self, context, window):
        """Confirm ``finished`` moves to this host older than ``window``.

        Goes through the compute API's confirm, so the migration's
        compare-and-swap decides against a user's confirm or revert.
        """
        cutoff = timeutils.utcnow() - datetime.timedelta(seconds=window)
        api = compute_api.API()
        for migration in objects.MigrationList.get_by_filters(
                context, {'dest_compute': self.host, 'status': 'finished'}):
            if base.naive_utc(migration.updated_at) > cutoff:
                continue
            try:
                instance = objects.Instance.get_by_uuid(
                    context, migration.instance_uuid)
                api.confirm_resize(context, instance, migration)
            except (exception.NotFound, exception.Conflict) as exc:
                LOG.info('Not confirming migration %s: %s',
                         migration.uuid, exc)
                continue
            LOG.info('Confirmed migration %s after resize_confirm_window',
                     migration.uuid)

    # Revert (destination, then source).

    def revert_resize(self, context, instance, migration):
        with self._event(context, 'revert_resize', instance):
            self._notify(context, instance, 'resize_revert', 'start')
            power_on = instance.power_state == power_state.RUNNING
            self.driver.destroy(context, instance)
            objects.ResourceClaim.release(context, instance.uuid,
                                          host=self.host,
                                          nodename=migration.dest_node)
        self.compute_rpcapi.finish_revert_resize(context, instance,
                                                 migration, power_on)

    def finish_revert_resize(self, context, instance, migration, power_on):
        with self._event(context, 'finish_revert_resize', instance):
            objects.ResourceClaim.move(context, migration.uuid,
                                       instance.uuid, self.host,
                                       migration.source_node)
            set_flavor(instance, old_flavor(context, instance, migration))
            clear_resize_flavors(instance)
            self.driver.finish_revert_migration(context, instance,
                                                power_on=power_on)
            set_status(migration, Status.REVERTED)
            instance_states.finish(instance, 'revertResize',
                                   power=self._power(instance),
                                   host=self.host,
                                   node=migration.source_node)
            self._notify(context, instance, 'resize_revert', 'end')


def swap_claims_for_verify(context, instance, migration):
    """The instance takes the new claim; the migration keeps the old one.

    Until confirm or revert the source keeps the old flavor's resources
    (held by the migration) and the destination holds the new flavor's
    (held by the instance), as Placement does.
    """
    objects.ResourceClaim.move(context, instance.uuid, migration.uuid,
                               migration.source_compute,
                               migration.source_node)
    objects.ResourceClaim.move(context, migration.uuid, instance.uuid,
                               migration.dest_compute, migration.dest_node)
