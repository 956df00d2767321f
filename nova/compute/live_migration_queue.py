"""The source compute's queue of outgoing live migrations.

A live migration beyond ``max_concurrent_live_migrations`` waits here as a
future and a dict entry (never a thread) and can be aborted while it waits
(compute API 2.65).  The entry for an instance lives from ``submit`` until
its worker calls ``mark_started`` (after pre-live-migration succeeded), so
both ``queued`` and ``preparing`` migrations are found by ``cancel``.

The queue keeps its own order and hands a job to the bounded executor only
when a slot is free, so the order it shows is the order that runs, and an
operator can change it (``move``) until the job is dispatched.

Whoever removes an entry owns what happens next, and every check-then-act
step is done under one lock:

* ``cancel``, ``cancel_all`` or ``shutdown`` removed it and
  ``future.cancel()`` succeeded: the work never runs; the caller cleans up
  and marks it ``cancelled``.
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
from oslo_utils import timeutils

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
# ``dispatched``: entries a worker has (preparing, or about to), in
# dispatch order; ``waiting``: ``(migration, queued_at)`` in run order.
QueueSnapshot = collections.namedtuple('QueueSnapshot',
                                       ['dispatched', 'waiting'])


class _Job(object):
    """Work not yet handed to the executor."""

    __slots__ = ('migration', 'future', 'call', 'queued_at')

    def __init__(self, migration, future, call, queued_at):
        self.migration = migration
        self.future = future
        self.call = call
        self.queued_at = queued_at


class LiveMigrationQueue:
    """Run order, bounded dispatch and the instance uuid -> entry map.

    ``max_workers`` must be at least 1: mapping the option's 0 ("executor
    default") to a number is the caller's job, since only it knows the
    backend's default.  ``clock`` returns the current UTC time; tests
    inject one to drive queue timeouts without sleeping.
    """

    def __init__(self, max_workers, clock=timeutils.utcnow):
        self._executor = concurrency.make_executor(
            max_workers, name='live-migration')
        self.slots = max_workers
        self.clock = clock
        self._entries = {}
        # Jobs not yet dispatched, in the order they will run.
        self._pending = collections.OrderedDict()
        self._dispatched = 0
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
        future = concurrency.make_future()
        call = functools.partial(fn, *args, **kwargs)
        with self._lock:
            self._check_accepting(migration)
            self._entries[instance_uuid] = QueueEntry(migration, future)
            self._pending[instance_uuid] = _Job(migration, future, call,
                                                self.clock())
            self._unfinished.add(future)
            self._dispatch_locked()
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

    def _dispatch_locked(self):
        """Hand the head of the queue to the executor while slots are free.

        The caller holds the lock.  A job whose future was cancelled
        meanwhile is never in ``_pending`` any more.
        """
        while self._pending and self._dispatched < self.slots \
                and not self._shut_down:
            _uuid, job = self._pending.popitem(last=False)
            self._dispatched += 1
            self._executor.submit(self._run_job, job)

    def _run_job(self, job):
        try:
            if job.future.set_running_or_notify_cancel():
                self._complete(job)
        finally:
            with self._lock:
                self._dispatched -= 1
                self._dispatch_locked()

    @staticmethod
    def _complete(job):
        try:
            result = job.call()
        except BaseException as exc:
            job.future.set_exception(exc)
        else:
            job.future.set_result(result)

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
            job = self._pending.pop(instance_uuid, None)
        if entry is None:
            return CancelResult(CancelOutcome.NOT_QUEUED, None)
        return self._cancel_taken(entry, job is not None)

    def cancel_all(self):
        """Cancel every entry at once, waiting ones first in run order.

        Taking them all under one lock means no freed slot dispatches a
        job the caller is about to cancel.

        :returns: a list of ``CancelResult``, never ``NOT_QUEUED``.
        """
        with self._lock:
            waiting = list(self._pending)
            self._pending.clear()
            taken = [(self._entries.pop(uuid), True) for uuid in waiting]
            taken += [(entry, False) for entry in self._entries.values()]
            self._entries.clear()
        return [self._cancel_taken(entry, undispatched)
                for entry, undispatched in taken]

    @staticmethod
    def _cancel_taken(entry, undispatched):
        """Cancel an entry the caller alone holds now (outside the lock)."""
        if entry.future.cancel():
            if undispatched:
                # No worker will ever see it: finish the cancellation so
                # waiters on the future wake up.
                entry.future.set_running_or_notify_cancel()
            return CancelResult(CancelOutcome.CANCELLED, entry.migration)
        return CancelResult(CancelOutcome.ALREADY_STARTED, entry.migration)

    def move(self, instance_uuid, index):
        """Put a waiting job at ``index`` (0: runs next) of the queue.

        An index past the end puts it last.

        :returns: the index it now has.
        :raises nova.exception.MigrationNotQueued: the instance has no
            job waiting (it was dispatched, cancelled or never queued).
        """
        with self._lock:
            job = self._pending.pop(instance_uuid, None)
            if job is None:
                raise exception.MigrationNotQueued(instance_uuid=instance_uuid)
            order = list(self._pending.items())
            index = max(0, min(index, len(order)))
            order.insert(index, (instance_uuid, job))
            self._pending = collections.OrderedDict(order)
            return index

    def snapshot(self):
        """The queue as it will run: see ``QueueSnapshot``."""
        with self._lock:
            waiting = [(job.migration, job.queued_at)
                       for job in self._pending.values()]
            dispatched = [entry for uuid, entry in self._entries.items()
                          if uuid not in self._pending]
        return QueueSnapshot(dispatched, waiting)

    def waited_longer_than(self, seconds):
        """``(instance uuid, queued_at)`` of jobs queued ``seconds`` ago."""
        now = self.clock()
        with self._lock:
            return [(uuid, job.queued_at)
                    for uuid, job in self._pending.items()
                    if timeutils.delta_seconds(job.queued_at, now) >= seconds]

    def now(self):
        """The queue's clock (the one ``queued_at`` values come from)."""
        return self.clock()

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
            undispatched = set(self._pending)
            self._entries.clear()
            self._pending.clear()
        cancelled, started = [], []
        for entry in entries:
            result = self._cancel_taken(
                entry, entry.migration.instance_uuid in undispatched)
            if result.outcome is CancelOutcome.CANCELLED:
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
