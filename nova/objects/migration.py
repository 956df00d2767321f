"""Migration records (live migrations here; cold types share the table)."""

from oslo_db import api as oslo_db_api
from oslo_utils import versionutils

from nova.compute import migration_states
from nova.compute import task_states
from nova.db.main import migration_outcomes
from nova.db.main import migration_records as db
from nova.objects import base
from nova.objects import fields


_FIELDS_SINCE_1_3 = ('block_migration', 'queue_position')


def _values(statuses):
    return sorted(migration_states.as_status(s).value for s in statuses)


# Statuses the APIs count as in progress, and those not yet final.
IN_PROGRESS_VALUES = _values(migration_states.IN_PROGRESS)
UNFINISHED_VALUES = _values(
    set(migration_states.MigrationStatus) - migration_states.FINAL_STATES)


def _allowed_sources(target, migration_type='live-migration'):
    """Statuses the type's table allows to move to ``target``."""
    return sorted(migration_states.allowed_sources(
        target, migration_states.table_for(migration_type)))


@base.NovaObjectRegistry.register
class Migration(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: get_with_compute_version, revert_and_end
    # Version 1.2: Statuses of resize and cold migration (pre-migrating,
    #              migrating, finished, confirming, confirmed, reverting,
    #              reverted); only 5.3 computes are sent such migrations.
    # Version 1.3: block_migration, queue_position (a resumed queue keeps
    #              both)
    VERSION = '1.3'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'source_compute': fields.StringField(nullable=True),
        'dest_compute': fields.StringField(nullable=True),
        'source_node': fields.StringField(nullable=True),
        'dest_node': fields.StringField(nullable=True),
        'dest_host': fields.StringField(nullable=True),
        'old_instance_type_id': fields.IntegerField(nullable=True),
        'new_instance_type_id': fields.IntegerField(nullable=True),
        'instance_uuid': fields.StringField(),
        'status': fields.MigrationStatusField(),
        'migration_type': fields.MigrationTypeField(),
        'hidden': fields.BooleanField(default=False),
        'memory_total': fields.IntegerField(nullable=True),
        'memory_processed': fields.IntegerField(nullable=True),
        'memory_remaining': fields.IntegerField(nullable=True),
        'disk_total': fields.IntegerField(nullable=True),
        'disk_processed': fields.IntegerField(nullable=True),
        'disk_remaining': fields.IntegerField(nullable=True),
        'cross_cell_move': fields.BooleanField(default=False),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'dest_compute_id': fields.IntegerField(nullable=True),
        # As asked (None: "auto"), so a resumed migration keeps it.
        'block_migration': fields.BooleanField(nullable=True),
        # Place in its source's queue an operator last set (1 runs first);
        # None: never moved, runs in submission order after those placed.
        'queue_position': fields.IntegerField(nullable=True),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if versionutils.convert_version_to_tuple(target_version) < (1, 3):
            for name in _FIELDS_SINCE_1_3:
                primitive.pop(name, None)

    @base.remotable_classmethod
    def get_by_id(cls, context, migration_id):
        return cls._from_db(context, db.migration_get(context, migration_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, migration_uuid):
        return cls._from_db(context, db.migration_get_by_uuid(
            context, migration_uuid))

    @base.remotable_classmethod
    def get_by_id_and_instance(cls, context, migration_id, instance_uuid):
        return cls._from_db(context, db.migration_get_by_id_and_instance(
            context, migration_id, instance_uuid))

    @base.remotable_classmethod
    def get_with_compute_version(cls, context, migration_id, instance_uuid,
                                 host):
        """The migration and ``host``'s compute service version (or None)."""
        row, version = db.migration_get_with_compute_version(
            context, migration_id, instance_uuid, host)
        return cls._from_db(context, row), version

    @base.remotable
    def create(self):
        row = db.migration_create(self._context, base.db_values(self))
        self._refresh(row)

    @base.remotable
    def save(self):
        """Write changes; a status change must be legal and wins only once.

        The status moves with compare-and-swap: the database row is updated
        only if its current status may lead to the new one (the transition
        table), so of two writers racing, e.g. the worker moving to
        ``running`` and an abort moving to ``cancelled``, exactly one wins
        and the other gets InvalidMigrationTransition.
        """
        values = base.db_values(self)
        if values.get('status') is not None and \
                values['status'] == getattr(self, '_saved_status', None):
            del values['status']
        if not values:
            return
        expected = None
        if 'status' in values:
            migration_type = (self.migration_type
                              if self.obj_attr_is_set('migration_type')
                              else 'live-migration')
            expected = _allowed_sources(values['status'], migration_type)
        row = db.migration_update(self._context, self.id, values,
                                  expected_status=expected)
        self._refresh(row)

    @base.remotable
    def revert_and_end(self, status, release_claim=True):
        """End ``status``, release the claim, clear the task state: one unit.

        One transaction (``migration_outcomes``) behind one remotable call,
        so a compute without database credentials makes one conductor
        round trip.  Raises InvalidMigrationTransition, having written
        nothing, if another writer ended the migration first.
        ``release_claim`` False leaves the destination claim held.

        :returns: whether the instance's ``migrating`` task state was
            cleared.
        """
        status = migration_states.as_status(status).value
        row, cleared = _retry_on_deadlock(
            migration_outcomes.live_migration_revert, self._context,
            self.id, status, _allowed_sources(status),
            task_states.MIGRATING, release_claim)
        self._refresh(row)
        return cleared

    @base.remotable
    def refresh(self):
        self._refresh(db.migration_get(self._context, self.id))

    def obj_reset_changes(self, fields=None, recursive=False):
        super().obj_reset_changes(fields, recursive)
        if self.obj_attr_is_set('status'):
            self._saved_status = self.status

    @property
    def is_live_migration(self):
        return self.migration_type == 'live-migration'


def _retry_on_deadlock(fn, *args):
    """Run a transaction again if the database chose it to break a lock."""
    return oslo_db_api.wrap_db_retry(
        max_retries=5, retry_interval=0.01, inc_retry_interval=True,
        max_retry_interval=0.2, jitter=True,
        retry_on_deadlock=True)(fn)(*args)


@base.NovaObjectRegistry.register
class MigrationList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: revert_and_end_all, set_queue_positions
    VERSION = '1.1'
    fields = {'objects': fields.ListOfObjectsField('Migration')}

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, sort_newest=False, limit=None,
                       marker=None):
        return base.list_from_db_rows(
            cls, Migration, context, db.migration_get_all_by_filters(
                context, filters, sort_newest=sort_newest, limit=limit,
                marker=marker))

    @base.remotable_classmethod
    def revert_and_end_all(cls, context, migration_ids, status):
        """``Migration.revert_and_end`` for many live migrations at once.

        One transaction of set-based statements (``migration_outcomes``)
        behind one remotable call, whatever the number: a drain of 1,000
        costs a few statements, not 1,000 round trips.  Each migration
        moves by compare-and-swap from the statuses the transition table
        allows to lead to ``status``; one another writer ended first is
        left out of the answer and written nothing.

        :returns: (the migrations ended ``status``, the uuids of the
            instances whose ``migrating`` task state was cleared).
        """
        status = migration_states.as_status(status).value
        rows, cleared = _retry_on_deadlock(
            migration_outcomes.live_migrations_revert, context,
            list(migration_ids), status, _allowed_sources(status),
            task_states.MIGRATING)
        return base.list_from_db_rows(cls, Migration, context, rows), cleared

    @base.remotable_classmethod
    def set_queue_positions(cls, context, migration_ids):
        """Persist a queue's order: ``migration_ids[0]`` runs first.

        Each gets its 1-based place as ``queue_position`` (set-based); a
        migration no longer ``queued`` is left alone.
        """
        migration_outcomes.set_queue_positions(context, list(migration_ids))

    @base.remotable_classmethod
    def get_in_progress_by_instance(cls, context, instance_uuid):
        return cls.get_by_filters(context, {
            'instance_uuid': instance_uuid,
            'migration_type': 'live-migration',
            'status': IN_PROGRESS_VALUES})

    @base.remotable_classmethod
    def get_unfinished_by_source(cls, context, host):
        """Live migrations from ``host`` not yet in a final state."""
        return cls.get_by_filters(context, {
            'source_compute': host, 'migration_type': 'live-migration',
            'status': UNFINISHED_VALUES})
