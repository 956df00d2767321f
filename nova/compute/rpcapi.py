"""Client side of the compute RPC API (topic ``compute``, server per host).

Version history:

* 5.0 - Initial version of this project's compute API: build and delete,
  the live-migration steps (``check_can_live_migrate_destination``,
  ``check_can_live_migrate_source``, ``pre_live_migration``,
  ``live_migration``, ``post_live_migration_at_destination``,
  ``rollback_live_migration_at_destination``), ``live_migration_abort``
  (by migration id) and ``live_migration_force_complete``.
* 5.1 - ``live_migration_abort`` takes the Migration object instead of its
  id, so a compute can abort migrations that are still ``queued`` or
  ``preparing``.  Aborting those needs 5.1; a ``running`` one still goes to
  a 5.0 compute by id.
* 5.2 - Server actions: ``pause_instance``, ``unpause_instance``,
  ``suspend_instance``, ``resume_instance``, ``stop_instance``,
  ``start_instance``, ``reboot_instance``, ``rebuild_instance``,
  ``set_admin_password``, ``get_console_output``, ``inject_network_info``,
  ``snapshot_instance``, ``soft_delete_instance``, ``restore_instance``;
  resize and cold migration: ``resize_instance``, ``finish_resize``,
  ``abort_resize_on_source``, ``confirm_resize``, ``revert_resize``,
  ``finish_revert_resize``; ``shelve_instance``,
  ``shelve_offload_instance``, ``unshelve_instance``.

``rollback_live_migration_at_destination`` is sent as a cast (the server
side is the same for a call or a cast), so no source ever waits on its
destination to end a migration.

The cap comes from ``[upgrade_levels] compute``: unset means the newest
version known here, ``auto`` the version the oldest running nova-compute
understands (from the service version history), otherwise a release alias
or an explicit version.
"""

import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import versionutils

from nova import baserpc
import nova.conf
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.objects import service as service_obj
from nova import rpc

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

RPC_TOPIC = 'compute'
VERSION = '5.2'

# Aborting a migration that is not running yet needs this version.
ABORT_QUEUED_VERSION = '5.1'

# Server actions other than build, delete and live migration need this.
SERVER_ACTIONS_VERSION = '5.2'

# Release names operators may pin to, as Nova's aliases do.
VERSION_ALIASES = {
    'queens': '5.0',
    'rocky': '5.0',
}

_AUTO_CAP = None
_AUTO_LOCK = threading.Lock()


def _auto_cap():
    """The compute RPC version of the oldest running nova-compute."""
    global _AUTO_CAP
    with _AUTO_LOCK:
        if _AUTO_CAP is None:
            ctxt = nova_context.get_admin_context()
            minimum = objects.Service.get_minimum_version(ctxt,
                                                          'nova-compute')
            if not minimum:
                # No computes yet: do not cache, ask again next time.
                return VERSION
            _AUTO_CAP = service_obj.compute_rpc_for_service_version(minimum)
            LOG.info('Automatically selected compute RPC version %s from '
                     'minimum service version %s', _AUTO_CAP, minimum)
        return _AUTO_CAP


def reset_auto_cap():
    global _AUTO_CAP
    with _AUTO_LOCK:
        _AUTO_CAP = None


def version_cap():
    requested = CONF.upgrade_levels.compute
    if requested == 'auto':
        return _auto_cap()
    return baserpc.resolve_cap(requested, VERSION_ALIASES, VERSION)


class ComputeAPI(object):
    """Calls and casts to the nova-compute service of one host."""

    def __init__(self):
        self._target = messaging.Target(topic=RPC_TOPIC, version=VERSION)
        self._clients = {}

    @property
    def client(self):
        return self._client_for(version_cap())

    def _prepare(self, host, version='5.0', timeout=None):
        kwargs = {'server': host, 'version': version}
        if timeout is not None:
            kwargs['timeout'] = timeout
        return self.client.prepare(**kwargs)

    def check_server_actions(self, host):
        """Raise ComputeServiceTooOld if the cap is below 5.2.

        The API asks before it changes the server, so a refused action
        leaves nothing behind.
        """
        cap = version_cap()
        if not self._client_for(cap).can_send_version(
                SERVER_ACTIONS_VERSION):
            raise exception.ComputeServiceTooOld(
                host=host, needed=SERVER_ACTIONS_VERSION, cap=cap)

    def _prepare_actions(self, host, timeout=None):
        """A 5.2 context for ``host``, refused before sending if capped."""
        self.check_server_actions(host)
        return self._prepare(host, version=SERVER_ACTIONS_VERSION,
                             timeout=timeout)

    def _cast_action(self, ctxt, method, instance, **kwargs):
        self._prepare_actions(instance.host).cast(
            ctxt, method, instance=instance, **kwargs)

    def pause_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'pause_instance', instance)

    def unpause_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'unpause_instance', instance)

    def suspend_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'suspend_instance', instance)

    def resume_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'resume_instance', instance)

    def stop_instance(self, ctxt, instance, clean_shutdown=True):
        self._cast_action(ctxt, 'stop_instance', instance,
                          clean_shutdown=clean_shutdown)

    def start_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'start_instance', instance)

    def reboot_instance(self, ctxt, instance, reboot_type):
        self._cast_action(ctxt, 'reboot_instance', instance,
                          reboot_type=reboot_type)

    def rebuild_instance(self, ctxt, instance, image_ref, admin_password,
                         preserve_ephemeral=False):
        self._cast_action(ctxt, 'rebuild_instance', instance,
                          image_ref=image_ref, admin_password=admin_password,
                          preserve_ephemeral=preserve_ephemeral)

    def set_admin_password(self, ctxt, instance, new_pass):
        self._cast_action(ctxt, 'set_admin_password', instance,
                          new_pass=new_pass)

    def inject_network_info(self, ctxt, instance):
        self._cast_action(ctxt, 'inject_network_info', instance)

    def snapshot_instance(self, ctxt, instance, image_id, action):
        self._cast_action(ctxt, 'snapshot_instance', instance,
                          image_id=image_id, action=action)

    def soft_delete_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'soft_delete_instance', instance)

    def restore_instance(self, ctxt, instance):
        self._cast_action(ctxt, 'restore_instance', instance)

    # Resize and cold migration (nova.compute.resize).

    def _cast_move(self, ctxt, host, method, instance, migration,
                   **kwargs):
        self._prepare_actions(host).cast(ctxt, method, instance=instance,
                                         migration=migration, **kwargs)

    def resize_instance(self, ctxt, instance, migration, flavor):
        self._cast_move(ctxt, migration.source_compute, 'resize_instance',
                        instance, migration, flavor=flavor)

    def finish_resize(self, ctxt, instance, migration, flavor, power_on):
        self._cast_move(ctxt, migration.dest_compute, 'finish_resize',
                        instance, migration, flavor=flavor,
                        power_on=power_on)

    def abort_resize_on_source(self, ctxt, instance, migration, power_on):
        self._cast_move(ctxt, migration.source_compute,
                        'abort_resize_on_source', instance, migration,
                        power_on=power_on)

    def confirm_resize(self, ctxt, instance, migration):
        self._cast_move(ctxt, migration.source_compute, 'confirm_resize',
                        instance, migration)

    def revert_resize(self, ctxt, instance, migration):
        self._cast_move(ctxt, migration.dest_compute, 'revert_resize',
                        instance, migration)

    def finish_revert_resize(self, ctxt, instance, migration, power_on):
        self._cast_move(ctxt, migration.source_compute,
                        'finish_revert_resize', instance, migration,
                        power_on=power_on)

    def shelve_instance(self, ctxt, instance, image_id, clean_shutdown=True):
        self._cast_action(ctxt, 'shelve_instance', instance,
                          image_id=image_id, clean_shutdown=clean_shutdown)

    def shelve_offload_instance(self, ctxt, instance, clean_shutdown=True):
        self._cast_action(ctxt, 'shelve_offload_instance', instance,
                          clean_shutdown=clean_shutdown)

    def unshelve_instance(self, ctxt, instance, host, node=None):
        self._prepare_actions(host).cast(ctxt, 'unshelve_instance',
                                         instance=instance, node=node)

    def get_console_output(self, ctxt, instance, tail_length):
        cctxt = self._prepare_actions(instance.host)
        return cctxt.call(ctxt, 'get_console_output', instance=instance,
                          tail_length=tail_length)

    def build_and_run_instance(self, ctxt, instance, host, node):
        self._prepare(host).cast(ctxt, 'build_and_run_instance',
                                 instance=instance, node=node)

    def terminate_instance(self, ctxt, instance):
        self._prepare(instance.host).cast(ctxt, 'terminate_instance',
                                          instance=instance)

    def check_can_live_migrate_destination(self, ctxt, instance, destination,
                                           block_migration):
        cctxt = self._prepare(destination, timeout=CONF.long_rpc_timeout)
        return cctxt.call(ctxt, 'check_can_live_migrate_destination',
                          instance=instance, block_migration=block_migration)

    def check_can_live_migrate_source(self, ctxt, instance, dest_check_data):
        cctxt = self._prepare(instance.host, timeout=CONF.long_rpc_timeout)
        return cctxt.call(ctxt, 'check_can_live_migrate_source',
                          instance=instance, dest_check_data=dest_check_data)

    def live_migration(self, ctxt, instance, dest, block_migration, host,
                       migration, migrate_data=None):
        self._prepare(host).cast(ctxt, 'live_migration', instance=instance,
                                 dest=dest, block_migration=block_migration,
                                 migration=migration,
                                 migrate_data=migrate_data)

    def pre_live_migration(self, ctxt, instance, block_migration,
                           migrate_data, host):
        cctxt = self._prepare(host, timeout=CONF.long_rpc_timeout)
        return cctxt.call(ctxt, 'pre_live_migration', instance=instance,
                          block_migration=block_migration,
                          migrate_data=migrate_data)

    def post_live_migration_at_destination(self, ctxt, instance,
                                           block_migration, host,
                                           migration):
        cctxt = self._prepare(host, timeout=CONF.long_rpc_timeout)
        return cctxt.call(ctxt, 'post_live_migration_at_destination',
                          instance=instance, block_migration=block_migration,
                          migration=migration)

    def rollback_live_migration_at_destination(self, ctxt, instance, host,
                                               migrate_data=None):
        """Tell ``host`` to forget what it prepared; never waits for it.

        A cast: the source ends the migration on its own, and a
        destination that is down cleans up at its own start instead
        (``LiveMigrationDestination.forget_abandoned``).
        """
        self._prepare(host).cast(
            ctxt, 'rollback_live_migration_at_destination',
            instance=instance, migrate_data=migrate_data)

    def live_migration_force_complete(self, ctxt, instance, migration):
        self._prepare(migration.source_compute).cast(
            ctxt, 'live_migration_force_complete', instance=instance,
            migration=migration)

    def abort_version_cap(self, ctxt, host):
        """The cap for an abort sent to ``host``.

        Aborts are routed by what the target compute itself reports: its
        service version maps to the compute RPC it understands.  With
        ``auto`` that is the cap (a new compute beside an old one still gets
        the new form); with an explicit pin, or unset, the lower of the two
        applies, so an old compute never receives a message it would drop.
        """
        requested = CONF.upgrade_levels.compute
        host_rpc = self._host_rpc_version(ctxt, host)
        if requested == 'auto':
            return host_rpc or version_cap()
        cap = version_cap()
        if host_rpc is None:
            return cap
        return min(cap, host_rpc, key=versionutils.convert_version_to_tuple)

    @staticmethod
    def _host_rpc_version(ctxt, host):
        try:
            service = objects.Service.get_by_compute_host(ctxt, host)
        except exception.NotFound:
            return None
        return service_obj.compute_rpc_for_service_version(service.version)

    def _client_for(self, cap):
        client = self._clients.get(cap)
        if client is None:
            client = rpc.get_client(self._target, version_cap=cap)
            self._clients[cap] = client
        return client

    def check_can_abort_queued(self, ctxt, instance, migration):
        """Raise if ``instance.host`` cannot be sent a waiting abort."""
        cap = self.abort_version_cap(ctxt, instance.host)
        if not self._client_for(cap).can_send_version(ABORT_QUEUED_VERSION):
            raise exception.LiveMigrationAbortNotSupportedByRPC(
                status=migration.status, needed=ABORT_QUEUED_VERSION,
                cap=cap)

    def live_migration_abort(self, ctxt, instance, migration):
        """Abort ``migration`` on the instance's host, in the form it knows.

        Raises LiveMigrationAbortNotSupportedByRPC, before anything is sent,
        when the migration is queued or preparing and the host's cap is
        below 5.1; a running one goes to a 5.0 compute by id.
        """
        cap = self.abort_version_cap(ctxt, instance.host)
        client = self._client_for(cap)
        if client.can_send_version(ABORT_QUEUED_VERSION):
            cctxt = client.prepare(server=instance.host,
                                   version=ABORT_QUEUED_VERSION)
            cctxt.cast(ctxt, 'live_migration_abort', instance=instance,
                       migration=migration)
            return
        if migration.status != 'running':
            raise exception.LiveMigrationAbortNotSupportedByRPC(
                status=migration.status, needed=ABORT_QUEUED_VERSION,
                cap=cap)
        cctxt = client.prepare(server=instance.host, version='5.0')
        cctxt.cast(ctxt, 'live_migration_abort', instance=instance,
                   migration_id=migration.id)
