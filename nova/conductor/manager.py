"""The conductor: runs tasks and persists objects for computes."""

import copy

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_versionedobjects import base as ovo_base

from nova.conductor import build
from nova.conductor import repair
from nova.conductor.tasks import live_migrate
from nova.conductor.tasks import migrate
from nova.conductor.tasks import unshelve
from nova import context as nova_context
from nova import exception
from nova import manager
from nova.objects import base as objects_base

LOG = logging.getLogger(__name__)


class ConductorManager(manager.Manager):
    """RPC endpoint of nova-conductor (topic ``conductor``)."""

    target = messaging.Target(version='1.2')
    service_name = 'conductor'

    def __init__(self, host=None):
        super().__init__(host=host, service_name='conductor')
        self._indirection = ObjectIndirection()

    def init_host(self, service_ref=None):
        """End what this host's previous process left half done."""
        repair.ConductorRepair(self.host).run(
            nova_context.get_admin_context())

    # Object indirection for hosts without database access.

    @messaging.expected_exceptions(exception.NovaException)
    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        return self._indirection.class_action(
            context, objname, objmethod, object_versions, args, kwargs)

    @messaging.expected_exceptions(exception.NovaException)
    def object_action(self, context, objinst, objmethod, args, kwargs):
        return self._indirection.action(context, objinst, objmethod, args,
                                        kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        target = object_versions[objinst.obj_name()]
        return objinst.obj_to_primitive(target_version=target,
                                        version_manifest=object_versions)

    # Tasks.

    def build_instances(self, context, instance, requested_host=None,
                        scheduler_hints=None):
        _run_cast_task(build.BuildTask(context, instance, requested_host,
                                       scheduler_hints=scheduler_hints))

    def live_migrate_instance(self, context, instance, host,
                              block_migration, force=False):
        _run_cast_task(live_migrate.LiveMigrationTask(
            context, instance, host, block_migration, force))

    @messaging.expected_exceptions(exception.NoValidHost,
                                   exception.ComputeServiceTooOld)
    def migrate_server(self, context, instance, flavor, host=None):
        """Schedule a resize or cold migration; the caller waits."""
        migrate.MigrationTask(context, instance, flavor, host).execute()

    def unshelve_instance(self, context, instance):
        _run_cast_task(unshelve.UnshelveTask(context, instance))


def _run_cast_task(task):
    """Run a task asked for by a cast: nobody waits, so log its failure.

    The task has already recorded the failure where the user sees it (the
    instance fault, the action event, the migration status).
    """
    try:
        task.execute()
    except exception.NovaException as exc:
        LOG.info('%s failed: %s', task.__class__.__name__,
                 exc.format_message())
    except Exception:
        LOG.exception('%s failed unexpectedly', task.__class__.__name__)


class ObjectIndirection(object):
    """Runs remotable object methods on behalf of a remote caller."""

    def class_action(self, context, objname, objmethod, object_versions,
                     args, kwargs):
        objclass = objects_base.NovaObject.obj_class_from_name(
            objname, object_versions[objname])
        result = getattr(objclass, objmethod)(context, *args, **kwargs)
        if isinstance(result, ovo_base.VersionedObject):
            target = object_versions.get(result.obj_name(), result.VERSION)
            return result.obj_to_primitive(target_version=target,
                                           version_manifest=object_versions)
        return result

    def action(self, context, objinst, objmethod, args, kwargs):
        """Run the method; return (changed field values, result)."""
        before = copy.deepcopy(objinst)
        result = getattr(objinst, objmethod)(*args, **kwargs)
        updates = {}
        for name in objinst.fields:
            if not objinst.obj_attr_is_set(name):
                continue
            value = getattr(objinst, name)
            if (not before.obj_attr_is_set(name) or
                    getattr(before, name) != value):
                field = objinst.fields[name]
                updates[name] = field.to_primitive(objinst, name, value)
        updates['obj_what_changed'] = sorted(objinst.obj_what_changed())
        return updates, result
