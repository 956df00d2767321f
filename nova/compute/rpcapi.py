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
* 5.2 - The live-migration queue as an operator resource:
  ``get_live_migration_queue`` (the host's queue in run order),
  ``drain_live_migration_queue`` and ``move_queued_live_migration``.
* 5.3 - Server actions: ``pause_instance``, ``unpause_instance``,
  ``suspend_instance``, ``resume_instance``, ``stop_instance``,
  ``start_instance``, ``reboot_instance``, ``rebuild_instance``,
  ``set_admin_password``, ``get_console_output``, ``inject_network_info``,
  ``snapshot_instance``, ``soft_delete_instance``, ``restore_instance``;
  resize and cold migration: ``resize_instance``, ``finish_resize``,
  ``abort_resize_on_source``, ``confirm_resize``, ``revert_resize``,
  ``finish_revert_resize``; ``shelve_instance``,
  ``shelve_offload_instance``, ``unshelve_instance``.
* 5.4 - ``get_host_uptime``: the hypervisor host's ``uptime`` line, for
  ``GET /os-hypervisors/{id}/uptime``.

``rollback_live_migration_at_destination`` is sent as a cast (the server
side is the same for a call or a cast), so no source ever waits on its
destination to end a migration.

The cap comes from ``[upgrade_levels] compute``: unset means the newest
version known here, ``auto`` the version the oldest running nova-compute
understands (from the service version history), otherwise a release alias
or an explicit version.
"""

import collections
import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import versionutils

from nova import baserpc
from nova.compute import migration_states
import nova.conf
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.objects import service as service_obj
from nova import rpc

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)
Status = migration_states.MigrationStatus

RPC_TOPIC = 'compute'
VERSION = '5.4'

# Aborting a migration that is not running yet needs this version, so a
# compute of at least this service version.
ABORT_QUEUED_VERSION = '5.1'
MIN_SERVICE_ABORT_QUEUED = service_obj.first_service_version_with(
    ABORT_QUEUED_VERSION)

# host_capabilities reads the service version unless it is given.
_READ = object()

# Showing, draining and reordering a host's live-migration queue.
QUEUE_OPS_VERSION = '5.2'

# Seconds the API waits for a compute to describe its queue before it
# answers from the database instead: a listing must never hang on a host.
QUEUE_DESCRIBE_TIMEOUT = 5

# Server actions other than build, delete and live migration need this.
SERVER_ACTIONS_VERSION = '5.3'

# The host's uptime line (GET /os-hypervisors/{id}/uptime).
HOST_UPTIME_VERSION = '5.4'

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
        """Raise ComputeServiceTooOld if the cap is below 5.3.

        The API asks before it changes the server, so a refused action
        leaves nothing behind.
        """
        self._check_cap(host, SERVER_ACTIONS_VERSION)

    def _check_cap(self, host, needed):
        """Raise ComputeServiceTooOld unless the cap reaches ``needed``."""
        cap = version_cap()
        if not self._client_for(cap).can_send_version(needed):
            raise exception.ComputeServiceTooOld(host=host, needed=needed,
                                                 cap=cap)

    def _prepare_capped(self, host, version, timeout=None):
        """A ``version`` context for ``host``, refused if capped below."""
        self._check_cap(host, version)
        return self._prepare(host, version=version, timeout=timeout)

    def _prepare_actions(self, host, timeout=None):
        """A 5.3 context for ``host``, refused before sending if capped."""
        return self._prepare_capped(host, SERVER_ACTIONS_VERSION, timeout)

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

    def get_host_uptime(self, ctxt, host):
        """The ``uptime`` line of ``host`` (a short call)."""
        return self._prepare_capped(host, HOST_UPTIME_VERSION).call(
            ctxt, 'get_host_uptime')

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

    def host_capabilities(self, ctxt, host, service_version=_READ):
        """What ``host``'s compute can be sent, decided once per request.

        The answer comes from the host's own service version (the service
        version history maps it to the compute RPC it understands) and the
        ``[upgrade_levels] compute`` cap.  Pass ``service_version`` when the
        caller read it already (None: the host has no compute service
        record); otherwise it is read here.
        """
        if service_version is _READ:
            service_version = self._service_version(ctxt, host)
        host_rpc = None
        if service_version is not None:
            host_rpc = service_obj.compute_rpc_for_service_version(
                service_version)
        return HostCapabilities(host, service_version,
                                _send_version(host_rpc))

    @staticmethod
    def _service_version(ctxt, host):
        try:
            return objects.Service.get_by_compute_host(ctxt, host).version
        except exception.NotFound:
            return None

    def _client_for(self, cap):
        client = self._clients.get(cap)
        if client is None:
            client = rpc.get_client(self._target, version_cap=cap)
            self._clients[cap] = client
        return client

    def live_migration_abort(self, ctxt, instance, migration,
                             capabilities=None):
        """Abort ``migration`` on the instance's host, in the form it knows.

        ``capabilities`` is the request's answer from host_capabilities
        (read here if not given).  Raises, before anything is sent, what
        ``HostCapabilities.check_can_abort`` raises; a running migration
        goes to a 5.0 compute by id.
        """
        if capabilities is None:
            capabilities = self.host_capabilities(ctxt, instance.host)
        capabilities.check_can_abort(migration)
        client = self._client_for(capabilities.rpc_version)
        if capabilities.can_send(ABORT_QUEUED_VERSION):
            cctxt = client.prepare(server=instance.host,
                                   version=ABORT_QUEUED_VERSION)
            cctxt.cast(ctxt, 'live_migration_abort', instance=instance,
                       migration=migration)
            return
        cctxt = client.prepare(server=instance.host, version='5.0')
        cctxt.cast(ctxt, 'live_migration_abort', instance=instance,
                   migration_id=migration.id)

    # The live-migration queue (5.2).

    def _queue_ops(self, ctxt, host, timeout):
        """A 5.2 context for ``host``, or raise before anything is sent."""
        capabilities = self.host_capabilities(ctxt, host)
        if not capabilities.can_send(QUEUE_OPS_VERSION):
            raise exception.LiveMigrationQueueUnavailable(
                host=host, reason='its compute RPC version %s is older than '
                '%s' % (capabilities.rpc_version, QUEUE_OPS_VERSION))
        client = self._client_for(capabilities.rpc_version)
        return client.prepare(server=host, version=QUEUE_OPS_VERSION,
                              timeout=timeout)

    def get_live_migration_queue(self, ctxt, host):
        """The queue of ``host`` in run order (a short call)."""
        cctxt = self._queue_ops(ctxt, host, QUEUE_DESCRIBE_TIMEOUT)
        return cctxt.call(ctxt, 'get_live_migration_queue')

    def drain_live_migration_queue(self, ctxt, host, include_running):
        cctxt = self._queue_ops(ctxt, host, CONF.long_rpc_timeout)
        return cctxt.call(ctxt, 'drain_live_migration_queue',
                          include_running=include_running)

    def move_queued_live_migration(self, ctxt, host, migration, position):
        cctxt = self._queue_ops(ctxt, host, CONF.rpc_response_timeout)
        return cctxt.call(ctxt, 'move_queued_live_migration',
                          migration=migration, position=position)


def _send_version(host_rpc):
    """The cap for a message to a host that understands ``host_rpc``.

    With ``auto`` the host's own version is the cap (a new compute beside an
    old one still gets the new form); with an explicit pin, or unset, the
    lower of the two applies, so an old compute never receives a message it
    would drop.  Without a service record only the configured cap applies.
    """
    if CONF.upgrade_levels.compute == 'auto' and host_rpc is not None:
        return host_rpc
    cap = version_cap()
    if host_rpc is None:
        return cap
    return min(cap, host_rpc, key=versionutils.convert_version_to_tuple)


class HostCapabilities(collections.namedtuple(
        'HostCapabilities', ('host', 'service_version', 'rpc_version'))):
    """What one compute host can accept: its service version and RPC cap.

    ``service_version`` is None when the host has no compute service
    record; ``rpc_version`` is the version messages to it are capped at.
    """

    def understands(self, version):
        """Whether the host's own service version knows RPC ``version``."""
        return self.service_version is not None and \
            versionutils.is_compatible(
                version, service_obj.compute_rpc_for_service_version(
                    self.service_version))

    def can_send(self, version):
        """Whether a message of ``version`` may be sent to the host."""
        return versionutils.is_compatible(version, self.rpc_version)

    def check_can_abort(self, migration):
        """Raise unless an abort of ``migration`` can reach the host.

        A running migration can always be aborted (by id at 5.0).  One still
        waiting needs a service record, a service version that knows 5.1
        and a cap that lets 5.1 through.
        """
        if migration.status == Status.RUNNING.value:
            return
        if self.service_version is None:
            raise exception.ComputeHostNotFound(host=self.host)
        if not self.understands(ABORT_QUEUED_VERSION):
            raise exception.AbortQueuedLiveMigrationNotYetSupported(
                migration_id=migration.id, status=migration.status,
                host=self.host, version=self.service_version,
                minimum=MIN_SERVICE_ABORT_QUEUED)
        if not self.can_send(ABORT_QUEUED_VERSION):
            raise exception.LiveMigrationAbortNotSupportedByRPC(
                status=migration.status, needed=ABORT_QUEUED_VERSION,
                cap=self.rpc_version)
