"""The live-migration queue as an operator resource, on the source compute.

What the API shows and changes about a host's queue (compute RPC 5.2):

* ``describe``: every migration the host has not finished, in the order it
  runs them (running first, then those being prepared, then the waiting
  ones in queue order), with what each waits for and estimates made of the
  host's recent run times.
* ``drain``: cancel everything waiting at once, with the same full revert
  as a 2.65 abort, and say per migration what happened.
* ``move``: put a waiting migration at another place in the queue.
* ``expire``: cancel what waited longer than
  ``[compute] live_migration_queue_timeout``.

The order and the cancellations come from the queue itself
(``live_migration_queue``); this module only reads it and reverts.
"""

import datetime
import heapq
import threading

from oslo_log import log as logging

from nova.compute import instance_actions
from nova.compute import live_migration_cancel as lm_cancel
from nova.compute import live_migration_notify as lm_notify
from nova.compute import live_migration_queue as lm_queue
from nova.compute import utils as compute_utils
import nova.conf
from nova import exception
from nova.i18n import _
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

Outcome = lm_queue.CancelOutcome

DRAIN_EVENT = 'compute_live_migration_queue_drain'
TIMEOUT_EVENT = 'compute_live_migration_queue_timeout'

# What a drain did to each migration (the API's wire strings).
CANCELLED = 'cancelled'
ROLLING_BACK = 'rolling-back'
ABORTED = 'aborted'
NOT_QUEUED = 'not-queued'


class LiveMigrationQueueTimeout(exception.NovaException):
    msg_fmt = _('Live migration %(migration_uuid)s waited %(waited)d s in '
                'the queue of host %(host)s, longer than [compute] '
                'live_migration_queue_timeout = %(timeout)d s; it was '
                'cancelled and the server left on its source host.')


def _time(value):
    """``%Y-%m-%dT%H:%M:%S.%f`` of a naive UTC time (isoformat: faster)."""
    return None if value is None else value.isoformat(
        timespec='microseconds')


def _seconds(delta):
    return delta.total_seconds()


def _add(start, seconds):
    return start + datetime.timedelta(seconds=seconds)


class LiveMigrationQueueOps(object):
    """Show, drain, reorder and time out one host's queue."""

    def __init__(self, source):
        self.source = source
        # migration uuid -> the estimated start last shown, so an estimate
        # that moves earlier says why.
        self._shown_starts = {}
        self._move_lock = threading.Lock()

    @property
    def queue(self):
        return self.source.queue

    # Show.

    def describe(self, context):
        """The host's queue in run order, as primitives for RPC."""
        now = self.queue.now()
        running, snapshot = self.source.queue_snapshot()
        mean = self._mean_run_time(running, now)
        slot_ends = []
        items = [self._running_item(h, now, mean, slot_ends)
                 for h in running]
        items += [self._preparing_item(e.migration, now, mean, slot_ends)
                  for e in snapshot.dispatched]
        busy = len(items)
        slot_ends += [now] * max(0, self.queue.slots - len(slot_ends))
        if mean is None or None in slot_ends:
            slot_ends = None
        else:
            heapq.heapify(slot_ends)
        waiting_for = _WaitingFor(busy, self.queue.slots)
        for index, (migration, queued_at) in enumerate(snapshot.waiting):
            items.append(self._waiting_item(migration, queued_at,
                                            waiting_for(index), mean,
                                            slot_ends))
        for position, item in enumerate(items, start=1):
            item['position'] = position
        self._forget_shown(items)
        waiting = snapshot.waiting
        return {
            'host': self.source.host,
            'slots': self.queue.slots,
            'running': busy,
            'queued': len(waiting),
            'oldest_queued_at': _time(min(
                (at for _m, at in waiting), default=None)),
            'estimated_drain_seconds': self._drain_seconds(
                now, mean, slot_ends, bool(items)),
            'migrations': items,
        }

    def _mean_run_time(self, running, now):
        """Mean of the recent run times; else what a running one projects.

        Before any migration has completed, the first running one with
        progress gives the only observed pace there is: its elapsed time
        scaled to 100 %.
        """
        times = list(self.source.run_times)
        if times:
            return sum(times) / len(times)
        for handoff in running:
            progress = _progress(handoff.migration)
            elapsed = _seconds(now - handoff.started_at)
            if progress and elapsed > 0:
                return elapsed * 100.0 / progress
        return None

    @staticmethod
    def _item(migration, status, queued_at=None):
        return {'migration_id': migration.id,
                'migration_uuid': migration.uuid,
                'server_uuid': migration.instance_uuid,
                'dest_compute': migration.dest_compute,
                'status': status, 'queued_at': _time(queued_at),
                'waiting_for': None, 'progress': None,
                'estimated_start': None, 'estimated_end': None,
                'estimate_note': None}

    def _running_item(self, handoff, now, mean, slot_ends):
        migration = handoff.migration
        item = self._item(migration, migration.status)
        item['progress'] = _progress(migration)
        item['estimated_start'] = _time(handoff.started_at)
        end = _running_end(handoff, now, mean, item['progress'])
        item['estimated_end'] = _time(end)
        slot_ends.append(end)
        return item

    def _preparing_item(self, migration, now, mean, slot_ends):
        item = self._item(migration, migration.status)
        item['waiting_for'] = _('destination %s preparing') % (
            migration.dest_compute)
        end = None if mean is None else _add(now, mean)
        item['estimated_end'] = _time(end)
        slot_ends.append(end)
        return item

    def _waiting_item(self, migration, queued_at, waiting_for, mean,
                      slot_ends):
        item = self._item(migration, 'queued', queued_at)
        item['waiting_for'] = waiting_for
        if slot_ends is None:
            return item
        start = heapq.heappop(slot_ends)
        end = _add(start, mean)
        heapq.heappush(slot_ends, end)
        item['estimated_start'] = _time(start)
        item['estimated_end'] = _time(end)
        item['estimate_note'] = self._note_if_earlier(migration.uuid, start)
        return item

    def _note_if_earlier(self, migration_uuid, start):
        shown = self._shown_starts.get(migration_uuid)
        self._shown_starts[migration_uuid] = start
        if shown is None or _seconds(shown - start) < 1:
            return None
        return _('earlier than the %s shown before: the migrations ahead '
                 'ended, were cancelled or were moved, or recent ones ran '
                 'faster') % _time(shown)

    def _forget_shown(self, items):
        present = {item['migration_uuid'] for item in items}
        for gone in set(self._shown_starts) - present:
            self._shown_starts.pop(gone, None)

    @staticmethod
    def _drain_seconds(now, mean, slot_ends, busy):
        if not busy:
            return 0.0
        if slot_ends is None:
            return None
        return max(0.0, max(_seconds(end - now) for end in slot_ends))

    # Drain.

    def drain(self, context, include_running):
        """Cancel what waits (and with ``include_running`` what runs).

        The queue is emptied under its lock; the migrations whose work
        will never run are then reverted together
        (``live_migration_cancel``): a few transactions for the lot.

        :returns: one ``{'migration_id', 'migration_uuid', 'server_uuid',
            'outcome'}`` per migration the drain acted on, in run order:
            empty when there was nothing to do.
        """
        results = self.source.cancel_all_queued()
        # Listed after the queue is emptied, so a worker that took its
        # entry meanwhile is found here.
        running = self.source.running_handoffs() if include_running else []
        report = []
        for handoff in running:
            report.append(self._drain_running(context, handoff))
        ended = lm_cancel.revert_cancelled_many(
            context, self.source, [r.migration for r in results
                                   if r.outcome is Outcome.CANCELLED],
            DRAIN_EVENT)
        for result in results:
            report.append(self._drain_taken(context, result, ended))
        return report

    def _drain_taken(self, context, result, ended):
        migration = result.migration
        if result.outcome is Outcome.CANCELLED:
            return _outcome(migration, CANCELLED if migration.id in ended
                            else NOT_QUEUED)
        # Its worker had begun: it rolls back itself; record who asked.
        try:
            with CancelRecord(context, self.source.host, migration,
                              DRAIN_EVENT):
                pass
        except exception.InstanceNotFound:
            pass
        return _outcome(migration, ROLLING_BACK)

    def _drain_running(self, context, handoff):
        migration = handoff.migration
        try:
            instance = objects.Instance.get_by_uuid(context,
                                                    migration.instance_uuid)
            objects.InstanceAction.action_start(
                context, instance.uuid, instance_actions.LIVE_MIGRATION_CANCEL)
            self.source.abort(context, instance, migration)
        except (exception.InstanceNotFound, exception.InvalidMigrationState):
            # It ended between the listing and the abort.
            return _outcome(migration, NOT_QUEUED)
        return _outcome(migration, ABORTED)

    # Move.

    def move(self, context, migration, position):
        """Put a waiting migration at ``position`` of ``describe``.

        Positions count the migrations out of the queue first, so a
        position among them means the head of the queue.

        :returns: ``{'migration_id', 'position'}`` with the place it got.
        :raises nova.exception.MigrationNotQueued: it is not waiting.
        """
        ahead = (len(self.source.running_handoffs())
                 + len(self.queue.snapshot().dispatched))
        with self._move_lock:
            index = self.queue.move(migration.instance_uuid,
                                    max(0, position - 1 - ahead))
            self._persist_order(context)
        LOG.info('Moved queued live migration %s to position %d',
                 migration.uuid, ahead + index + 1)
        return {'migration_id': migration.id,
                'position': ahead + index + 1}

    def _persist_order(self, context):
        """Write the whole waiting order, for a resume after a restart.

        Under the move lock, so of two moves the last one written is the
        last one made.  A failure leaves the order moved here but not
        saved: logged, since only a restart would show it.
        """
        order = [m.id for m, _at in self.queue.snapshot().waiting]
        try:
            objects.MigrationList.set_queue_positions(context, order)
        except Exception:
            LOG.warning('Could not save the order of the live-migration '
                        'queue of %s', self.source.host, exc_info=True)

    # Timeout.

    def expire(self, context):
        """Cancel migrations queued longer than the configured timeout."""
        timeout = CONF.compute.live_migration_queue_timeout
        if not timeout:
            return []
        expired, reasons = [], {}
        now = self.queue.now()
        for instance_uuid, queued_at in self.queue.waited_longer_than(
                timeout):
            result = self.queue.cancel(instance_uuid)
            if result.outcome is not Outcome.CANCELLED:
                continue
            migration = result.migration
            reasons[migration.id] = LiveMigrationQueueTimeout(
                migration_uuid=migration.uuid, host=self.source.host,
                waited=_seconds(now - queued_at), timeout=timeout)
            LOG.warning('%s', reasons[migration.id].format_message())
            expired.append(migration)
        ended = lm_cancel.revert_cancelled_many(
            context, self.source, expired, TIMEOUT_EVENT, reasons)
        return [m for m in expired if m.id in ended]


class CancelRecord(object):
    """The instance action, event and notifications of one cancellation.

    Like a 2.65 abort, each cancelled migration leaves a
    ``live_migration_cancel`` action on its server, with ``event_name``
    saying what cancelled it.
    """

    def __init__(self, context, host, migration, event_name):
        self.context = context
        self.host = host
        self.migration = migration
        self.event_name = event_name
        self.instance = None
        self._reporter = None

    def __enter__(self):
        self.instance = objects.Instance.get_by_uuid(
            self.context, self.migration.instance_uuid)
        objects.InstanceAction.action_start(
            self.context, self.instance.uuid,
            instance_actions.LIVE_MIGRATION_CANCEL)
        lm_notify.notify(self.context, self.instance, self.host, 'abort',
                         'start')
        self._reporter = compute_utils.EventReporter(
            self.context, self.event_name, self.instance.uuid,
            host=self.host)
        self._reporter.__enter__()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._reporter.__exit__(exc_type, exc_val, exc_tb)


def _outcome(migration, outcome):
    return {'migration_id': migration.id, 'migration_uuid': migration.uuid,
            'server_uuid': migration.instance_uuid, 'outcome': outcome}


def _progress(migration):
    """Percent of memory (and disk) copied, or None before any report."""
    total = (migration.memory_total or 0) + (migration.disk_total or 0)
    if not total:
        return None
    done = (migration.memory_processed or 0) + (migration.disk_processed or 0)
    return round(100.0 * min(done, total) / total, 1)


def _running_end(handoff, now, mean, progress):
    """From the progress rate once there is some, else the mean run time."""
    elapsed = _seconds(now - handoff.started_at)
    if progress and elapsed > 0:
        return _add(now, elapsed * (100.0 - progress) / progress)
    if mean is None:
        return None
    return max(now, _add(handoff.started_at, mean))


class _WaitingFor(object):
    """What the queued one at an index waits for, in words.

    The messages are translated once per answer, not once per migration.
    """

    def __init__(self, busy, slots):
        values = {'busy': min(busy, slots), 'slots': slots}
        self._head = _('source slot: %(busy)d of %(slots)d busy') % values
        self._behind = _('%(ahead)d queued ahead; source slot: '
                         '%(busy)d of %(slots)d busy')
        self._values = values

    def __call__(self, index):
        if index == 0:
            return self._head
        return self._behind % dict(self._values, ahead=index)
