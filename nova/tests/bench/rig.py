"""A held migration, a queue behind it, and a clock on the abort handler.

The source compute runs one live migration at a time
(``max_concurrent_live_migrations = 1``).  The rig starts one that never
finishes (``live_migration_bandwidth = None`` on the source driver), so
every further request waits in the queue, where a benchmark can abort it.
"""

import threading

from nova.tests.bench import cloud as bench_cloud

SOURCE = 'compute1'
DEST = 'compute2'
ABORT_VERSION = '2.65'


class AbortClock:
    """Records when the source's ``live_migration_abort`` starts and ends.

    The handler's end is when the compute has committed the last write of
    an abort of a queued migration (status ``cancelled``, task_state None);
    waiting on it needs no polling.
    """

    def __init__(self, manager):
        self._manager = manager
        self._cond = threading.Condition()
        self.started = {}
        self.ended = {}
        original = manager.live_migration_abort

        def timed(context, instance, **kwargs):
            start = bench_cloud.now()
            try:
                return original(context, instance, **kwargs)
            finally:
                self._record(instance.uuid, start, bench_cloud.now())
        # The RPC dispatcher looks the method up on the endpoint object.
        manager.live_migration_abort = timed

    def _record(self, instance_uuid, start, end):
        with self._cond:
            self.started[instance_uuid] = start
            self.ended[instance_uuid] = end
            self._cond.notify_all()

    def forget(self):
        with self._cond:
            self.started.clear()
            self.ended.clear()

    def wait(self, instance_uuids, timeout=300):
        """Block until the handler ended for every instance given."""
        wanted = set(instance_uuids)
        with self._cond:
            if not self._cond.wait_for(lambda: wanted <= set(self.ended),
                                       timeout):
                missing = len(wanted - set(self.ended))
                raise bench_cloud.BenchError(
                    '%d aborts never reached the compute' % missing)

    def close(self):
        del self._manager.live_migration_abort


class QueueRig:
    """Servers on the source, one held migration and the queue behind."""

    def __init__(self, cloud, server_ids):
        self.cloud = cloud
        self.holder = server_ids[0]
        self.servers = list(server_ids[1:])
        self.clock = AbortClock(cloud.compute(SOURCE))

    def start_holder(self):
        """Occupy the only migration slot of the source until released."""
        self.cloud.driver(SOURCE).live_migration_bandwidth = None
        bench_cloud.expect(self.cloud.live_migrate(self.holder, DEST), 202)
        self.cloud.wait_migration(self.holder, 'running')

    def release_holder(self):
        """Abort what is left, then the held migration; wait for the end.

        Leftovers (after a failed round) go first, so that none starts
        running (and never ends) once the held one is gone.
        """
        waiting = dict(self.cloud.compute(SOURCE).live_migrations
                       .queue.waiting)
        for server_id, entry in waiting.items():
            self.abort(server_id, entry.migration.id)
        migration = self.cloud.migration_of(self.holder, ('running',))
        if migration is not None:
            bench_cloud.expect(self.abort(self.holder, migration.id), 202)
        self.cloud.wait_for(lambda: self._settled(self.holder),
                            message='held migration never ended')
        self.clock.close()

    def _settled(self, server_id):
        return (self.cloud.migration_of(server_id, ('running',)) is None and
                self.cloud.waiting_count() == 0)

    def queue(self, server_ids, clients=1):
        """Request a live migration of each server; wait until queued.

        :returns: (seconds until the last 202, seconds until all queued,
            {server id: migration id}).
        """
        start = bench_cloud.now()
        self.cloud.run_parallel(
            lambda sid: bench_cloud.expect(
                self.cloud.live_migrate(sid, DEST), 202),
            server_ids, clients)
        accepted = bench_cloud.now() - start
        self.cloud.wait_for(
            lambda: self.cloud.waiting_count() >= len(server_ids),
            timeout=600, message='migrations never queued')
        queued = bench_cloud.now() - start
        waiting = dict(self.cloud.compute(SOURCE).live_migrations
                       .queue.waiting)
        ids = {sid: waiting[sid].migration.id for sid in server_ids}
        return accepted, queued, ids

    def abort(self, server_id, migration_id):
        return self.cloud.client().delete(
            '/servers/%s/migrations/%s' % (server_id, migration_id),
            microversion=ABORT_VERSION)

    def check_cancelled(self, migration_ids):
        """Every given migration ended ``cancelled``, its server idle."""
        from nova import objects
        done = {m.id for m in objects.MigrationList.get_by_filters(
            self.cloud.ctxt, {'source_compute': SOURCE,
                              'status': 'cancelled'})}
        left = set(migration_ids.values()) - done
        if left:
            raise bench_cloud.BenchError(
                '%d migrations not cancelled, e.g. %s' % (len(left),
                                                          sorted(left)[:3]))
        for server_id in migration_ids:
            instance = objects.Instance.get_by_uuid(self.cloud.ctxt,
                                                    server_id)
            if instance.task_state is not None or \
                    instance.host != SOURCE:
                raise bench_cloud.BenchError(
                    'server %s left %s on %s' % (
                        server_id, instance.task_state, instance.host))
