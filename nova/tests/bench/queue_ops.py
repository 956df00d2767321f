"""Benchmark 4: showing and draining a long live-migration queue, by N.

For each N, compute1 holds one running live migration (started through the
API, copying forever) and N more wait behind it.  Booting N servers and
requesting N migrations through the API would take most of the run at
N = 10,000, so the N waiting ones are put in place in process: instance
and migration rows written in one transaction, then handed to compute1's
real ``enqueue`` (status ``queued``, a queue entry each), exactly what the
compute does when the conductor's cast arrives.  What is measured then goes
the whole way, HTTP → API → compute RPC → compute and back:

* ``show``: ``GET /os-live-migration-queues/compute1`` (2.65), N + 1 items
  in run order, repeated ``SHOW_SAMPLES`` times;
* ``list``: ``GET /os-live-migration-queues``;
* ``drain`` (N up to ``drain_max``): one ``POST .../compute1/action
  {"drain": {}}``; the clock stops when the answer is in *and* every one of
  the N is ``cancelled`` in the database with its server back to no task
  (the answer is only sent once they are, so the two coincide).  Larger
  queues are dropped without the revert after the show figures (the
  database is thrown away).
"""

import requests

from oslo_utils import uuidutils

from nova import context as nova_context
from nova.db.main import api as db_api
from nova import objects
from nova.tests.bench import cloud as bench_cloud
from nova.tests.bench import rig as bench_rig
from nova.tests.bench import stats

NAME = 'queue_ops'
ROOT = '/os-live-migration-queues'
SHOW_SAMPLES = 10
SOURCE = bench_rig.SOURCE
DEST = bench_rig.DEST
VERSION = '2.65'


#: Seconds a drain request may take (the reverts happen before it answers).
DRAIN_HTTP_TIMEOUT = 3600


def run(cloud, holder_server, sizes, drain_max):
    """One row per N: show, list and drain timings."""
    cloud.driver(SOURCE).live_migration_bandwidth = None
    bench_cloud.expect(cloud.live_migrate(holder_server, DEST), 202)
    holder = cloud.wait_migration(holder_server, 'running')
    rows = []
    try:
        for size in sorted(sizes):
            rows.append(_measure(cloud, size, size <= drain_max))
    finally:
        bench_cloud.expect(cloud.client().delete(
            '/servers/%s/migrations/%s' % (holder_server, holder.id),
            microversion=VERSION), 202)
        cloud.wait_for(lambda: cloud.migration_of(
            holder_server, ('running',)) is None,
            message='held migration never ended')
    return rows


def _measure(cloud, size, drain):
    ids = _fill(cloud, size)
    api = cloud.client()
    show = []
    for _sample in range(SHOW_SAMPLES):
        start = bench_cloud.now()
        body = bench_cloud.expect(api.get('%s/%s' % (ROOT, SOURCE),
                                          microversion=VERSION), 200).json()
        show.append(bench_cloud.now() - start)
    items = body['live_migration_queue']['migrations']
    if len(items) != size + 1:
        raise bench_cloud.BenchError('show listed %d of %d' % (
            len(items), size + 1))
    start = bench_cloud.now()
    bench_cloud.expect(api.get(ROOT, microversion=VERSION), 200)
    listed = bench_cloud.now() - start
    row = {'queued': size, 'show': stats.summary_ms(show),
           'list_ms': round(1000.0 * listed, 1), 'drain_ms': None,
           'drain_per_migration_ms': None}
    if not drain:
        cloud.compute(SOURCE).live_migrations.cancel_all_queued()
        return row
    start = bench_cloud.now()
    answer = _drain(api)
    _check_cancelled(cloud, ids)
    drained = bench_cloud.now() - start
    if len(answer['migrations']) != size:
        raise bench_cloud.BenchError('drain reported %d of %d' % (
            len(answer['migrations']), size))
    row.update(drain_ms=round(1000.0 * drained, 1),
               drain_per_migration_ms=round(1000.0 * drained / size, 3))
    return row


def _drain(api):
    """The drain request, with a timeout long enough for large queues."""
    headers = {'X-Auth-Token': api.token, 'Accept': 'application/json',
               'OpenStack-API-Version': 'compute %s' % VERSION}
    resp = requests.post('%s%s/%s/action' % (api.endpoint, ROOT, SOURCE),
                         json={'drain': {}}, headers=headers,
                         timeout=DRAIN_HTTP_TIMEOUT)
    return bench_cloud.expect(resp, 200).json()


def _fill(cloud, size):
    """``size`` migrations queued on compute1 behind the held one.

    The rows are written ``queued`` in one transaction, so ``enqueue``'s
    own status save has nothing left to write.
    """
    ctxt = nova_context.get_admin_context()
    with db_api.context_manager.writer.using(ctxt):
        pairs = []
        for _index in range(size):
            instance = _instance(ctxt)
            instance.create()
            pairs.append((instance, _migration(ctxt, instance)))
    source = cloud.compute(SOURCE).live_migrations
    for instance, migration in pairs:
        source.enqueue(ctxt, instance, DEST, False, migration, None)
    if cloud.waiting_count() != size:
        raise bench_cloud.BenchError('%d queued, wanted %d' % (
            cloud.waiting_count(), size))
    return [migration.id for _instance, migration in pairs]


def _check_cancelled(cloud, ids):
    cancelled = objects.MigrationList.get_by_filters(
        cloud.ctxt, {'source_compute': SOURCE, 'status': 'cancelled'})
    left = set(ids) - {m.id for m in cancelled}
    if left:
        raise bench_cloud.BenchError('%d not cancelled after the drain'
                                     % len(left))
    busy = objects.InstanceList.get_by_filters(
        cloud.ctxt, {'host': SOURCE, 'task_state': 'migrating'})
    if len(busy) > 1:
        raise bench_cloud.BenchError('%d servers still migrating'
                                     % (len(busy) - 1))


def _instance(ctxt):
    return objects.Instance(
        ctxt, uuid=uuidutils.generate_uuid(), user_id='admin',
        project_id='admin', display_name='bench', hostname='bench',
        instance_type_id=1, vcpus=1, memory_mb=512, root_gb=1,
        ephemeral_gb=0, host=SOURCE, node=SOURCE, vm_state='active',
        task_state='migrating', power_state=1, launch_index=0,
        reservation_id='r-bench', availability_zone='nova', progress=0)


def _migration(ctxt, instance):
    migration = objects.Migration(
        ctxt, uuid=uuidutils.generate_uuid(), instance_uuid=instance.uuid,
        status='queued', migration_type='live-migration',
        source_compute=SOURCE, source_node=SOURCE, dest_compute=DEST,
        dest_node=DEST, old_instance_type_id=1, new_instance_type_id=1,
        user_id='admin', project_id='admin', block_migration=False)
    migration.create()
    return migration
