"""Resource claims, remotable so computes release them through conductor.

Consumers follow Placement: an instance holds its host's resources; a
migration holds the destination's while it runs.  All writes are
compare-and-swap on the node generation (``nova.db.main.allocations``);
a lost race, or a deadlock InnoDB chose us for, is retried here with a
growing, jittered pause (so racing claims spread out instead of colliding
again) before it surfaces.
"""

from oslo_db import api as oslo_db_api

from nova.db.main import allocations as db
from nova.db.main import services as services_db
from nova import exception
from nova.objects import base
from nova.objects import fields

_CAS_RETRIES = 10
# Pauses of up to 10 ms, 20 ms, 40 ms ... capped at 200 ms: under two
# seconds in all, for the worst case of ten lost races in a row.
_CAS_RETRY_INTERVAL = 0.005
_CAS_MAX_RETRY_INTERVAL = 0.2


def _node_id(context, host, nodename):
    return services_db.compute_node_get_by_host_and_nodename(
        context, host, nodename).id


def _retry_on_conflict(fn):
    """Call ``fn``, retrying a lost compare-and-swap or a deadlock."""
    retrying = oslo_db_api.wrap_db_retry(
        max_retries=_CAS_RETRIES, retry_interval=_CAS_RETRY_INTERVAL,
        inc_retry_interval=True,
        max_retry_interval=_CAS_MAX_RETRY_INTERVAL, jitter=True,
        retry_on_deadlock=True,
        exception_checker=lambda exc: isinstance(
            exc, exception.ClaimConflict))
    return retrying(fn)()


@base.NovaObjectRegistry.register
class ResourceClaim(base.NovaObject):
    """Namespace of remotable claim operations (no state of its own)."""
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'consumer_uuid': fields.UUIDField()}

    @base.remotable_classmethod
    def claim(cls, context, consumer_uuid, host, nodename, resources):
        """Claim ``resources`` on a node or raise InsufficientResources."""
        node_id = _node_id(context, host, nodename)
        _retry_on_conflict(lambda: db.allocation_claim(
            context, consumer_uuid, node_id, dict(resources)))

    @base.remotable_classmethod
    def release(cls, context, consumer_uuid, host=None, nodename=None):
        """Release what a consumer holds (on one node, or everywhere)."""
        node_id = None
        if host is not None:
            node_id = _node_id(context, host, nodename or host)
        return _retry_on_conflict(lambda: db.allocation_delete_by_consumer(
            context, consumer_uuid, node_id))

    @base.remotable_classmethod
    def move(cls, context, source_consumer, target_consumer, host,
             nodename):
        """Give ``target_consumer`` what ``source_consumer`` holds there."""
        node_id = _node_id(context, host, nodename)
        return _retry_on_conflict(lambda: db.allocation_move(
            context, source_consumer, target_consumer, node_id))

    @base.remotable_classmethod
    def held_by(cls, context, consumer_uuid):
        """{node id: {rc: amount}} held by a consumer."""
        return {str(k): v for k, v in db.allocation_get_by_consumer(
            context, consumer_uuid).items()}
