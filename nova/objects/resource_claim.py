"""Resource claims, remotable so computes release them through conductor.

Consumers follow Placement: an instance holds its host's resources; a
migration holds the destination's while it runs.  All writes are
compare-and-swap on the node generation (``nova.db.main.allocations``);
a lost race is retried here a few times before it surfaces.
"""

from oslo_db import exception as db_exc

from nova.db.main import allocations as db
from nova.db.main import services as services_db
from nova import exception
from nova.objects import base
from nova.objects import fields

_CAS_RETRIES = 10


def _node_id(context, host, nodename):
    return services_db.compute_node_get_by_host_and_nodename(
        context, host, nodename).id


def _retry_on_conflict(fn):
    """Retry a lost compare-and-swap, or a deadlock InnoDB chose us for."""
    for attempt in range(_CAS_RETRIES):
        try:
            return fn()
        except (exception.ClaimConflict, db_exc.DBDeadlock):
            if attempt == _CAS_RETRIES - 1:
                raise


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
