"""The destination side of live migration (and the source pre-check).

The manager's entry points record the instance-action events and faults.
"""

from oslo_log import log as logging

from nova.compute import live_migration_notify as lm_notify
from nova.compute import migration_states
from nova.compute import power_state
from nova.compute import task_states
from nova import exception
from nova import objects

LOG = logging.getLogger(__name__)


class LiveMigrationDestination(object):
    """What a compute does when it receives (or checks) a migration."""

    def __init__(self, host, driver, compute_rpcapi):
        self.host = host
        self.driver = driver
        self.compute_rpcapi = compute_rpcapi

    def check_can_live_migrate_destination(self, context, instance,
                                           block_migration):
        data = self.driver.check_can_live_migrate_destination(
            context, instance, instance.host, self.host,
            block_migration=block_migration)
        try:
            return self.compute_rpcapi.check_can_live_migrate_source(
                context, instance, data)
        finally:
            self.driver.cleanup_live_migration_destination_check(
                context, data)

    def check_can_live_migrate_source(self, context, instance,
                                      dest_check_data):
        return self.driver.check_can_live_migrate_source(
            context, instance, dest_check_data)

    def pre_live_migration(self, context, instance, block_migration,
                           migrate_data):
        with lm_notify.Notifying(context, instance, self.host, 'pre'):
            return self.driver.pre_live_migration(context, instance,
                                                  migrate_data)

    def post_live_migration_at_destination(self, context, instance,
                                           block_migration, migration):
        """Adopt the guest and make this host the instance's host."""
        with lm_notify.Notifying(context, instance, self.host, 'post_dest'):
            self.driver.post_live_migration_at_destination(
                context, instance, block_migration=block_migration)
            instance.host = self.host
            instance.node = migration.dest_node
            # A paused server arrives paused.
            instance.power_state = (instance.power_state or
                                    power_state.RUNNING)
            instance.task_state = None
            instance.progress = 0
            try:
                instance.save(expected_task_state=[task_states.MIGRATING])
            except (exception.UnexpectedTaskStateError,
                    exception.InstanceNotFound):
                # The source ended the migration meanwhile (it stopped and
                # reverted): the guest must not stay here.
                self.driver.rollback_live_migration_at_destination(
                    context, instance)
                raise

    def rollback_live_migration_at_destination(self, context, instance,
                                               migrate_data):
        if self._lives_here(context, instance):
            LOG.info('Not rolling back the live migration of %s: it '
                     'already runs on this host', instance.uuid)
            return
        with lm_notify.Notifying(context, instance, self.host,
                                 'rollback_dest'):
            self.driver.rollback_live_migration_at_destination(
                context, instance, migrate_data=migrate_data)

    def _lives_here(self, context, instance):
        try:
            current = objects.Instance.get_by_uuid(context, instance.uuid)
        except exception.InstanceNotFound:
            return False
        return current.host == self.host

    def forget_abandoned(self, context):
        """Roll back what was prepared for migrations that have ended.

        The destination owns what it prepared: a source never waits for it
        to clean up, so a guest prepared here whose migration is final
        while the instance lives elsewhere (the source ended it while this
        host was down, or its cast was lost) is rolled back here.
        """
        for instance_uuid in self.driver.list_incoming_uuids():
            try:
                instance = objects.Instance.get_by_uuid(context,
                                                        instance_uuid)
            except exception.InstanceNotFound:
                instance = None
            if instance is not None and \
                    self._still_incoming(context, instance):
                continue
            LOG.info('Forgetting live migration of %s prepared here: it '
                     'ended without moving the instance', instance_uuid)
            self.driver.rollback_live_migration_at_destination(
                context, instance or _Gone(instance_uuid))

    def _still_incoming(self, context, instance):
        if instance.host == self.host:
            return True
        migrations = objects.MigrationList.get_by_filters(context, {
            'instance_uuid': instance.uuid, 'dest_compute': self.host,
            'migration_type': 'live-migration'})
        return any(not migration_states.is_final(m.status)
                   for m in migrations)


class _Gone(object):
    """What the driver needs of an instance deleted meanwhile."""

    def __init__(self, uuid):
        self.uuid = uuid
