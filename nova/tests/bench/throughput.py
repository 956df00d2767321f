"""Benchmark 3: live-migration requests accepted, and listings served.

``accept``: ``POST /servers/{id}/action {"os-migrateLive": ...}`` at 2.30
for M servers on ``compute1`` (each one migrating, all but the first
waiting in its queue), from 1 or several HTTP clients: 202s per second
until the last answer, and migrations per second until all are queued on
the source compute (conductor, scheduler and both computes included).

``list``: ``GET /servers/{id}/migrations`` at 2.65 on those M servers
while their migrations wait: responses per second.
"""

import itertools

from nova.tests.bench import abort_cost
from nova.tests.bench import cloud as bench_cloud
from nova.tests.bench import rig as bench_rig

NAME = 'throughput'
PARALLEL_CLIENTS = 8
LIST_CLIENTS = (1, PARALLEL_CLIENTS)


def run(cloud, server_ids, single_count, parallel_count, list_requests):
    """Rows of the throughput table.

    One client requests ``single_count`` migrations, then
    ``PARALLEL_CLIENTS`` clients request ``parallel_count``; the listings
    are served while the latter wait.
    """
    rig = bench_rig.QueueRig(cloud, server_ids)
    rig.start_holder()
    rows = []
    try:
        for clients, count in ((1, single_count),
                               (PARALLEL_CLIENTS, parallel_count)):
            servers = rig.servers[:count]
            accepted, queued, migration_ids = rig.queue(servers, clients)
            rows.append(_row('accept', clients, len(servers), accepted,
                             queued))
            if clients == PARALLEL_CLIENTS:
                for list_clients in LIST_CLIENTS:
                    rows.append(_list(rig, servers, list_clients,
                                      list_requests))
            _abort_all(rig, migration_ids)
    finally:
        rig.release_holder()
    return rows


def _row(operation, clients, requests, seconds, queued_seconds=None):
    row = {'operation': operation, 'clients': clients,
           'requests': requests, 'seconds': round(seconds, 3),
           'per_second': round(requests / seconds, 1)}
    if queued_seconds is not None:
        row['queued_per_second'] = round(requests / queued_seconds, 1)
    return row


def _list(rig, servers, clients, requests):
    targets = list(itertools.islice(itertools.cycle(servers), requests))

    def one(server_id):
        resp = bench_cloud.expect(rig.cloud.client().get(
            '/servers/%s/migrations' % server_id,
            microversion=bench_rig.ABORT_VERSION), 200)
        if len(resp.json()['migrations']) != 1:
            raise bench_cloud.BenchError(
                'server %s lists %s' % (server_id, resp.text[:200]))

    start = bench_cloud.now()
    rig.cloud.run_parallel(one, targets, clients)
    return _row('list', clients, requests, bench_cloud.now() - start)


def _abort_all(rig, migration_ids):
    rig.clock.forget()
    rig.cloud.run_parallel(
        lambda item: bench_cloud.expect(rig.abort(*item), 202),
        list(migration_ids.items()), abort_cost.BURST_CLIENTS)
    rig.clock.wait(migration_ids)
    rig.check_cancelled(migration_ids)
