"""The end of a live migration and what it gives back, written as one unit.

A live migration that ends without completing holds two things: the
destination claim (allocations whose consumer is the migration) and the
instance's ``task_state``.  ``live_migration_revert`` writes the final
status, the release of the claim and the reset of the task state in one
transaction, so no reader and no crash ever sees one without the others.
``live_migrations_revert`` does the same for many at once (a drain), in
one transaction of a few set-based statements per chunk of ids.
"""

from oslo_utils import timeutils
import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from nova.db.main import allocations
from nova.db.main import api
from nova.db.main import migration_records
from nova.db.main import models
from nova import exception


@api.context_manager.writer
def live_migration_revert(context, migration_id, status, allowed_sources,
                          expected_task_state, release_claim=True):
    """End a migration ``status`` and give back what it held, or nothing.

    The status moves by compare-and-swap from ``allowed_sources``; if
    another writer ended the migration first, InvalidMigrationTransition
    is raised and nothing is written.  Otherwise the migration's claims are
    released and the instance's ``task_state`` is cleared if it still is
    ``expected_task_state`` (an instance deleted or moved on meanwhile is
    left alone).  ``release_claim`` False keeps the claim (when releasing
    it is what failed).

    If the destination already made the instance its own (its post ran,
    the reply was lost), LiveMigrationTookPlace is raised and nothing is
    written: the migration must complete instead.  The instance row is
    locked first, so the destination's switch and this revert cannot both
    commit.

    :returns: (the migration row, whether the task state was cleared).
    """
    session = context.session
    now = timeutils.utcnow()
    row = migration_records.migration_get(context, migration_id)
    _refuse_if_destination_took_it(context, row)
    updated = session.query(models.Migration).filter(
        models.Migration.id == migration_id,
        models.Migration.deleted == 0,
        models.Migration.status.in_(list(allowed_sources))).update(
        {'status': status, 'updated_at': now}, synchronize_session=False)
    if updated != 1:
        session.refresh(row)
        raise exception.InvalidMigrationTransition(
            migration_id=migration_id, current=row.status, target=status)
    set_committed_value(row, 'status', status)
    set_committed_value(row, 'updated_at', now)
    if release_claim:
        allocations.allocation_delete_by_consumer(context, row.uuid)
    cleared = session.query(models.Instance).filter(
        models.Instance.uuid == row.instance_uuid,
        models.Instance.deleted == 0,
        models.Instance.task_state == expected_task_state).update(
        {'task_state': sa.null(), 'updated_at': now},
        synchronize_session=False)
    return row, cleared == 1


def _refuse_if_destination_took_it(context, migration):
    # The column alone: the instance's eager joins cannot be locked.
    found = context.session.query(models.Instance.host).filter(
        models.Instance.uuid == migration.instance_uuid,
        models.Instance.deleted == 0).with_for_update().first()
    if found is not None and migration.dest_compute and \
            found.host == migration.dest_compute:
        raise exception.LiveMigrationTookPlace(
            migration_id=migration.id, instance_uuid=migration.instance_uuid,
            host=migration.dest_compute)


@api.context_manager.writer
def live_migrations_revert(context, migration_ids, status, allowed_sources,
                           expected_task_state):
    """``live_migration_revert`` for many migrations, set-based.

    One transaction with a few statements per chunk of ids, whatever
    their number: the rows still in ``allowed_sources`` are locked and
    moved to ``status``, the claims they hold released, and their
    instances' ``task_state`` cleared where it still is
    ``expected_task_state``.  A migration another writer ended first is
    left out (and left alone), like the compare-and-swap of one.

    :returns: (the rows moved to ``status``, the uuids of the instances
        whose task state was cleared).
    """
    session = context.session
    model = models.Migration
    now = timeutils.utcnow()
    rows = []
    for chunk in api.chunks(migration_ids):
        rows += session.query(model).filter(
            model.id.in_(chunk), model.deleted == 0,
            model.status.in_(list(allowed_sources))).with_for_update().all()
    for chunk in api.chunks([row.id for row in rows]):
        session.query(model).filter(model.id.in_(chunk)).update(
            {'status': status, 'updated_at': now},
            synchronize_session=False)
    for row in rows:
        set_committed_value(row, 'status', status)
        set_committed_value(row, 'updated_at', now)
    allocations.allocation_delete_by_consumers(
        context, [row.uuid for row in rows])
    cleared = _clear_task_states(session, {row.instance_uuid for row in rows},
                                 expected_task_state, now)
    return rows, cleared


def _clear_task_states(session, instance_uuids, expected_task_state, now):
    """Clear ``task_state`` where it still is the expected one."""
    model = models.Instance
    cleared = []
    for chunk in api.chunks(sorted(instance_uuids)):
        match = (model.uuid.in_(chunk), model.deleted == 0,
                 model.task_state == expected_task_state)
        uuids = [uuid for uuid, in session.query(model.uuid).filter(
            *match).with_for_update()]
        if uuids:
            session.query(model).filter(model.uuid.in_(uuids)).update(
                {'task_state': sa.null(), 'updated_at': now},
                synchronize_session=False)
        cleared += uuids
    return cleared


@api.context_manager.writer
def set_queue_positions(context, migration_ids):
    """``queue_position`` = 1-based index in ``migration_ids``, set-based.

    One UPDATE with a CASE per chunk; only rows still ``queued`` change.
    """
    model = models.Migration
    for offset in range(0, len(migration_ids), api.CHUNK):
        chunk = migration_ids[offset:offset + api.CHUNK]
        position = sa.case(
            {migration_id: offset + index + 1
             for index, migration_id in enumerate(chunk)},
            value=model.id)
        context.session.query(model).filter(
            model.id.in_(chunk), model.deleted == 0,
            model.status == 'queued').update(
            {'queue_position': position}, synchronize_session=False)
