"""The end of a live migration and what it gives back, written as one unit.

A live migration that ends without completing holds two things: the
destination claim (allocations whose consumer is the migration) and the
instance's ``task_state``.  ``live_migration_revert`` writes the final
status, the release of the claim and the reset of the task state in one
transaction, so no reader and no crash ever sees one without the others.
"""

from oslo_utils import timeutils
import sqlalchemy as sa

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
    _refuse_if_destination_took_it(context, migration_id)
    updated = session.query(models.Migration).filter(
        models.Migration.id == migration_id,
        models.Migration.deleted == 0,
        models.Migration.status.in_(list(allowed_sources))).update(
        {'status': status, 'updated_at': now}, synchronize_session=False)
    row = migration_records.migration_get(context, migration_id)
    if updated != 1:
        raise exception.InvalidMigrationTransition(
            migration_id=migration_id, current=row.status, target=status)
    if release_claim:
        allocations.allocation_delete_by_consumer(context, row.uuid)
    cleared = session.query(models.Instance).filter(
        models.Instance.uuid == row.instance_uuid,
        models.Instance.deleted == 0,
        models.Instance.task_state == expected_task_state).update(
        {'task_state': sa.null(), 'updated_at': now},
        synchronize_session=False)
    return row, cleared == 1


def _refuse_if_destination_took_it(context, migration_id):
    row = migration_records.migration_get(context, migration_id)
    instance = context.session.query(models.Instance).filter(
        models.Instance.uuid == row.instance_uuid,
        models.Instance.deleted == 0).with_for_update().first()
    if instance is not None and row.dest_compute and \
            instance.host == row.dest_compute:
        raise exception.LiveMigrationTookPlace(
            migration_id=migration_id, instance_uuid=row.instance_uuid,
            host=row.dest_compute)
