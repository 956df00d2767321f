"""The source compute's queue of outgoing live migrations.

A live migration beyond ``max_concurrent_live_migrations`` waits here as a
future and a dict entry (never a thread) and can be aborted while it waits
(compute API 2.65).  The entry for an instance lives from ``submit`` until
its worker calls ``mark_started`` (after pre-live-migration succeeded), so
both ``queued`` and ``preparing`` migrations are found by ``cancel``.

Whoever removes an entry owns what happens next, and removal is the only
check-then-act step, done under one lock:

* ``cancel`` or ``shutdown`` removed it and ``future.cancel()`` succeeded:
  the work never runs; the caller cleans up and marks it ``cancelled``.
* they removed it but the future was already running: the worker's
  ``mark_started`` returns False and the worker rolls back by itself.
* the worker removed it (``mark_started`` returned True): an abort now has
  to go through the driver.

This module knows nothing of RPC, the database or drivers; the compute
manager matches on the outcomes and does the talking.
"""

import collections
import enum
import functools
import threading
import types

from futurist import waiters

from nova import concurrency
from nova import exception
from nova.i18n import _


class LiveMigrationAlreadyQueued(exception.LiveMigrationNotSubmitted):
    msg_fmt = _('Failed to submit live migration %(migration_uuid)s for '
                'instance %(instance_uuid)s: live migration '
                '%(queued_uuid)s of this instance is still queued.')


class CancelOutcome(enum.Enum):
    """What ``cancel`` did, so the manager can match instead of guess."""

    # The work will never run: release the claim, clear task_state and
    # mark the migration cancelled.
    CANCELLED = 'cancelled'
    # A worker already took the job: its mark_started returns False and it
    # rolls back itself.
    ALREADY_STARTED = 'already-started'
    # Nothing waiting for this instance: abort through the driver if the
    # migration is running.
    NOT_QUEUED = 'not-queued'


QueueEntry = collections.namedtuple('QueueEntry', ['migration', 'future'])
CancelResult = collections.namedtuple('CancelResult',
                                      ['outcome', 'migration'])
ShutdownResult = collections.namedtuple('ShutdownResult',
                                        ['cancelled', 'started'])


class LiveMigrationQueue:
    """Bounded executor plus the instance uuid -> (migration, future) map.

    ``max_workers`` must be at least 1: mapping the option's 0 ("executor
    default") to a number is the caller's job, since only it knows the
    backend's default.
    """

    def __init__(self, max_workers):
        self._executor = concurrency.make_executor(
            max_workers, name='live-migration')
        self._entries = {}
        # Every submitted future until it is done, queued or running, so a
        # caller that must (e.g. an embedded cloud stopping all its hosts)
        # can wait for the workers without the queue ever waiting itself.
        self._unfinished = set()
        # Green once eventlet has patched threading, native otherwise.
        self._lock = threading.Lock()
        self._shut_down = False
        self._view = types.MappingProxyType(self._entries)

    @property
    def waiting(self):
        """Live read-only map instance uuid -> ``QueueEntry``.

        Entries unpack as ``(migration, future)`` like upstream's
        ``_waiting_live_migrations``.  It changes under other threads:
        iterate over ``dict(queue.waiting)``, never the view itself.
        """
        return self._view

    def __len__(self):
        return len(self._entries)

    def __contains__(self, instance_uuid):
        return instance_uuid in self._entries

    def submit(self, migration, fn, *args, **kwargs):
        """Queue ``fn(*args, **kwargs)`` for ``migration.instance_uuid``.

        The entry exists before any worker can look for it, because the
        worker's ``mark_started`` needs the same lock.

        :returns: the future of the work.
        :raises nova.exception.LiveMigrationQueueShutDown: after shutdown.
        :raises LiveMigrationAlreadyQueued: the instance already has an
            entry; the work is not submitted.
        """
        instance_uuid = migration.instance_uuid
        with self._lock:
            self._check_accepting(migration)
            future = self._executor.submit(fn, *args, **kwargs)
            self._entries[instance_uuid] = QueueEntry(migration, future)
            self._unfinished.add(future)
        # Outside the lock: an already finished future runs the callback
        # right here, and the callback takes the lock.
        future.add_done_callback(
            functools.partial(self._forget_finished, instance_uuid))
        return future

    def _check_accepting(self, migration):
        if self._shut_down:
            raise exception.LiveMigrationQueueShutDown()
        queued = self._entries.get(migration.instance_uuid)
        if queued is not None:
            raise LiveMigrationAlreadyQueued(
                migration_uuid=getattr(migration, 'uuid', None),
                instance_uuid=migration.instance_uuid,
                queued_uuid=getattr(queued.migration, 'uuid', None))

    def mark_started(self, instance_uuid):
        """Claim the instance's entry for its worker, once it may run.

        :returns: True if the worker may go on to ``running``; False if an
            abort or a shutdown took the entry first, and the worker must
            roll back with status ``cancelled``.
        """
        with self._lock:
            return self._entries.pop(instance_uuid, None) is not None

    def cancel(self, instance_uuid):
        """Take the instance's entry away from its worker.

        :returns: ``CancelResult(outcome, migration)``; ``migration`` is
            None for ``NOT_QUEUED``.
        """
        with self._lock:
            entry = self._entries.pop(instance_uuid, None)
        if entry is None:
            return CancelResult(CancelOutcome.NOT_QUEUED, None)
        # The entry is ours alone now, so cancelling outside the lock cannot
        # race another cancel; it must be outside since it runs callbacks.
        if entry.future.cancel():
            return CancelResult(CancelOutcome.CANCELLED, entry.migration)
        return CancelResult(CancelOutcome.ALREADY_STARTED, entry.migration)

    def shutdown(self):
        """Stop intake and cancel the waiting work; never wait for workers.

        Entries of workers that already run are removed as well, so their
        ``mark_started`` returns False and they roll back themselves.
        A second call returns empty lists.

        :returns: ``ShutdownResult(cancelled, started)``, two lists of
            migrations in submission order: work that will never run
            (the caller marks it ``cancelled``) and work whose worker had
            already begun.
        """
        with self._lock:
            if self._shut_down:
                return ShutdownResult([], [])
            self._shut_down = True
            entries = list(self._entries.values())
            self._entries.clear()
        cancelled, started = [], []
        for entry in entries:
            if entry.future.cancel():
                cancelled.append(entry.migration)
            else:
                started.append(entry.migration)
        self._executor.shutdown(wait=False)
        return ShutdownResult(cancelled, started)

    def wait_idle(self, timeout):
        """Wait up to ``timeout`` seconds for every worker to finish.

        :returns: True if none is left running.
        """
        with self._lock:
            pending = list(self._unfinished)
        _done, not_done = waiters.wait_for_all(pending, timeout=timeout)
        return not not_done

    def _forget_finished(self, instance_uuid, future):
        """Drop the entry of work that ended without calling mark_started.

        A worker that failed before pre-live-migration finished has already
        settled its migration; a leftover entry would make a later abort
        wait for a rollback that never comes.
        """
        with self._lock:
            self._unfinished.discard(future)
            entry = self._entries.get(instance_uuid)
            if entry is not None and entry.future is future:
                del self._entries[instance_uuid]
