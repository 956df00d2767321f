"""What the REST layer calls: checks, the instance action, then RPC.

Controllers stay thin; every rule about *whether* an operation may happen
(lock, vm/task state, migration status, the compute's service version)
lives here, in one named precondition per rule, and raises a domain
exception the controller maps to an HTTP code.
"""

import functools

from oslo_log import log as logging
from oslo_utils import uuidutils

from nova.compute import actions_api
from nova.compute import create_spec
from nova.compute import instance_actions
from nova.compute import instance_states
from nova.compute import migration_states
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import task_states
from nova.compute import vm_states
from nova.conductor import rpcapi as conductor_rpcapi
import nova.conf
from nova import exception
from nova import objects
from nova.objects import migration as migration_obj
from nova import quota

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

Status = migration_states.MigrationStatus

# The nova-compute service version from which a compute can abort queued
# and preparing live migrations (``nova.objects.service`` history).
MIN_COMPUTE_ABORT_QUEUED_LIVE_MIGRATION = \
    compute_rpcapi.MIN_SERVICE_ABORT_QUEUED

# Where a server's metadata may change.
METADATA_VM_STATES = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.STOPPED,
                      'suspended')


check_instance_lock = actions_api.check_instance_lock


def check_instance_state(instance, vm_state=None, task_state=(None,),
                         method=None):
    if vm_state is not None and instance.vm_state not in vm_state:
        raise exception.InstanceInvalidState(
            attr='vm_state', instance_uuid=instance.uuid,
            state=instance.vm_state, method=method)
    if task_state is not None and instance.task_state not in task_state:
        raise exception.InstanceInvalidState(
            attr='task_state', instance_uuid=instance.uuid,
            state=instance.task_state, method=method)
    if instance.launched_at is None:
        raise exception.InstanceInvalidState(
            attr='vm_state', instance_uuid=instance.uuid,
            state='never launched', method=method)


class API(actions_api.ServerActionsAPI):
    """The compute API of the REST layer."""

    def __init__(self):
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    @functools.cached_property
    def conductor(self):
        # Made on first use: controllers (and so the WSGI app) can be built
        # before the RPC transport exists, as in the route-table tests.
        return conductor_rpcapi.ConductorAPI()

    # Servers.

    def get(self, context, instance_uuid):
        """The instance, if the caller's project may see it."""
        instance = objects.Instance.get_by_uuid(context, instance_uuid)
        if not context.is_admin and instance.project_id != \
                context.project_id:
            raise exception.InstanceNotFound(instance_id=instance_uuid)
        return instance

    def get_all(self, context, filters, limit=None, marker=None,
                sort_keys=None, sort_dirs=None):
        """Instances matching ``filters``; ``flavor`` is a flavor id.

        Without ``all_tenants`` (admins only) the caller's project only.
        """
        filters = dict(filters)
        if not context.is_admin or not filters.pop('all_tenants', False):
            filters['project_id'] = context.project_id
        filters.pop('all_tenants', None)
        if 'flavor' in filters:
            try:
                filters['instance_type_id'] = objects.Flavor.\
                    get_by_flavor_id(context, filters.pop('flavor')).id
            except exception.FlavorNotFound:
                return objects.InstanceList(context, objects=[])
        return objects.InstanceList.get_by_filters(
            context, filters, limit=limit, marker=marker,
            sort_keys=sort_keys, sort_dirs=sort_dirs)

    def create(self, context, spec, max_count=1):
        """Record ``max_count`` instances and their actions; cast builds.

        A requested host and/or node must name a known compute node
        (ComputeHostNotFound) and a key name one of the caller's key pairs
        (KeypairNotFound), both checked before anything is written.

        :returns: the instances, in launch index order.
        """
        requested_host = spec.requested_host
        if requested_host is not None or spec.requested_node is not None:
            requested_host = self._requested_compute_host(
                context, requested_host, spec.requested_node)
        if spec.key_name is not None:
            objects.KeyPair.get_by_name(context, context.user_id,
                                        spec.key_name)
        if spec.scheduler_hints and not self.conductor.can_send_hints():
            raise exception.SchedulerHintsNotSupported()
        quota.check_instance_create(context, spec.flavor, count=max_count)
        quota.check_metadata_items(context, len(spec.metadata or {}))
        reservation_id = 'r-' + uuidutils.generate_uuid()[:8]
        instances = []
        for index in range(max_count):
            # Each build is cast as soon as its instance is recorded, so a
            # failure part way leaves no recorded instance without a build.
            instance = self._record_instance(context, spec, requested_host,
                                             reservation_id, index,
                                             max_count)
            self._recheck_quota(context, spec.flavor, [instance])
            self.conductor.build_instances(
                context, instance, requested_host=requested_host,
                scheduler_hints=spec.scheduler_hints or None)
            instances.append(instance)
        return instances

    @staticmethod
    def _record_instance(context, spec, requested_host, reservation_id,
                         index, count):
        uuid = uuidutils.generate_uuid()
        name = create_spec.display_name(spec.name, index, count, uuid)
        flavor = spec.flavor
        instance = objects.Instance(
            context, uuid=uuid, user_id=context.user_id,
            project_id=context.project_id, display_name=name,
            hostname=create_spec.hostname(name), image_ref=spec.image_ref,
            instance_type_id=flavor.id, vcpus=flavor.vcpus,
            memory_mb=flavor.memory_mb, root_gb=flavor.root_gb,
            ephemeral_gb=flavor.ephemeral_gb, flavor=flavor,
            old_flavor=None, new_flavor=None, vm_state=vm_states.BUILDING,
            task_state=task_states.SCHEDULING, power_state=0,
            availability_zone=spec.availability_zone or 'nova',
            reservation_id=reservation_id, launch_index=index,
            progress=0, requested_host=requested_host,
            **spec.instance_fields())
        instance.create(metadata=spec.metadata)
        objects.InstanceAction.action_start(context, instance.uuid,
                                            instance_actions.CREATE)
        return instance

    def update(self, context, instance, changes):
        """Rename, describe or re-address a server (PUT /servers/{id})."""
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.save()
        return instance

    # Server metadata.

    @staticmethod
    def _check_metadata_allowed(context, instance):
        check_instance_lock(context, instance)
        check_instance_state(instance, vm_state=METADATA_VM_STATES,
                             method='update metadata')

    def get_metadata(self, context, instance):
        return objects.Instance.get_metadata_by_uuids(
            context, [instance.uuid])[instance.uuid]

    def update_metadata(self, context, instance, items, replace=False):
        """Set keys (all of them with ``replace``); the whole metadata."""
        self._check_metadata_allowed(context, instance)
        return instance.update_metadata(items, replace=replace)

    def delete_metadata_key(self, context, instance, key):
        """Remove one key; False when the server had no such key."""
        self._check_metadata_allowed(context, instance)
        return instance.delete_metadata_key(key)

    @staticmethod
    def _recheck_quota(context, flavor, instances):
        """Undo the create if parallel requests together went over quota."""
        if not CONF.quota.recheck_quota:
            return
        try:
            quota.check_instance_create(context, flavor, recheck=True)
        except exception.OverQuota:
            for instance in instances:
                instance.destroy()
            raise

    def delete(self, context, instance):
        """Delete, or soft-delete under ``reclaim_instance_interval``.

        Delete interrupts any task: a live migration still queued,
        preparing or running is ended by the source compute first (see
        ``LiveMigrationSource.end_for_delete``).
        """
        check_instance_lock(context, instance)
        if instance.vm_state in (vm_states.SHELVED,
                                 vm_states.SHELVED_OFFLOADED):
            self.delete_shelved_image(context, instance)
        if not instance.host:
            # Never reached a compute: nothing runs anywhere.
            objects.InstanceAction.action_start(context, instance.uuid,
                                                instance_actions.DELETE)
            objects.ResourceClaim.release(context, instance.uuid)
            instance.destroy()
            return
        if instance.vm_state == vm_states.RESIZED and \
                instance.task_state is None:
            # The source still keeps the old guest and claim: drop them.
            self.confirm_resize(context, instance)
            instance.refresh()
        if self._soft_deletes(instance):
            self._begin(context, instance, 'soft-delete',
                        record=instance_actions.DELETE)
            self.compute_rpcapi.soft_delete_instance(context, instance)
            return
        self._terminate(context, instance, instance_actions.DELETE)

    @staticmethod
    def _soft_deletes(instance):
        return (CONF.reclaim_instance_interval > 0 and
                instance.launched_at is not None and
                instance_states.transition('soft-delete').may_start(
                    instance))

    def force_delete(self, context, instance):
        """forceDelete: delete a soft-deleted server now."""
        check_instance_lock(context, instance)
        instance_states.check_can_start(instance, 'restore')
        self._terminate(context, instance, instance_actions.FORCE_DELETE)

    def _terminate(self, context, instance, record):
        instance_states.begin(instance, 'delete')
        objects.InstanceAction.action_start(context, instance.uuid, record)
        self.compute_rpcapi.terminate_instance(context, instance)

    # Live migration.

    def live_migrate(self, context, instance, block_migration, host_name,
                     force=False):
        check_instance_lock(context, instance)
        actions_api.check_launched(instance, 'live-migration')
        instance_states.check_can_start(instance, 'live-migration')
        if host_name is not None:
            self._check_compute_host(context, host_name)
        instance_states.begin(instance, 'live-migration')
        objects.InstanceAction.action_start(context, instance.uuid,
                                            instance_actions.LIVE_MIGRATION)
        self.conductor.live_migrate_instance(context, instance, host_name,
                                             block_migration, force=force)

    @staticmethod
    def _requested_compute_host(context, host_name, node_name):
        nodes = [node for node in objects.ComputeNodeList.get_all(
            context, host=host_name)
            if node_name in (None, node.hypervisor_hostname)]
        if not nodes:
            raise exception.ComputeHostNotFound(
                host=':'.join(filter(None, (host_name, node_name))))
        return nodes[0].host

    @staticmethod
    def _check_compute_host(context, host_name):
        nodes = objects.ComputeNodeList.get_all(context, host=host_name)
        if not len(nodes):
            raise exception.ComputeHostNotFound(host=host_name)

    def get_migrations_in_progress_by_instance(self, context, instance_uuid):
        return objects.MigrationList.get_in_progress_by_instance(
            context, instance_uuid)

    def get_migration_in_progress(self, context, instance_uuid,
                                  migration_id):
        """A live migration of the instance that the APIs may show."""
        migration = objects.Migration.get_by_id_and_instance(
            context, migration_id, instance_uuid)
        if not migration.is_live_migration or migration.status not in \
                migration_obj.IN_PROGRESS_VALUES:
            raise exception.MigrationNotFoundForInstance(
                migration_id=migration_id, instance_id=instance_uuid)
        return migration

    def get_migrations(self, context, filters, limit=None, marker=None,
                       sort_newest=False):
        filters = dict(filters)
        filters['hidden'] = False
        return objects.MigrationList.get_by_filters(
            context, filters, sort_newest=sort_newest, limit=limit,
            marker=marker)

    def live_migrate_force_complete(self, context, instance, migration_id):
        check_instance_lock(context, instance)
        check_instance_state(instance, vm_state=[vm_states.ACTIVE],
                             task_state=[task_states.MIGRATING],
                             method='force complete')
        migration = self._migration_for_action(context, instance,
                                               migration_id)
        if migration.status != Status.RUNNING.value:
            raise exception.InvalidMigrationState(
                migration_id=migration_id, instance_uuid=instance.uuid,
                state=migration.status, method='force complete')
        objects.InstanceAction.action_start(
            context, instance.uuid,
            instance_actions.LIVE_MIGRATION_FORCE_COMPLETE)
        self.compute_rpcapi.live_migration_force_complete(
            context, instance, migration)

    @staticmethod
    def _migration_for_action(context, instance, migration_id):
        try:
            return objects.Migration.get_by_id_and_instance(
                context, migration_id, instance.uuid)
        except exception.MigrationNotFoundForInstance as exc:
            raise exception.InvalidMigrationState(
                migration_id=migration_id, instance_uuid=instance.uuid,
                state='not found', method=exc.format_message())

    def live_migrate_abort(self, context, instance, migration_id,
                           support_abort_in_queue=False):
        """Abort a live migration (2.24: running; 2.65: also queued).

        The migration and the version of the instance's compute service are
        read together; what that compute can accept is decided once, from
        them, before anything is written or sent.
        """
        check_instance_lock(context, instance)
        check_instance_state(instance, vm_state=None,
                             task_state=[task_states.MIGRATING],
                             method='abort live migration')
        migration, service_version = \
            objects.Migration.get_with_compute_version(
                context, migration_id, instance.uuid, instance.host)
        allowed = (migration_states.ABORTABLE_AT_2_65
                   if support_abort_in_queue
                   else migration_states.ABORTABLE_BEFORE_2_65)
        if migration_states.as_status(migration.status) not in allowed:
            raise exception.InvalidMigrationState(
                migration_id=migration_id, instance_uuid=instance.uuid,
                state=migration.status, method='abort live migration')
        capabilities = self.compute_rpcapi.host_capabilities(
            context, instance.host, service_version=service_version)
        capabilities.check_can_abort(migration)
        objects.InstanceAction.action_start(
            context, instance.uuid, instance_actions.LIVE_MIGRATION_CANCEL)
        self.compute_rpcapi.live_migration_abort(
            context, instance, migration, capabilities=capabilities)

    # Services and instance actions.

    def service_get_all(self, context, host=None, binary=None):
        return objects.ServiceList.get_all(context, host=host,
                                           binary=binary)

    def get_instance_actions(self, context, instance_uuid, limit=None,
                             marker=None, changes_since=None):
        return objects.InstanceActionList.get_by_instance_uuid(
            context, instance_uuid, limit=limit, marker=marker,
            changes_since=changes_since)

    def get_instance_action(self, context, instance_uuid, request_id):
        action = objects.InstanceAction.get_by_request_id(
            context, instance_uuid, request_id)
        events = objects.InstanceActionEventList.get_by_action(context,
                                                               action.id)
        return action, events
