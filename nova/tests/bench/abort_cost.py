"""Benchmark 1: what an abort of a queued live migration costs, by N.

For each queue length N, N live migrations wait behind a held one on
``compute1``; each is aborted with ``DELETE /servers/{id}/migrations/{mid}``
at 2.65, either one after another (``sequential``: the next DELETE once the
previous abort is visible in the API) or all at once from a pool of HTTP
clients (``burst``).  Per abort we take:

* ``http``: the DELETE's round trip (the API casts to the compute);
* ``cancelled``: from sending the DELETE until the compute committed
  ``cancelled`` and task_state None (the end of its abort handler), which
  the API then shows; sequential mode checks it with ``GET
  /os-migrations?instance_uuid=``, ``GET /servers/{id}/migrations`` and
  ``GET /servers/{id}``;
* ``delivery``: from the DELETE's answer until the source compute starts
  handling the cast (``fake://``'s listener polls every 50 ms,
  ``inprocess://``'s is woken by the send);
* ``handler``: the source compute's own work on the abort;
* burst mode also reports the whole burst's wall time divided by N.

Small N are repeated so every row has at least ``min_samples`` aborts.
"""

import math

from nova.tests.bench import cloud as bench_cloud
from nova.tests.bench import rig as bench_rig
from nova.tests.bench import stats

NAME = 'abort_cost'
#: The same rows, in process over RabbitMQ (``--rabbit``) and on
#: oslo.messaging's polling fake:// (``--fake``).
RABBIT_NAME = 'abort_cost_rabbit'
FAKE_NAME = 'abort_cost_fake'
QUEUE_CLIENTS = 8
BURST_CLIENTS = 32


def run(cloud, server_ids, sizes, min_samples):
    """Rows of the abort-cost table, sizes ascending, both modes."""
    rig = bench_rig.QueueRig(cloud, server_ids)
    rig.start_holder()
    rows = []
    try:
        for size in sorted(sizes):
            rounds = max(1, math.ceil(min_samples / size))
            for mode in ('sequential', 'burst'):
                rows.append(_measure(rig, size, mode, rounds))
    finally:
        rig.release_holder()
    return rows


def _measure(rig, size, mode, rounds):
    samples = {'http': [], 'cancelled': [], 'delivery': [], 'handler': []}
    per_abort_wall = []
    for _round in range(rounds):
        _accepted, _queued, migration_ids = rig.queue(
            rig.servers[:size], clients=QUEUE_CLIENTS)
        rig.clock.forget()
        if mode == 'sequential':
            timings = _sequential(rig, migration_ids)
        else:
            timings, wall = _burst(rig, migration_ids)
            per_abort_wall.append(wall / size)
        rig.check_cancelled(migration_ids)
        for server_id, (sent, answered) in timings.items():
            started = rig.clock.started[server_id]
            ended = rig.clock.ended[server_id]
            samples['http'].append(answered - sent)
            samples['cancelled'].append(ended - sent)
            samples['delivery'].append(started - answered)
            samples['handler'].append(ended - started)
    row = {'mode': mode, 'queue_length': size, 'rounds': rounds}
    row.update({key: stats.summary_ms(values)
                for key, values in samples.items()})
    row['burst_wall_per_abort_ms'] = (
        round(1000.0 * sum(per_abort_wall) / len(per_abort_wall), 3)
        if per_abort_wall else None)
    return row


def _sequential(rig, migration_ids):
    """One abort at a time; each checked through the API before the next."""
    timings = {}
    for server_id, migration_id in migration_ids.items():
        sent = bench_cloud.now()
        bench_cloud.expect(rig.abort(server_id, migration_id), 202)
        answered = bench_cloud.now()
        rig.clock.wait([server_id])
        _check_visible(rig.cloud.client(), server_id, migration_id)
        timings[server_id] = (sent, answered)
    return timings


def _burst(rig, migration_ids):
    """Every DELETE at once; then wait until every abort was handled."""
    def one(item):
        server_id, migration_id = item
        sent = bench_cloud.now()
        bench_cloud.expect(rig.abort(server_id, migration_id), 202)
        return server_id, (sent, bench_cloud.now())

    start = bench_cloud.now()
    results = rig.cloud.run_parallel(one, list(migration_ids.items()),
                                     BURST_CLIENTS)
    rig.clock.wait(migration_ids)
    wall = max(rig.clock.ended[sid] for sid in migration_ids) - start
    return dict(results), wall


def _check_visible(api, server_id, migration_id):
    """The API shows the abort: cancelled, not in progress, no task."""
    listed = bench_cloud.expect(api.get(
        '/os-migrations?instance_uuid=%s' % server_id,
        microversion='2.59'), 200).json()['migrations']
    status = {m['id']: m['status'] for m in listed}.get(migration_id)
    in_progress = bench_cloud.expect(api.get(
        '/servers/%s/migrations' % server_id,
        microversion=bench_rig.ABORT_VERSION), 200).json()['migrations']
    server = bench_cloud.expect(api.get('/servers/%s' % server_id),
                                200).json()['server']
    if status != 'cancelled' or \
            any(m['id'] == migration_id for m in in_progress) or \
            server.get('OS-EXT-STS:task_state') is not None:
        raise bench_cloud.BenchError(
            'abort of %s not visible: status %s, task_state %s' % (
                migration_id, status, server.get('OS-EXT-STS:task_state')))
