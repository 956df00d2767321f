"""Service records, their heartbeat and the service version history."""

from oslo_utils import timeutils
from oslo_utils import versionutils

from nova.db.main import services as db
from nova.objects import base
from nova.objects import fields

# The version of this code, as the compute services report it.  Bump it with
# a new entry of SERVICE_VERSION_HISTORY whenever a service gains something
# its peers must know about before using it (the API's abort gate reads it).
SERVICE_VERSION = 5

# One entry per service version: the compute RPC version that version
# understands.  ``[upgrade_levels] compute = auto`` maps the lowest running
# compute's service version to its entry here.
SERVICE_VERSION_HISTORY = (
    # Version 0: pre-history (a record written before versions existed).
    {'compute_rpc': '5.0'},
    # Version 1: live migration through a bounded per-host queue; abort of
    # running live migrations only.
    {'compute_rpc': '5.0'},
    # Version 2: compute RPC 5.1; queued and preparing live migrations can
    # be aborted (nova.compute.rpcapi.MIN_SERVICE_ABORT_QUEUED).
    {'compute_rpc': '5.1'},
    # Version 3: compute RPC 5.2; the live-migration queue can be shown,
    # drained and reordered
    # (nova.compute.live_migration_queue_api
    # .MIN_COMPUTE_LIVE_MIGRATION_QUEUE_OPS).
    {'compute_rpc': '5.2'},
    # Version 4: compute RPC 5.3; server actions (pause, suspend, stop,
    # start, reboot, rebuild, password, console, snapshot, soft delete),
    # resize, cold migration and shelve.
    {'compute_rpc': '5.3'},
    # Version 5: compute RPC 5.4; get_host_uptime.
    {'compute_rpc': '5.4'},
)


@base.NovaObjectRegistry.register
class Service(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(),
        'binary': fields.StringField(),
        'topic': fields.StringField(nullable=True),
        'report_count': fields.IntegerField(default=0),
        'disabled': fields.BooleanField(default=False),
        'disabled_reason': fields.StringField(nullable=True),
        'forced_down': fields.BooleanField(default=False),
        'version': fields.IntegerField(default=0),
        'last_seen_up': fields.DateTimeField(nullable=True),
    }

    @base.remotable_classmethod
    def get_by_host_and_binary(cls, context, host, binary):
        return cls._from_db(context, db.service_get_by_host_and_binary(
            context, host, binary))

    @base.remotable_classmethod
    def get_by_compute_host(cls, context, host):
        return cls.get_by_host_and_binary(context, host, 'nova-compute')

    @base.remotable_classmethod
    def get_by_id(cls, context, service_id):
        return cls._from_db(context, db.service_get(context, service_id))

    @base.remotable_classmethod
    def get_minimum_version(cls, context, binary):
        return db.service_get_minimum_version(context, binary) or 0

    @base.remotable
    def create(self):
        values = base.db_values(self)
        values.setdefault('version', SERVICE_VERSION)
        row = db.service_create(self._context, values)
        self._refresh(row)

    @base.remotable
    def save(self):
        row = db.service_update(self._context, self.id,
                                base.db_values(self))
        self._refresh(row)

    @base.remotable
    def heartbeat(self):
        """Record one report; the up/down state derives from it."""
        self._refresh(db.service_heartbeat(self._context, self.id))

    @base.remotable
    def destroy(self):
        db.service_destroy(self._context, self.id)

    def is_up(self, service_down_time):
        """Up unless forced down or silent for ``service_down_time``."""
        if self.forced_down:
            return False
        last = self.last_seen_up or self.updated_at or self.created_at
        if last is None:
            return False
        elapsed = timeutils.delta_seconds(base.naive_utc(last),
                                          timeutils.utcnow())
        return abs(elapsed) <= service_down_time


@base.NovaObjectRegistry.register
class ServiceList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('Service')}

    @base.remotable_classmethod
    def get_all(cls, context, host=None, binary=None):
        return base.list_from_db_rows(
            cls, Service, context,
            db.service_get_all(context, host=host, binary=binary))


def compute_rpc_for_service_version(version):
    """The compute RPC version a compute of ``version`` understands."""
    version = max(0, min(version, len(SERVICE_VERSION_HISTORY) - 1))
    return SERVICE_VERSION_HISTORY[version]['compute_rpc']


def first_service_version_with(compute_rpc):
    """The lowest service version whose compute knows ``compute_rpc``."""
    for version, entry in enumerate(SERVICE_VERSION_HISTORY):
        if versionutils.is_compatible(compute_rpc, entry['compute_rpc']):
            return version
    raise ValueError('no service version understands compute RPC %s'
                     % compute_rpc)
