"""Client side of the conductor RPC API (topic ``conductor``).

Version history:

* 1.0 - Initial version: object indirection (``object_class_action_versions``,
  ``object_action``, ``object_backport_versions``), ``build_instances`` and
  ``live_migrate_instance``.
* 1.1 - ``build_instances`` takes ``scheduler_hints``.
* 1.2 - ``migrate_server`` (a call): schedule a resize or a cold migration;
  ``unshelve_instance`` (a cast): schedule an offloaded server again.
"""

import oslo_messaging as messaging
from oslo_versionedobjects import base as ovo_base

from nova import baserpc
import nova.conf
from nova import exception
from nova import rpc

CONF = nova.conf.CONF

RPC_TOPIC = 'conductor'
VERSION = '1.2'
VERSION_ALIASES = {}


class ConductorAPI(ovo_base.VersionedObjectIndirectionAPI):
    """Calls the conductor; also the object indirection API of computes."""

    def __init__(self):
        super().__init__()
        target = messaging.Target(topic=RPC_TOPIC, version=VERSION)
        cap = baserpc.resolve_cap(CONF.upgrade_levels.conductor,
                                  VERSION_ALIASES, VERSION)
        self.client = rpc.get_client(target, version_cap=cap)

    # Object indirection: remotable methods of objects on a host without
    # database access run here, in the conductor.

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions,
                          args=args, kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)

    def can_send_hints(self):
        """Whether every conductor understands ``scheduler_hints``."""
        return self.client.can_send_version('1.1')

    def build_instances(self, context, instance, requested_host=None,
                        scheduler_hints=None):
        """Schedule, claim and build ``instance`` (cast).

        Hints need 1.1 (see :meth:`can_send_hints`); without hints the
        message is 1.0, which every conductor understands.
        """
        kwargs = {'instance': instance, 'requested_host': requested_host}
        version = '1.0'
        if scheduler_hints:
            kwargs['scheduler_hints'] = scheduler_hints
            version = '1.1'
        cctxt = self.client.prepare(version=version)
        cctxt.cast(context, 'build_instances', **kwargs)

    def check_migrate_server(self):
        """Raise ComputeServiceTooOld if the conductor cap is below 1.2."""
        if not self.client.can_send_version('1.2'):
            raise exception.ComputeServiceTooOld(
                host='conductor', needed='conductor RPC 1.2',
                cap=self.client.version_cap)

    def migrate_server(self, context, instance, flavor, host=None):
        """Schedule a resize or cold migration; raises NoValidHost."""
        self.check_migrate_server()
        cctxt = self.client.prepare(version='1.2',
                                    timeout=CONF.long_rpc_timeout)
        cctxt.call(context, 'migrate_server', instance=instance,
                   flavor=flavor, host=host)

    def unshelve_instance(self, context, instance):
        """Schedule and spawn an offloaded server (cast)."""
        self.check_migrate_server()
        self.client.prepare(version='1.2').cast(
            context, 'unshelve_instance', instance=instance)

    def live_migrate_instance(self, context, instance, host, block_migration,
                              force=False):
        """Run the live-migrate task for ``instance`` (cast)."""
        cctxt = self.client.prepare()
        cctxt.cast(context, 'live_migrate_instance', instance=instance,
                   host=host, block_migration=block_migration, force=force)
