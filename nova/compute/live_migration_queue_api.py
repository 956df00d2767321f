"""What the REST layer calls for ``/os-live-migration-queues``.

The order of a queue lives only in its compute, so every answer comes from
the compute over RPC (compute RPC 5.2, a short call).  When the compute is
down, too old or does not answer in time, the answer comes from the
database instead and says so in ``host_state``: the order is then the
order of submission, not one the compute confirmed.  Nothing here ever
waits longer than one short call per host.

Draining and moving change the compute's queue, so they need the compute
up and new enough; otherwise they are refused before anything is sent.
"""

from oslo_log import log as logging
import oslo_messaging as messaging

from nova.compute import migration_states
from nova.compute import rpcapi as compute_rpcapi
import nova.conf
from nova import exception
from nova.i18n import _
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)
Status = migration_states.MigrationStatus

# The nova-compute service version from which a compute can show, drain
# and reorder its queue (``nova.objects.service`` history).
MIN_COMPUTE_LIVE_MIGRATION_QUEUE_OPS = 3

# ``host_state`` values: where the answer came from.
UP = 'up'
DOWN = 'down'
UNREACHABLE = 'unreachable'
TOO_OLD = 'too-old'

_DB_ORDER = (Status.RUNNING.value, Status.PREPARING.value,
             Status.QUEUED.value)
_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def _time(value):
    return None if value is None else value.strftime(_TIME_FORMAT)


class LiveMigrationQueueAPI(object):
    """Show, drain and reorder the live-migration queues of compute hosts."""

    def __init__(self):
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    def list_queues(self, context):
        """A summary per compute host with anything queued or running."""
        summaries = []
        for service in objects.ServiceList.get_all(context,
                                                   binary='nova-compute'):
            queue = self._describe(context, service)
            if queue['running'] or queue['queued']:
                queue.pop('migrations')
                summaries.append(queue)
        return summaries

    def show_queue(self, context, host):
        """The host's queue in run order (``ComputeHostNotFound``: 404)."""
        return self._describe(context, self._service(context, host))

    def drain(self, context, host, include_running):
        service = self._service(context, host)
        self._check_can_change(service)
        return self.compute_rpcapi.drain_live_migration_queue(
            context, host, include_running)

    def move(self, context, host, migration_id, position):
        service = self._service(context, host)
        migration = self._queued_migration(context, host, migration_id)
        self._check_can_change(service)
        return self.compute_rpcapi.move_queued_live_migration(
            context, host, migration, position)

    @staticmethod
    def _service(context, host):
        try:
            return objects.Service.get_by_compute_host(context, host)
        except exception.NotFound:
            raise exception.ComputeHostNotFound(host=host)

    @staticmethod
    def _state(service):
        if not service.is_up(CONF.service_down_time):
            return DOWN
        if service.version < MIN_COMPUTE_LIVE_MIGRATION_QUEUE_OPS:
            return TOO_OLD
        return UP

    def _check_can_change(self, service):
        state = self._state(service)
        if state == DOWN:
            raise exception.LiveMigrationQueueUnavailable(
                host=service.host, reason=_('the compute service is down'))
        if state == TOO_OLD:
            raise exception.LiveMigrationQueueUnavailable(
                host=service.host, reason=_(
                    'its compute service version %(version)d is older than '
                    '%(minimum)d') % {
                        'version': service.version,
                        'minimum': MIN_COMPUTE_LIVE_MIGRATION_QUEUE_OPS})

    @staticmethod
    def _queued_migration(context, host, migration_id):
        """The live migration ``migration_id`` waiting in ``host``'s queue.

        :raises nova.exception.InvalidInput: no such live migration of the
            host (the id comes from the request body: 400).
        :raises nova.exception.MigrationNotQueued: it exists but does not
            wait (409).
        """
        try:
            migration = objects.Migration.get_by_id(context, migration_id)
        except exception.MigrationNotFound:
            migration = None
        if migration is None or not migration.is_live_migration or \
                migration.source_compute != host:
            raise exception.InvalidInput(reason=_(
                'host %(host)s has no live migration %(id)s') % {
                    'host': host, 'id': migration_id})
        if migration.status != Status.QUEUED.value:
            raise exception.MigrationNotQueued(
                instance_uuid=migration.instance_uuid)
        return migration

    def _describe(self, context, service):
        state = self._state(service)
        if state == UP:
            try:
                queue = self.compute_rpcapi.get_live_migration_queue(
                    context, service.host)
                queue['host_state'] = UP
                return queue
            except (messaging.MessagingException,
                    exception.LiveMigrationQueueUnavailable) as exc:
                LOG.warning('Compute %s did not describe its queue: %s',
                            service.host, exc)
                state = UNREACHABLE
        return self._describe_from_db(context, service.host, state)

    @staticmethod
    def _describe_from_db(context, host, state):
        migrations = objects.MigrationList.get_by_filters(context, {
            'source_compute': host, 'migration_type': 'live-migration',
            'status': list(_DB_ORDER)})
        ordered = sorted(migrations,
                         key=lambda m: (_DB_ORDER.index(m.status), m.id))
        reason = _('host %(host)s is %(state)s: listed from the database in '
                   'submission order, not confirmed by the compute') % {
                       'host': host, 'state': state}
        items = [_db_item(m, position, reason)
                 for position, m in enumerate(ordered, start=1)]
        queued = [m for m in ordered if m.status == Status.QUEUED.value]
        return {
            'host': host, 'host_state': state, 'slots': None,
            'running': len(ordered) - len(queued), 'queued': len(queued),
            'oldest_queued_at': _time(min(
                (m.updated_at for m in queued), default=None)),
            'estimated_drain_seconds': None, 'migrations': items}


def _db_item(migration, position, reason):
    queued = migration.status == Status.QUEUED.value
    return {'position': position, 'migration_id': migration.id,
            'migration_uuid': migration.uuid,
            'server_uuid': migration.instance_uuid,
            'dest_compute': migration.dest_compute,
            'status': migration.status,
            'queued_at': _time(migration.updated_at) if queued else None,
            'waiting_for': reason if queued else None, 'progress': None,
            'estimated_start': None, 'estimated_end': None,
            'estimate_note': None}
