"""Statuses of a live migration and the only moves allowed between them.

Every status change on the live path is checked against one table, so an
illegal move (say ``cancelled`` back to ``running``) is a bug that raises at
the point it happens instead of a record that silently lies.  The same table
drives the contributor diagram (``tools/gen_migration_states.py``), so the
docs cannot drift from the code.

The values are Nova's wire strings; members compare equal to them, so a
status read from the database or the API can be passed in as a plain string.
"""

import enum
import types

from nova import exception


class MigrationStatus(str, enum.Enum):
    """A migration record's ``status`` field, by its wire string."""

    ACCEPTED = 'accepted'
    QUEUED = 'queued'
    PREPARING = 'preparing'
    RUNNING = 'running'
    # Used by cold migration and resize; listed because the APIs count it as
    # in progress.  The live path never enters it, so it has no row below.
    POST_MIGRATING = 'post-migrating'
    COMPLETED = 'completed'
    FAILED = 'failed'
    ERROR = 'error'
    CANCELLED = 'cancelled'
    # Cold migration and resize only (``COLD_TRANSITIONS``).
    PRE_MIGRATING = 'pre-migrating'
    MIGRATING = 'migrating'
    FINISHED = 'finished'
    CONFIRMING = 'confirming'
    CONFIRMED = 'confirmed'
    REVERTING = 'reverting'
    REVERTED = 'reverted'

    def __str__(self):
        return self.value

    def __format__(self, format_spec):
        return format(self.value, format_spec)


_S = MigrationStatus

FINAL_STATES = frozenset({_S.COMPLETED, _S.FAILED, _S.ERROR, _S.CANCELLED})

# Source status -> statuses it may move to on the live-migration path.
TRANSITIONS = types.MappingProxyType({
    _S.ACCEPTED: frozenset({_S.QUEUED, _S.ERROR, _S.FAILED, _S.CANCELLED}),
    _S.QUEUED: frozenset({_S.PREPARING, _S.CANCELLED, _S.ERROR}),
    _S.PREPARING: frozenset({_S.RUNNING, _S.CANCELLED, _S.FAILED,
                             _S.ERROR}),
    _S.RUNNING: frozenset({_S.COMPLETED, _S.FAILED, _S.ERROR,
                           _S.CANCELLED}),
    _S.COMPLETED: frozenset(),
    _S.FAILED: frozenset(),
    _S.ERROR: frozenset(),
    _S.CANCELLED: frozenset(),
})

# Cold migration and resize (migration_type 'migration' / 'resize'): the
# conductor creates ``pre-migrating``; the source powers off and sends the
# disk (``migrating``, then ``post-migrating``); the destination runs the
# guest (``finished``, the server is VERIFY_RESIZE); the user confirms or
# reverts (or ``resize_confirm_window`` confirms).
COLD_TRANSITIONS = types.MappingProxyType({
    _S.PRE_MIGRATING: frozenset({_S.MIGRATING, _S.ERROR}),
    _S.MIGRATING: frozenset({_S.POST_MIGRATING, _S.ERROR}),
    _S.POST_MIGRATING: frozenset({_S.FINISHED, _S.ERROR}),
    _S.FINISHED: frozenset({_S.CONFIRMING, _S.REVERTING}),
    _S.CONFIRMING: frozenset({_S.CONFIRMED, _S.ERROR}),
    _S.REVERTING: frozenset({_S.REVERTED, _S.ERROR}),
    _S.CONFIRMED: frozenset(),
    _S.REVERTED: frozenset(),
    _S.ERROR: frozenset(),
})
COLD_FINAL_STATES = frozenset({_S.CONFIRMED, _S.REVERTED, _S.ERROR})


def table_for(migration_type):
    """The transition table of a migration of ``migration_type``."""
    if migration_type in ('migration', 'resize'):
        return COLD_TRANSITIONS
    return TRANSITIONS


# Listed by GET /servers/{id}/migrations and shown by its show call.
IN_PROGRESS = frozenset({_S.QUEUED, _S.PREPARING, _S.RUNNING,
                         _S.POST_MIGRATING})

# DELETE /servers/{id}/migrations/{mid}: what may be aborted per version.
ABORTABLE_BEFORE_2_65 = frozenset({_S.RUNNING})
ABORTABLE_AT_2_65 = frozenset({_S.QUEUED, _S.PREPARING, _S.RUNNING})


def as_status(value):
    """The member for ``value`` (a member or its wire string).

    :raises ValueError: ``value`` is not one of Nova's migration statuses.
    """
    return MigrationStatus(value)


def is_final(status):
    """True once a migration can never change status again.

    :raises ValueError: ``status`` is not a known migration status.
    """
    return as_status(status) in FINAL_STATES


def check_transition(current, target, migration_id=None,
                     table=TRANSITIONS):
    """Return ``target`` as a member if moving there from ``current`` is legal.

    Callers check before they set ``migration.status`` and save, so a
    refused move leaves the record untouched.  A status outside the live
    table (an unknown string or ``post-migrating``) is refused too.

    :raises nova.exception.InvalidMigrationTransition: the move is illegal.
    """
    try:
        source, destination = as_status(current), as_status(target)
    except ValueError:
        source = destination = None
    if destination not in table.get(source, ()):
        raise exception.InvalidMigrationTransition(
            migration_id='unknown' if migration_id is None else migration_id,
            current=current, target=target)
    return destination


def allowed_sources(target, table=TRANSITIONS):
    """Every status ``table`` allows to move to ``target``, as wire strings.

    What a compare-and-swap on the database row may move from: the same
    table ``check_transition`` reads, so a single and a bulk move can never
    disagree.
    """
    target = as_status(target)
    return frozenset(source.value for source, targets in table.items()
                     if target in targets)


def check_transitions(moves, target, table=TRANSITIONS):
    """Split ``(migration_id, current)`` pairs by whether each may move.

    The bulk form of ``check_transition`` for set-based writes (a drain
    ends hundreds of migrations at once): the caller writes only the
    legal ones, by compare-and-swap from ``allowed_sources(target)``.

    :returns: ``(legal ids, {refused id: InvalidMigrationTransition})``,
        legal ones in the order given.
    """
    legal, refused = [], {}
    for migration_id, current in moves:
        try:
            check_transition(current, target, migration_id, table)
        except exception.InvalidMigrationTransition as exc:
            refused[migration_id] = exc
        else:
            legal.append(migration_id)
    return legal, refused
