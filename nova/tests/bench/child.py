"""What one benchmark process runs, on the backend it was started with.

The parent starts a child per backend (and per memory scenario and size)
with ``NOVA_CONCURRENCY_BACKEND`` in its environment, because the backend
is chosen when ``nova.tests`` is first imported.  A child writes its rows
as JSON to ``--out``.
"""

import json
import logging
import os
import sys

from nova import monkey_patch
from nova.tests.bench import abort_cost
from nova.tests.bench import cloud as bench_cloud
from nova.tests.bench import queue_memory
from nova.tests.bench import queue_ops
from nova.tests.bench import throughput


def run_cloud_suite(args, emit):
    """Benchmarks 1 and 3 on one embedded cloud.

    The rows are emitted before the cloud stops, so a slow stop cannot
    lose them.
    """
    with bench_cloud.BenchCloud() as cloud:
        count = 1 + max(max(args.sizes), args.accept_single,
                        args.accept_parallel)
        start = bench_cloud.now()
        servers = cloud.boot_servers(count)
        booted = bench_cloud.now() - start
        emit({
            'servers': count,
            'boot_seconds': round(booted, 1),
            abort_cost.NAME: abort_cost.run(cloud, servers, args.sizes,
                                            args.min_samples),
            throughput.NAME: throughput.run(
                cloud, servers, args.accept_single, args.accept_parallel,
                args.list_requests),
        })


def run_cloud_fake(args, emit):
    """Benchmark 1 again on oslo.messaging's fake:// (the former default).

    Its listener polls every 50 ms; the difference in delivery time to
    inprocess:// is what the embedded transport saves.
    """
    with bench_cloud.BenchCloud(transport_url='fake://') as cloud:
        servers = cloud.boot_servers(1 + max(args.sizes))
        emit({abort_cost.FAKE_NAME: abort_cost.run(
            cloud, servers, args.sizes, args.min_samples)})


def run_cloud_rabbit(args, emit):
    """Benchmark 1 again, in process but over RabbitMQ, not inprocess://.

    Everything else is the same cloud; the difference in delivery time is
    the transport's share of the time to cancelled.
    """
    from nova.tests.bench import multiprocess
    with multiprocess.RabbitVhost() as url:
        with bench_cloud.BenchCloud(transport_url=url) as cloud:
            servers = cloud.boot_servers(1 + max(args.sizes))
            emit({abort_cost.RABBIT_NAME: abort_cost.run(
                cloud, servers, args.sizes, args.min_samples)})


def run_queue_ops(args, emit):
    """Benchmark 4: show and drain of long queues on one embedded cloud."""
    with bench_cloud.BenchCloud() as cloud:
        holder = cloud.boot_servers(1)[0]
        emit({queue_ops.NAME: queue_ops.run(cloud, holder, args.queue_sizes,
                                            args.drain_max)})


def run_memory(args, emit):
    emit({queue_memory.NAME: [queue_memory.run(args.scenario, args.size)]})


def run_multiprocess(args, emit):
    from nova.tests.bench import mp_rounds
    emit(mp_rounds.run(monkey_patch.active_backend(), args.mp_sizes,
                       args.mp_min_samples, args.mp_accept))


SUITES = {'cloud': run_cloud_suite, 'cloud-fake': run_cloud_fake,
          'cloud-rabbit': run_cloud_rabbit,
          'memory': run_memory, 'queue-ops': run_queue_ops,
          'multiprocess': run_multiprocess}


def main(args):
    """Run the suite named by ``args.child``; write JSON to ``args.out``."""
    backend = monkey_patch.active_backend()
    if backend != os.environ.get(monkey_patch.ENV_VAR, backend):
        sys.exit('backend %s, but %s=%s' % (
            backend, monkey_patch.ENV_VAR,
            os.environ[monkey_patch.ENV_VAR]))

    def emit(result):
        result['backend'] = backend
        with open(args.out, 'w') as handle:
            json.dump(result, handle)

    suite = SUITES[args.child]
    # Expected failures (aborts, lost claims) log warnings on purpose.
    nova_log = logging.getLogger('nova')
    level = nova_log.level
    nova_log.setLevel(logging.ERROR)
    try:
        suite(args, emit)
    finally:
        nova_log.setLevel(level)
