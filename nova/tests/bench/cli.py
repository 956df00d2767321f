"""``python -m nova.tests.bench``: run the benchmarks, print the tables.

Every backend runs in child processes of its own, since the concurrency
backend is fixed when ``nova.tests`` is imported: one child for the
embedded-cloud benchmarks (abort cost, throughput), one for the queue
show and drain benchmark, and one per memory scenario and size.  The
parent merges what they write, prints one table per benchmark and writes
everything to ``--json``.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

from nova import monkey_patch
from nova.tests.bench import multiprocess
from nova.tests.bench import queue_memory
from nova.tests.bench import report

FULL = {'sizes': (10, 100, 1000), 'memory_sizes': (1000, 10000),
        'min_samples': 100, 'accept_single': 200, 'accept_parallel': 500,
        'list_requests': 500, 'mp_sizes': (10, 100), 'mp_min_samples': 30,
        'mp_accept': 100, 'timeout': 1200,
        'queue_sizes': (100, 1000, 10000), 'drain_max': 1000}
QUICK = {'sizes': (10, 100), 'memory_sizes': (1000,), 'min_samples': 20,
         'accept_single': 50, 'accept_parallel': 100, 'list_requests': 100,
         'mp_sizes': (10,), 'mp_min_samples': 10, 'mp_accept': 20,
         'timeout': 300, 'queue_sizes': (100, 1000), 'drain_max': 1000}
CHILD_OPTIONS = ('min_samples', 'accept_single', 'accept_parallel',
                 'list_requests', 'mp_min_samples', 'mp_accept')
TMPFS = '/dev/shm'


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='python -m nova.tests.bench', description=__doc__.split(
            '\n')[0].split(': ', 1)[1])
    parser.add_argument('--backend', default='both',
                        choices=monkey_patch.BACKENDS + ('both',))
    parser.add_argument('--sizes', type=_sizes,
                        help='queue lengths for the abort benchmark '
                             '(default 10,100,1000; --quick 10,100)')
    parser.add_argument('--memory-sizes', type=_sizes,
                        help='queued migrations for the memory benchmark '
                             '(default 1000,10000; --quick 1000)')
    parser.add_argument('--queue-sizes', type=_sizes,
                        help='queue lengths for the queue show and drain '
                             'benchmark (default 100,1000,10000; --quick '
                             '100,1000)')
    parser.add_argument('--drain-max', type=int,
                        help='longest queue that is also drained (default '
                             '1000; longer ones are only shown)')
    parser.add_argument('--multiprocess', action='store_true',
                        help='also measure a multi-process cloud '
                             '(tools/cloud.py: RabbitMQ, MariaDB, Keystone '
                             'on localhost); adds minutes')
    parser.add_argument('--rabbit', action='store_true',
                        help='also run the abort benchmark in process over '
                             'RabbitMQ (a throwaway vhost on the local '
                             'broker), to show the transport\'s share')
    parser.add_argument('--fake', action='store_true',
                        help='also run the abort benchmark in process on '
                             'oslo.messaging\'s fake:// (the former '
                             'embedded transport, whose listener polls)')
    parser.add_argument('--baseline', metavar='PATH',
                        help='the --json of an earlier run (of the code '
                             'before a change): its figures go in the '
                             'targets\' "before" column')
    parser.add_argument('--mp-sizes', type=_sizes,
                        help='queue lengths on the multi-process cloud '
                             '(default 10,100; --quick 10)')
    parser.add_argument('--timeout', type=int, metavar='SECONDS',
                        help='longest a child may run (default 1200; '
                             '--quick 300)')
    parser.add_argument('--json', metavar='PATH',
                        help='write every measured figure here')
    parser.add_argument('--quick', action='store_true',
                        help='smaller sizes and fewer samples')
    parser.add_argument('--tmpdir', default=_default_tmpdir(),
                        help='where the SQLite files go (default: %s if '
                             'writable, else the system default)' % TMPFS)
    _add_child_options(parser)
    args = parser.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for name, value in defaults.items():
        if getattr(args, name, None) is None:
            setattr(args, name, value)
    return args


def _add_child_options(parser):
    """Hidden: which suite a child runs, and where its JSON goes."""
    parser.add_argument('--child', choices=('cloud', 'cloud-fake',
                                            'cloud-rabbit', 'memory',
                                            'multiprocess', 'queue-ops'),
                        help=argparse.SUPPRESS)
    parser.add_argument('--out', help=argparse.SUPPRESS)
    parser.add_argument('--scenario', choices=queue_memory.SCENARIOS,
                        help=argparse.SUPPRESS)
    parser.add_argument('--size', type=int, help=argparse.SUPPRESS)
    for name in CHILD_OPTIONS:
        parser.add_argument('--' + name.replace('_', '-'), type=int,
                            help=argparse.SUPPRESS)


def _sizes(text):
    try:
        sizes = tuple(sorted({int(part) for part in text.split(',')}))
    except ValueError:
        raise argparse.ArgumentTypeError('expected numbers like 10,100')
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError('sizes must be positive')
    return sizes


def _default_tmpdir():
    if os.path.isdir(TMPFS) and os.access(TMPFS, os.W_OK):
        return TMPFS
    return None


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.child:
        from nova.tests.bench import child
        child.main(args)
        return 0
    backends = (monkey_patch.BACKENDS if args.backend == 'both'
                else (args.backend,))
    environment = _environment(args)
    note = multiprocess.note(args.multiprocess)
    args.multiprocess = args.multiprocess and note is None
    if rabbit_note(args):
        _progress(NO_RABBIT)
    baseline = _baseline(args.baseline)
    results = {backend: run_backend(backend, args) for backend in backends}
    environment['load_after'] = _load()
    sys.stdout.write(report.render(results, environment, note, baseline))
    if args.json:
        with open(args.json, 'w') as handle:
            json.dump({'environment': environment, 'results': results,
                       'multiprocess': note}, handle, indent=2)
    return 1 if any(r.get('errors') for r in results.values()) else 0


def _baseline(path):
    """The results of an earlier ``--json``, or None."""
    if not path:
        return None
    with open(path) as handle:
        return json.load(handle)['results']


NO_RABBIT = ('--rabbit ignored: it needs the launcher nova.tools.cloud '
             '(its vhost helper)')


def rabbit_note(args):
    """Turn ``--rabbit`` off (and say why) without the vhost helper."""
    if args.rabbit and multiprocess.load_launcher() is None:
        args.rabbit = False
        return NO_RABBIT
    return None


def run_backend(backend, args):
    """Every child for one backend; their rows merged, failures listed."""
    merged = {'abort_cost': [], 'abort_cost_fake': [],
              'abort_cost_rabbit': [], 'throughput': [],
              'queue_memory': [], 'queue_ops': [],
              'mp_abort_cost': [], 'mp_throughput': [], 'errors': []}
    jobs = [('cloud', ['--sizes', _join(args.sizes)])]
    if args.fake:
        jobs.append(('cloud-fake', ['--sizes', _join(args.sizes)]))
    if args.rabbit:
        jobs.append(('cloud-rabbit', ['--sizes', _join(args.sizes)]))
    jobs.append(('queue-ops', ['--queue-sizes', _join(args.queue_sizes),
                               '--drain-max', str(args.drain_max)]))
    jobs += [('memory', ['--scenario', scenario, '--size', str(size)])
             for scenario in queue_memory.SCENARIOS
             for size in args.memory_sizes]
    if args.multiprocess:
        jobs.append(('multiprocess', ['--mp-sizes', _join(args.mp_sizes)]))
    for suite, extra in jobs:
        label = '%s %s %s' % (backend, suite, ' '.join(extra))
        _progress('running %s' % label)
        started = time.monotonic()
        result, error = run_child(backend, suite, extra, args)
        _progress('  done in %.0f s%s' % (time.monotonic() - started,
                                          ': ' + error if error else ''))
        if error:
            merged['errors'].append('%s: %s' % (label, error))
        for key, value in (result or {}).items():
            if isinstance(merged.get(key), list):
                merged[key].extend(value)
            elif key != 'backend':
                merged[key] = value
    return merged


def run_child(backend, suite, extra, args):
    """Run one child; return (its JSON or None, error text or None)."""
    env = dict(os.environ, **{monkey_patch.ENV_VAR: backend})
    # Everything the child writes (its databases included) goes into one
    # directory, removed with it.
    with tempfile.TemporaryDirectory(prefix='nova-bench-',
                                     dir=args.tmpdir) as scratch:
        env['TMPDIR'] = scratch
        out = os.path.join(scratch, 'result.json')
        log = os.path.join(scratch, 'child.log')
        command = [sys.executable, '-m', 'nova.tests.bench', '--child',
                   suite, '--out', out] + extra
        for name in CHILD_OPTIONS:
            command += ['--' + name.replace('_', '-'),
                        str(getattr(args, name))]
        with open(log, 'w') as log_file:
            error = _wait_child(command, env, log_file, args.timeout)
        result = None
        if os.path.exists(out):
            with open(out) as handle:
                result = json.load(handle)
        if error and result is None:
            error += '\n' + _tail(log)
        return result, error


def _wait_child(command, env, log_file, timeout):
    child = subprocess.Popen(command, env=env, stdout=log_file,
                             stderr=subprocess.STDOUT)
    try:
        code = child.wait(timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return 'timed out after %d s' % timeout
    return 'exit status %d' % code if code else None


def _tail(path, lines=30):
    with open(path) as handle:
        return ''.join(handle.readlines()[-lines:])


def _join(sizes):
    return ','.join(str(size) for size in sizes)


def _environment(args):
    return {'python': platform.python_version(),
            'cpus': os.cpu_count(),
            'sqlite_dir': args.tmpdir or tempfile.gettempdir(),
            'load_before': _load(),
            'mode': 'quick' if args.quick else 'full',
            'date': time.strftime('%Y-%m-%d %H:%M:%S')}


def _load():
    return '%.2f' % os.getloadavg()[0]


def _progress(text):
    sys.stderr.write(text + '\n')
    sys.stderr.flush()
