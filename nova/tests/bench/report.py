"""Plain-text tables of the measured figures, with the targets beside them.

``results`` is ``{backend: rows}``: the rows of every child of that backend
merged by benchmark name (see ``nova.tests.bench.cli``), plus ``errors``,
the children that failed.
"""

MB = 1024.0 * 1024.0

#: Abort cost at the largest queue may be at most this times the smallest.
COST_RATIO_TARGET = 1.2
#: Median time from DELETE to cancelled, sequential, in process (ms), by
#: transport: the embedded one(s), and RabbitMQ.
CANCELLED_MEDIAN_TARGET_MS = {'rabbit://': 8.0}
CANCELLED_MEDIAN_DEFAULT_MS = 10.0
#: Median time to cancelled in a burst of BURST_TARGET_N aborts (ms).
BURST_TARGET_N = 100
BURST_MEDIAN_TARGET_MS = 100.0
#: Multi-process cloud: a burst of MP_BURST_TARGET_N aborts.
MP_BURST_TARGET_N = 1000
MP_BURST_MEDIAN_TARGET_MS = 2000.0
MP_DELETE_P95_TARGET_MS = 100.0
#: Live migrations accepted per second in process; listings served.
ACCEPT_TARGET_PER_S = 200.0
LIST_TARGET_PER_S = 500.0
#: Added RSS for 10,000 queued migrations (MiB), and added threads.
MEMORY_TARGET_MB = 100.0
MEMORY_TARGET_QUEUED = 10000


def table(headers, rows):
    """Left-aligned columns, a rule under the header."""
    cells = [[_text(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells])
              for i, h in enumerate(headers)]
    lines = ['  '.join(h.ljust(w) for h, w in zip(headers, widths)),
             '  '.join('-' * w for w in widths)]
    lines += ['  '.join(c.ljust(w) for c, w in zip(r, widths))
              for r in cells]
    return '\n'.join(line.rstrip() for line in lines)


def _text(value):
    if value is None:
        return '-'
    if isinstance(value, float):
        return '%.1f' % value if abs(value) >= 10 else '%.2f' % value
    return str(value)


def _triple(summary):
    return '%s / %s / %s' % tuple(_text(summary[k])
                                  for k in ('median', 'p95', 'max'))


def _verdict(ok):
    return 'met' if ok else 'MISSED'


def _rows(results, name):
    for backend, result in results.items():
        for row in result.get(name) or ():
            yield backend, row


def abort_cost(results):
    headers = ['backend', 'transport', 'mode', 'N', 'aborts',
               'DELETE ms med/p95/max', 'to cancelled ms med/p95/max',
               'delivery ms med', 'handler ms med', 'burst wall/abort ms']
    rows = []
    for name, transport in IN_PROCESS_TRANSPORTS:
        rows += [[backend, transport, r['mode'], r['queue_length'],
                  r['http']['count'], _triple(r['http']),
                  _triple(r['cancelled']), r['delivery']['median'],
                  r['handler']['median'], r['burst_wall_per_abort_ms']]
                 for backend, r in _rows(results, name)]
    return '\n\n'.join([
        'Abort of a queued live migration against queue length N\n'
        '(DELETE /servers/{id}/migrations/{mid} at 2.65; embedded cloud '
        'over HTTP)',
        table(headers, rows)])


#: In-process abort rows: the embedded default, then (``--fake``) the
#: same cloud on oslo.messaging's polling fake://, then (``--rabbit``) over
#: RabbitMQ.
IN_PROCESS_TRANSPORTS = (('abort_cost', 'inprocess://'),
                         ('abort_cost_fake', 'fake://'),
                         ('abort_cost_rabbit', 'rabbit://'))


def _abort_targets(results, name='abort_cost', transport='inprocess://',
                   in_process=True):
    """[target, where, measured, ok] for one set of abort rows."""
    by_key = {}
    for backend, row in _rows(results, name):
        if 'error' in row:
            continue
        by_key.setdefault((backend, row['mode']), []).append(row)
    for (backend, mode), rows in sorted(
            by_key.items(), key=lambda item: (item[0][0],
                                              item[0][1] != 'sequential')):
        rows.sort(key=lambda r: r['queue_length'])
        where = '%s %s %s' % (backend, transport, mode) if in_process \
            else '%s multi-process %s' % (backend, mode)
        if len(rows) > 1:
            yield _cost_target(where, mode, rows[0], rows[-1])
        if in_process:
            yield from _in_process_latency(where, mode, rows, transport)
        else:
            yield from _multiprocess_latency(where, mode, rows)


def _in_process_latency(where, mode, rows, transport):
    if mode == 'sequential':
        limit = CANCELLED_MEDIAN_TARGET_MS.get(transport,
                                               CANCELLED_MEDIAN_DEFAULT_MS)
        worst = max(rows, key=lambda r: r['cancelled']['median'])
        median = worst['cancelled']['median']
        yield ['to cancelled median <= %g ms, every N' % limit, where,
               '%s ms (worst, N=%d)' % (_text(median),
                                        worst['queue_length']),
               median <= limit]
        return
    for row in rows:
        if row['queue_length'] == BURST_TARGET_N:
            median = row['cancelled']['median']
            yield ['burst of %d: to cancelled median <= %g ms'
                   % (BURST_TARGET_N, BURST_MEDIAN_TARGET_MS), where,
                   '%s ms' % _text(median), median <= BURST_MEDIAN_TARGET_MS]


def _multiprocess_latency(where, mode, rows):
    if mode != 'burst':
        return
    for row in rows:
        if row['queue_length'] != MP_BURST_TARGET_N:
            continue
        median = row['cancelled']['median']
        p95 = row['http']['p95']
        yield ['burst of %d: to cancelled median <= %g ms'
               % (MP_BURST_TARGET_N, MP_BURST_MEDIAN_TARGET_MS), where,
               '%s ms' % _text(median), median <= MP_BURST_MEDIAN_TARGET_MS]
        yield ['burst of %d: DELETE p95 < %g ms'
               % (MP_BURST_TARGET_N, MP_DELETE_P95_TARGET_MS), where,
               '%s ms' % _text(p95), p95 < MP_DELETE_P95_TARGET_MS]


# What "per-abort cost" means in each mode: the figures of one abort
# alone, or the burst's wall time shared out.
COST_METRICS = {
    'sequential': (('DELETE', lambda r: r['http']['median']),
                   ('handler', lambda r: r.get('handler', {}).get('median')),
                   ('cancelled', lambda r: r['cancelled']['median'])),
    'burst': (('wall/abort', lambda r: r['burst_wall_per_abort_ms']),),
}


def _cost_target(where, mode, small, large):
    ratios = []
    for label, pick in COST_METRICS[mode]:
        if pick(small):
            ratios.append((label, pick(large) / pick(small)))
    target = 'cost N=%d <= %.1fx N=%d' % (
        large['queue_length'], COST_RATIO_TARGET, small['queue_length'])
    measured = ', '.join('%s %.2fx' % item for item in ratios)
    worst = max(ratio for _label, ratio in ratios)
    return [target, where, measured, worst <= COST_RATIO_TARGET]


def queue_memory(results):
    headers = ['backend', 'scenario', 'queued', 'RSS before MiB',
               'RSS added MiB', 'bytes/migration', 'native threads',
               'active_count', 'greenlets', 'target']
    rows = []
    for backend, r in _rows(results, 'queue_memory'):
        rows.append([
            backend, r['scenario'], r['queued'],
            r['before']['rss'] / MB, r['rss_added_bytes'] / MB,
            int(r['bytes_per_migration']),
            _change(r, 'threads_native'), _change(r, 'threads_active'),
            _change(r, 'greenlets'), _memory_verdict(r)])
    return '\n\n'.join([
        'Memory and threads per queued live migration (one busy worker, '
        'N queued behind it)',
        table(headers, rows),
        'target: %d queued add < %d MiB RSS and no thread (or greenlet) '
        'per queued migration' % (MEMORY_TARGET_QUEUED, MEMORY_TARGET_MB)])


def _memory_targets(results):
    for backend, row in _rows(results, 'queue_memory'):
        if row['queued'] < MEMORY_TARGET_QUEUED:
            continue
        added = row['rss_added_bytes'] / MB
        yield ['%d queued add < %d MiB, no thread' % (
            MEMORY_TARGET_QUEUED, MEMORY_TARGET_MB),
            '%s %s' % (backend, row['scenario']),
            '%s MiB' % _text(added), _memory_verdict(row) == 'met']


def _change(row, key):
    before, after = row['before'][key], row['after'][key]
    if before is None:
        return None
    return '%d -> %d' % (before, after)


def _memory_verdict(row):
    added = row['threads_added']
    no_threads = all(not value for value in added.values())
    if row['queued'] < MEMORY_TARGET_QUEUED:
        return 'threads %s' % _verdict(no_threads)
    small = row['rss_added_bytes'] / MB < MEMORY_TARGET_MB
    return _verdict(small and no_threads)


THROUGHPUT_HEADERS = ['backend', 'operation', 'clients', 'requests',
                      'seconds', 'per second', 'queued per second']


def _throughput_rows(results, name, label=''):
    return [[backend + label, r['operation'], r['clients'], r['requests'],
             r['seconds'], r['per_second'], r.get('queued_per_second')]
            for backend, r in _rows(results, name)]


def _throughput_targets(results):
    for backend, row in _rows(results, 'throughput'):
        if row['clients'] == 1:
            continue
        if row['operation'] == 'accept':
            limit, what = ACCEPT_TARGET_PER_S, 'os-migrateLive accepted'
        elif row['operation'] == 'list':
            limit, what = LIST_TARGET_PER_S, 'migration listings served'
        else:
            continue
        yield ['%s >= %g/s' % (what, limit),
               '%s %d clients' % (backend, row['clients']),
               '%s/s' % _text(row['per_second']),
               row['per_second'] >= limit]


def throughput(results, multiprocess_note):
    rows = _throughput_rows(results, 'throughput')
    rows += _throughput_rows(results, 'mp_throughput', ' multi-process')
    if multiprocess_note:
        # The note goes last: the only column it cannot widen for nothing.
        rows.append(['multi-process', '-', '', '', '', '',
                     multiprocess_note])
    return '\n\n'.join([
        'Throughput: POST os-migrateLive (2.30) accepted, GET '
        '/servers/{id}/migrations (2.65) served',
        table(THROUGHPUT_HEADERS, rows)])


def multiprocess_abort_cost(results):
    headers = ['backend', 'mode', 'N', 'aborts', 'DELETE ms med/p95/max',
               'to cancelled (polled) ms med/p95/max',
               'burst wall/abort ms']
    rows = [[backend, r['mode'], r['queue_length'], r['http']['count'],
             _triple(r['http']), _triple(r['cancelled']),
             r['burst_wall_per_abort_ms']] if 'error' not in r else
            [backend, r['mode'], r['queue_length'], '-', 'FAILED',
             r['error'][:60], '-']
            for backend, r in _rows(results, 'mp_abort_cost')]
    if not rows:
        return None
    return '\n\n'.join([
        'Multi-process cloud (RabbitMQ, MariaDB, Keystone; each service a '
        'process): abort of a queued live migration against N',
        table(headers, rows)])


def all_targets(results):
    """[target, where, measured, ok] for every target the figures allow."""
    found = []
    for name, transport in IN_PROCESS_TRANSPORTS:
        found += _abort_targets(results, name, transport)
    found += _abort_targets(results, 'mp_abort_cost', in_process=False)
    found += _throughput_targets(results)
    found += _memory_targets(results)
    return found


def targets(results, baseline=None):
    """Every target met or missed, with the baseline's figure beside it."""
    before = {(t[0], t[1]): t[2] for t in all_targets(baseline or {})}
    rows = [[target, where, before.get((target, where), '-'), measured,
             _verdict(ok)]
            for target, where, measured, ok in all_targets(results)]
    return '\n\n'.join([
        'Targets (before: %s)' % (
            'the --baseline run' if baseline else 'no --baseline given'),
        table(['target', 'where', 'before', 'after', 'verdict'], rows)])


def queue_ops(results):
    headers = ['backend', 'queued', 'show ms med/p95/max', 'list ms',
               'drain ms', 'drain ms per migration']
    rows = [[backend, r['queued'], _triple(r['show']), r['list_ms'],
             r['drain_ms'], r['drain_per_migration_ms']]
            for backend, r in _rows(results, 'queue_ops')]
    targets = []
    for backend, r in _rows(results, 'queue_ops'):
        if r['queued'] >= 10000:
            targets.append(['show at %d < 200 ms' % r['queued'], backend,
                            r['show']['median'],
                            _verdict(r['show']['median'] < 200)])
        if r['queued'] == 1000 and r['drain_ms'] is not None:
            targets.append(['drain of 1000 < 1 s', backend, r['drain_ms'],
                            _verdict(r['drain_ms'] < 1000)])
    return '\n\n'.join([
        'Queue resource: GET /os-live-migration-queues/{host} and a drain '
        'of N queued (until all cancelled)',
        table(headers, rows),
        table(['target', 'backend', 'measured ms', 'verdict'], targets)])


def errors(results):
    return '\n'.join('FAILED %s' % error for result in results.values()
                     for error in result.get('errors') or ())


def render(results, environment, multiprocess_note, baseline=None):
    """Every table, separated by blank lines; the targets last."""
    parts = ['Environment: %s' % ', '.join(
        '%s=%s' % item for item in sorted(environment.items()))]
    parts += [abort_cost(results), queue_memory(results),
              throughput(results, multiprocess_note), queue_ops(results)]
    parts += filter(None, [multiprocess_abort_cost(results)])
    parts.append(targets(results, baseline))
    failures = errors(results)
    if failures:
        parts.append(failures)
    return '\n\n'.join(parts) + '\n'
