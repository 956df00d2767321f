"""Resource claims in Placement's consumer model.

A consumer (an instance, or a migration while it holds a destination) owns
``allocations`` rows on a compute node.  Every change of a node's
allocations bumps the node's ``generation``.  A claim does it with
compare-and-swap against the generation it read, so two claims racing for
the last resources cannot both succeed: the loser sees ``ClaimConflict``
and re-reads.  Releases and moves never add usage, so they bump the
generation in place (invalidating claims that read before them) and never
lose a race themselves: a burst of aborts cannot fail to give back claims.

Every writer also locks the node rows it changes first (``SELECT ... FOR
UPDATE``, in id order), so writers on one node queue up instead of failing
each other's compare-and-swap or deadlocking on the allocation rows.  On
SQLite the lock is a no-op: its writers hold the whole database.
"""

from sqlalchemy import func

from nova.db.main import api
from nova.db.main import models
from nova import exception

RESOURCE_CLASSES = ('VCPU', 'MEMORY_MB', 'DISK_GB')

_CAPACITY = {
    'VCPU': ('vcpus', 'cpu_allocation_ratio'),
    'MEMORY_MB': ('memory_mb', 'ram_allocation_ratio'),
    'DISK_GB': ('local_gb', 'disk_allocation_ratio'),
}


def capacity(node, resource_class):
    total_attr, ratio_attr = _CAPACITY[resource_class]
    return int(getattr(node, total_attr) * getattr(node, ratio_attr))


def _usage(session, node_id):
    rows = session.query(models.Allocation.resource_class,
                         func.sum(models.Allocation.used)).filter(
        models.Allocation.compute_node_id == node_id).group_by(
        models.Allocation.resource_class).all()
    return {rc: int(total or 0) for rc, total in rows}


def _bump_generation(session, node):
    updated = session.query(models.ComputeNode).filter(
        models.ComputeNode.id == node.id,
        models.ComputeNode.generation == node.generation).update(
        {'generation': node.generation + 1}, synchronize_session=False)
    if updated != 1:
        raise exception.ClaimConflict(host=node.host)


def _lock_nodes(session, node_ids):
    """Lock the node rows, in id order; return them by id."""
    rows = session.query(models.ComputeNode).filter(
        models.ComputeNode.id.in_(sorted(node_ids))).order_by(
        models.ComputeNode.id).with_for_update().all()
    return {row.id: row for row in rows}


def _touch_generation(session, node_id):
    """Bump a node's generation whatever it is now (no usage added)."""
    session.query(models.ComputeNode).filter(
        models.ComputeNode.id == node_id).update(
        {'generation': models.ComputeNode.generation + 1},
        synchronize_session=False)


@api.context_manager.reader
def usage_by_node(context, node_id):
    """{resource class: amount used} on one compute node."""
    return _usage(context.session, node_id)


@api.context_manager.writer
def allocation_claim(context, consumer_uuid, node_id, resources):
    """Claim ``resources`` ({rc: amount}) on a node for a consumer.

    Raises InsufficientResources if the node cannot hold them and
    ClaimConflict if another claim changed the node meanwhile.  A consumer
    already holding resources on the node has them replaced.
    """
    session = context.session
    node = _lock_nodes(session, [node_id]).get(node_id)
    if node is None:
        raise exception.ComputeNodeNotFound(host=node_id)
    session.query(models.Allocation).filter_by(
        consumer_uuid=consumer_uuid, compute_node_id=node_id).delete(
        synchronize_session=False)
    usage = _usage(session, node_id)
    for rc, amount in resources.items():
        if usage.get(rc, 0) + amount > capacity(node, rc):
            raise exception.InsufficientResources(
                host=node.host, consumer=consumer_uuid,
                reason='not enough %s (%d used of %d, %d asked)' % (
                    rc, usage.get(rc, 0), capacity(node, rc), amount))
    for rc, amount in resources.items():
        if amount:
            session.add(models.Allocation(
                consumer_uuid=consumer_uuid, compute_node_id=node_id,
                resource_class=rc, used=amount))
    _bump_generation(session, node)


@api.context_manager.writer
def allocation_delete_by_consumer(context, consumer_uuid, node_id=None):
    """Release what a consumer holds (on one node, or everywhere)."""
    session = context.session
    query = session.query(models.Allocation).filter_by(
        consumer_uuid=consumer_uuid)
    if node_id is not None:
        query = query.filter_by(compute_node_id=node_id)
    node_ids = {row.compute_node_id for row in query.all()}
    if not node_ids:
        return False
    _lock_nodes(session, node_ids)
    query.delete(synchronize_session=False)
    for held_node_id in sorted(node_ids):
        _touch_generation(session, held_node_id)
    return True


@api.context_manager.writer
def allocation_delete_by_consumers(context, consumer_uuids):
    """Release what many consumers hold, set-based (a drain's claims).

    One DELETE per chunk of consumers; the nodes they held on are locked
    first and bumped once each, as ``allocation_delete_by_consumer`` does
    for one.

    :returns: the uuids of the consumers that held anything.
    """
    session = context.session
    model = models.Allocation
    held = set()
    node_ids = set()
    for chunk in api.chunks(consumer_uuids):
        for consumer, node_id in session.query(
                model.consumer_uuid, model.compute_node_id).filter(
                model.consumer_uuid.in_(chunk)).distinct():
            held.add(consumer)
            node_ids.add(node_id)
    if not node_ids:
        return held
    _lock_nodes(session, node_ids)
    for chunk in api.chunks(sorted(held)):
        session.query(model).filter(model.consumer_uuid.in_(chunk)).delete(
            synchronize_session=False)
    for node_id in sorted(node_ids):
        _touch_generation(session, node_id)
    return held


@api.context_manager.writer
def allocation_move(context, source_consumer, target_consumer, node_id):
    """Hand what ``source_consumer`` holds on a node to ``target_consumer``.

    Used when a live migration completes: the instance takes over the
    destination resources its migration claimed.
    """
    session = context.session
    _lock_nodes(session, [node_id])
    session.query(models.Allocation).filter_by(
        consumer_uuid=target_consumer, compute_node_id=node_id).delete(
        synchronize_session=False)
    moved = session.query(models.Allocation).filter_by(
        consumer_uuid=source_consumer, compute_node_id=node_id).update(
        {'consumer_uuid': target_consumer}, synchronize_session=False)
    _touch_generation(session, node_id)
    return moved


@api.context_manager.reader
def allocation_get_by_consumer(context, consumer_uuid):
    """{node id: {rc: amount}} held by a consumer."""
    rows = context.session.query(models.Allocation).filter_by(
        consumer_uuid=consumer_uuid).all()
    held = {}
    for row in rows:
        held.setdefault(row.compute_node_id, {})[row.resource_class] = \
            row.used
    return held
