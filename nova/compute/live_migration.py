"""The source side of live migration: queue, worker, abort, shutdown.

A migration cast to this host is saved ``queued`` and submitted to the
bounded queue (``live_migration_queue``) under the intake lock, so an abort
can never fall between the two.  The worker moves it to ``preparing``, asks
the destination to prepare, then takes its queue entry (``mark_started``):
from then on it is handed to the driver and aborts go through the driver.
The short window between taking the entry and the driver owning the job is
covered by a per-instance ``_Handoff`` whose ``abort_requested`` the worker
checks before it starts the driver.

Every path ends the migration in a final status and gives back exactly what
it held: the destination claim (consumer: the migration) and the instance's
``task_state``.  A revert writes all three in one transaction, so a crash
leaves either all of it or a non-final migration that ``init_host``
repairs.
"""

import collections
import functools
import threading

from futurist import waiters
from oslo_log import log as logging

from nova.compute import live_migration_cancel as lm_cancel
from nova.compute import live_migration_notify as lm_notify
from nova.compute import live_migration_queue as lm_queue
from nova.compute import migration_states
from nova.compute import utils as compute_utils
import nova.conf
from nova import exception
from nova import monkey_patch
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

Status = migration_states.MigrationStatus
Outcome = lm_queue.CancelOutcome

# ``migrate_data`` of a migration resumed at start: the worker asks the
# destination to check again before it prepares.
RECHECK_DESTINATION = object()


def pool_size():
    """``max_concurrent_live_migrations``, with 0 mapped to a real bound."""
    if CONF.max_concurrent_live_migrations > 0:
        return CONF.max_concurrent_live_migrations
    if monkey_patch.is_eventlet():
        return CONF.live_migration_workers_max
    return 5


class _Handoff(object):
    """A migration between leaving the queue and ending."""

    def __init__(self, migration, instance, started_at):
        self.migration = migration
        self.instance = instance
        self.started_at = started_at
        self.abort_requested = False
        self.in_driver = False


class LiveMigrationSource(object):
    """Outgoing live migrations of one compute host."""

    def __init__(self, host, driver, compute_rpcapi):
        self.host = host
        self.driver = driver
        self.compute_rpcapi = compute_rpcapi
        self.queue = lm_queue.LiveMigrationQueue(pool_size())
        self._intake_lock = threading.Lock()
        self._handoff_lock = threading.Lock()
        self._handoffs = {}
        # instance uuid -> future of its worker, until the work is done.
        self._workers = {}
        self._shutting_down = False
        # Seconds each recent migration spent from leaving the queue to
        # completing: the queue's estimates are made of these.
        self.run_times = collections.deque(maxlen=20)

    # Intake (RPC ``live_migration``).

    def enqueue(self, context, instance, dest, block_migration, migration,
                migrate_data):
        """Save ``queued`` and submit, atomically with respect to aborts.

        ``block_migration`` is saved with the status, so a restart with
        ``live_migration_queue_on_start = resume`` can ask for it again.
        """
        with self._intake_lock:
            migration.block_migration = block_migration
            if not try_set_status(migration, Status.QUEUED):
                # Ended before it got here (a restarted conductor repaired
                # it): whoever ended it gave back what it held.
                return
            try:
                future = self.queue.submit(
                    migration, self._run, context, instance, dest,
                    block_migration, migration, migrate_data)
                self._workers[instance.uuid] = future
                future.add_done_callback(functools.partial(
                    self._forget_worker, instance.uuid))
            except exception.NovaException as exc:
                self.revert(context, instance, migration, Status.ERROR)
                raise exception.LiveMigrationNotSubmitted(
                    migration_uuid=migration.uuid,
                    instance_uuid=instance.uuid, reason=exc.format_message())

    def _forget_worker(self, instance_uuid, future):
        if self._workers.get(instance_uuid) is future:
            del self._workers[instance_uuid]

    def resume(self, context, instance, migration):
        """Queue again a migration a killed compute left ``queued``.

        What the conductor's cast carried is gone but its
        ``block_migration`` (saved at intake); the worker asks the
        destination for the rest again when its turn comes (not now: start
        never waits on another host).
        """
        self.enqueue(context, instance, migration.dest_compute,
                     migration.block_migration, migration,
                     RECHECK_DESTINATION)

    # The worker.

    def _run(self, context, instance, dest, block_migration, migration,
             migrate_data):
        try:
            self._migrate(context, instance, dest, block_migration,
                          migration, migrate_data)
        except Exception as exc:
            LOG.exception('Live migration %s of %s failed unexpectedly',
                          migration.uuid, instance.uuid)
            self.queue.mark_started(instance.uuid)
            compute_utils.record_fault(context, instance.uuid, exc,
                                       host=self.host)
            self.rollback(context, instance, dest, migration, Status.ERROR,
                          migrate_data)
        finally:
            with self._handoff_lock:
                self._handoffs.pop(instance.uuid, None)

    def _migrate(self, context, instance, dest, block_migration, migration,
                 migrate_data):
        if not try_set_status(migration, Status.PREPARING):
            return
        try:
            if migrate_data is RECHECK_DESTINATION:
                migrate_data = \
                    self.compute_rpcapi.check_can_live_migrate_destination(
                        context, instance, dest, block_migration)
            migrate_data = self.compute_rpcapi.pre_live_migration(
                context, instance, block_migration, migrate_data, host=dest)
        except Exception as exc:
            LOG.info('pre_live_migration of %s on %s failed: %s',
                     instance.uuid, dest, exc)
            aborted = not self.queue.mark_started(instance.uuid)
            compute_utils.record_fault(context, instance.uuid, exc,
                                       host=self.host)
            self.rollback(context, instance, dest, migration, Status.FAILED,
                          migrate_data)
            if aborted:
                self._notify_abort_end(context, instance)
            return
        handoff = self._take_entry(instance, migration)
        if handoff is None:
            self._rollback_aborted(context, instance, dest, migration,
                                   migrate_data)
            return
        if not try_set_status(migration, Status.RUNNING) or \
                not self._enter_driver(handoff):
            self._rollback_aborted(context, instance, dest, migration,
                                   migrate_data)
            return
        self.driver.live_migration(
            context, instance, dest, self._post_method(migration),
            self._recover_method(migration), block_migration, migrate_data,
            progress_method=self._progress_method(instance, handoff))

    def _take_entry(self, instance, migration):
        """Leave the queue; None if an abort or a shutdown was first."""
        with self._handoff_lock:
            if not self.queue.mark_started(instance.uuid):
                return None
            handoff = _Handoff(migration, instance, self.queue.now())
            self._handoffs[instance.uuid] = handoff
            return handoff

    def _enter_driver(self, handoff):
        with self._handoff_lock:
            if handoff.abort_requested:
                return False
            handoff.in_driver = True
            return True

    def _rollback_aborted(self, context, instance, dest, migration,
                          migrate_data):
        self.rollback(context, instance, dest, migration, Status.CANCELLED,
                      migrate_data)
        if not self._shutting_down:
            self._notify_abort_end(context, instance)

    def _progress_method(self, instance, handoff):
        migration = handoff.migration

        def progress(mem_total, mem_processed, mem_remaining, disk_total,
                     disk_processed, disk_remaining):
            if handoff.abort_requested:
                self._driver_abort(instance)
            migration.memory_total = mem_total
            migration.memory_processed = mem_processed
            migration.memory_remaining = mem_remaining
            migration.disk_total = disk_total
            migration.disk_processed = disk_processed
            migration.disk_remaining = disk_remaining
            migration.save()
        return progress

    # Driver callbacks.

    def _post_method(self, migration):
        def post(context, instance, dest, block_migration, migrate_data):
            self.post_live_migration(context, instance, dest,
                                     block_migration, migration)
        return post

    def _recover_method(self, migration):
        def recover(context, instance, dest, migrate_data,
                    migration_status='failed'):
            self.rollback(context, instance, dest, migration,
                          Status(migration_status), migrate_data)
        return recover

    def post_live_migration(self, context, instance, dest, block_migration,
                            migration):
        """The guest runs on ``dest``: switch the instance, move the usage."""
        with lm_notify.Notifying(context, instance, self.host, 'post'):
            self.driver.post_live_migration_at_source(context, instance)
            self.compute_rpcapi.post_live_migration_at_destination(
                context, instance, block_migration, dest, migration)
            finish_post_claims(context, instance, migration)
            set_status(migration, Status.COMPLETED)
        self._record_run_time(instance.uuid)

    def _record_run_time(self, instance_uuid):
        with self._handoff_lock:
            handoff = self._handoffs.get(instance_uuid)
        if handoff is not None:
            self.run_times.append(max(0.0, (
                self.queue.now() - handoff.started_at).total_seconds()))

    def queue_snapshot(self):
        """``(running handoffs, queue snapshot)`` taken between intakes.

        Under the intake lock, so a migration already saved ``queued`` is
        always in the snapshot.
        """
        with self._intake_lock:
            return self.running_handoffs(), self.queue.snapshot()

    def cancel_all_queued(self):
        """``queue.cancel_all()`` between intakes (see ``queue_snapshot``)."""
        with self._intake_lock:
            return self.queue.cancel_all()

    def running_handoffs(self):
        """Migrations out of the queue and not ended, oldest first."""
        with self._handoff_lock:
            handoffs = list(self._handoffs.values())
        return sorted(handoffs, key=lambda h: h.started_at)

    def rollback(self, context, instance, dest, migration, status,
                 migrate_data=None):
        """Undo on both hosts; the migration ends ``status``."""
        with lm_notify.Notifying(context, instance, self.host, 'rollback'):
            # The outcome first: a destination that took the instance over
            # (its answer to post was lost) must keep the guest.
            if self.revert(context, instance, migration, status):
                self.tell_destination_to_forget(context, instance, dest,
                                                migrate_data)

    def tell_destination_to_forget(self, context, instance, dest,
                                   migrate_data=None):
        """Cast the destination a rollback; it cleans up on its own.

        Never waits: a destination that is down forgets what it prepared at
        its own start (``LiveMigrationDestination.forget_abandoned``).
        """
        try:
            self.compute_rpcapi.rollback_live_migration_at_destination(
                context, instance, dest, migrate_data)
        except Exception:
            LOG.warning('Could not tell %s to roll back %s; it will at its '
                        'next start', dest, instance.uuid, exc_info=True)

    def revert(self, context, instance, migration, status):
        """Give back the claim and task_state and end the migration, at once.

        ``Migration.revert_and_end`` writes the final status, the release
        of the destination claim and the reset of ``task_state`` in one
        transaction.  Crash repair holds as before: until that commit
        nothing of it is visible and the migration is not final, so
        ``init_host`` finds it and reverts it again; after the commit
        there is nothing left to repair.  If another writer ended the
        migration first, nothing is written (it gave back what it held).

        If the transaction cannot be written (the database failing past
        its retries), the migration still ends, as ``error``, and the
        instance is given its task state back: it must not stay ``queued``
        with nothing behind it.  Its destination claim stays, held by the
        migration's uuid, for the operator to see.

        :returns: True if the migration ended without moving the instance
            (here or by another writer), so the destination must forget
            what it prepared; False if it completed (the destination had
            already taken the instance over).
        """
        try:
            cleared = migration.revert_and_end(status)
        except exception.InvalidMigrationTransition as exc:
            LOG.info('Migration %s not reverted: %s', migration.uuid, exc)
            migration.refresh()
            # Ended meanwhile without moving: the destination may have
            # prepared since it was told, so tell it again.
            return migration.status != Status.COMPLETED.value
        except exception.LiveMigrationTookPlace as exc:
            LOG.warning('%s Completing it instead.', exc.format_message())
            complete_taken(context, instance, migration)
            return False
        except Exception:
            LOG.exception('Could not revert migration %s; it ends error '
                          'and keeps its destination claim', migration.uuid)
            cleared = self._end_in_error_keeping_claim(migration)
        if cleared:
            instance.task_state = None
            instance.obj_reset_changes(['task_state'])
        else:
            LOG.info('Instance %s was no longer migrating; task state '
                     'left as it is', instance.uuid)
        return True

    @staticmethod
    def _end_in_error_keeping_claim(migration):
        try:
            return migration.revert_and_end(Status.ERROR, release_claim=False)
        except (exception.InvalidMigrationTransition,
                exception.LiveMigrationTookPlace) as exc:
            LOG.info('Migration %s not ended: %s', migration.uuid, exc)
            migration.refresh()
            return False

    # Abort (RPC ``live_migration_abort``).

    def abort(self, context, instance, migration):
        """Abort whatever stage ``migration`` is in; see the module doc."""
        lm_notify.notify(context, instance, self.host, 'abort', 'start')
        with self._intake_lock:
            result = self.queue.cancel(instance.uuid)
        if result.outcome is Outcome.CANCELLED:
            self.revert_cancelled(context, instance, result.migration)
        elif result.outcome is Outcome.NOT_QUEUED:
            self._abort_started(context, instance, migration)
        # ALREADY_STARTED: the worker rolls back and notifies the end.

    def revert_cancelled(self, context, instance, migration):
        """The full revert of a waiting migration whose work never runs."""
        self.revert(context, instance, migration, Status.CANCELLED)
        self._notify_abort_end(context, instance)

    @staticmethod
    def revert_deleted(context, migration):
        """A cancelled migration whose server is gone: claim, then status."""
        objects.ResourceClaim.release(context, migration.uuid)
        try_set_status(migration, Status.CANCELLED)

    def _abort_started(self, context, instance, migration):
        with self._handoff_lock:
            handoff = self._handoffs.get(instance.uuid)
            if handoff is not None and not handoff.in_driver:
                handoff.abort_requested = True
                return
        if handoff is None:
            raise exception.InvalidMigrationState(
                migration_id=migration.id, instance_uuid=instance.uuid,
                state=migration.status, method='abort live migration')
        self._driver_abort(instance, handoff)
        self._notify_abort_end(context, instance)

    def _driver_abort(self, instance, handoff=None):
        try:
            self.driver.live_migration_abort(instance)
        except exception.Conflict:
            # The driver has not registered the job yet: the progress
            # callback aborts it as soon as it has.
            if handoff is not None:
                handoff.abort_requested = True

    def _notify_abort_end(self, context, instance):
        lm_notify.notify(context, instance, self.host, 'abort', 'end')

    # Delete (RPC ``terminate_instance``).

    def end_for_delete(self, context, instance, timeout):
        """End the server's live migration before the server goes.

        Queued: cancelled here.  Preparing or running: the worker is told
        to abort, and this waits (up to ``timeout`` seconds) until it has
        rolled back both hosts, so the delete never races a migration
        still moving the guest.  The server's task is already ``deleting``,
        so no path gives it back a task_state.

        :returns: True unless a worker was still busy at the timeout.
        """
        with self._intake_lock:
            future = self._workers.get(instance.uuid)
            result = self.queue.cancel(instance.uuid)
        if result.outcome is Outcome.CANCELLED:
            self.revert(context, instance, result.migration,
                        Status.CANCELLED)
            return True
        if result.outcome is Outcome.NOT_QUEUED:
            with self._handoff_lock:
                handoff = self._handoffs.get(instance.uuid)
                if handoff is not None and not handoff.in_driver:
                    handoff.abort_requested = True
                    handoff = None
            if handoff is not None:
                self._driver_abort(instance, handoff)
        if future is None:
            return True
        _done, not_done = waiters.wait_for_all([future], timeout=timeout)
        return not not_done

    def force_complete(self, context, instance):
        with lm_notify.Notifying(context, instance, self.host,
                                 'force_complete'):
            self.driver.live_migration_force_complete(instance)

    # Shutdown (``cleanup_host``).

    def shutdown(self, context, timeout):
        """End every migration of this host, waiting at most ``timeout``.

        Queued ones are cancelled and reverted at once.  Running ones are
        aborted through the driver and their workers get ``timeout``
        seconds to roll back; a worker still busy then (a driver that does
        not stop, a peer that does not answer) has its migration ended here,
        ``error`` if the driver had it and ``cancelled`` if not, with the
        full revert.  Nothing is left non-final by a clean stop.
        """
        self._shutting_down = True
        with self._intake_lock:
            result = self.queue.shutdown()
        for migration_id in sorted(lm_cancel.revert_cancelled_many(
                context, self, result.cancelled)):
            LOG.info('Cancelled queued live migration %s at shutdown',
                     migration_id)
        for handoff in self._request_abort_of_started():
            self._abort_running_at_shutdown(handoff)
        if not self.queue.wait_idle(timeout):
            self._end_stuck_at_shutdown(context, result.started)
        return result

    def _request_abort_of_started(self):
        """Flag every handed-off migration; return those in the driver."""
        with self._handoff_lock:
            handoffs = list(self._handoffs.values())
            for handoff in handoffs:
                handoff.abort_requested = True
        return [h for h in handoffs if h.in_driver]

    def _abort_running_at_shutdown(self, handoff):
        """Ask the driver to stop; the worker then rolls back."""
        try:
            self.driver.live_migration_abort(handoff.instance)
        except exception.NovaException:
            LOG.info('Running migration of %s ended before shutdown',
                     handoff.instance.uuid)

    def _end_stuck_at_shutdown(self, context, started):
        """End what the workers could not within the grace period."""
        with self._handoff_lock:
            stuck = [(h.migration, h.instance, Status.ERROR)
                     for h in self._handoffs.values()]
        stuck += [(m, None, Status.CANCELLED) for m in started]
        for migration, instance, final in stuck:
            migration.refresh()
            if migration_states.is_final(migration.status):
                continue
            LOG.warning('Live migration %s did not end within the shutdown '
                        'grace period; ending it %s', migration.uuid,
                        final.value)
            self._end_at_shutdown(context, migration, instance, final)

    def _end_at_shutdown(self, context, migration, instance, final):
        try:
            instance = instance or objects.Instance.get_by_uuid(
                context, migration.instance_uuid)
        except exception.InstanceNotFound:
            objects.ResourceClaim.release(context, migration.uuid)
            try_set_status(migration, final)
            return
        self.revert(context, instance, migration, final)
        self.tell_destination_to_forget(context, instance,
                                        migration.dest_compute)


def set_status(migration, status):
    migration.status = migration_states.as_status(status).value
    migration.save()


def try_set_status(migration, status):
    """Move to ``status``; False if another writer ended it first."""
    try:
        set_status(migration, status)
        return True
    except exception.InvalidMigrationTransition as exc:
        LOG.info('Migration %s not moved to %s: %s', migration.uuid,
                 migration_states.as_status(status).value, exc)
        migration.refresh()
        return False


def complete_taken(context, instance, migration):
    """The destination runs the instance: move the claims, ``completed``."""
    finish_post_claims(context, instance, migration)
    try_set_status(migration, Status.COMPLETED)


def finish_post_claims(context, instance, migration):
    """The instance takes the destination claim and frees the source."""
    objects.ResourceClaim.move(context, migration.uuid, instance.uuid,
                               migration.dest_compute, migration.dest_node)
    objects.ResourceClaim.release(context, instance.uuid,
                                  host=migration.source_compute,
                                  nodename=migration.source_node)
