"""Plain-text tables of the measured figures, with the targets beside them.

``results`` is ``{backend: rows}``: the rows of every child of that backend
merged by benchmark name (see ``nova.tests.bench.cli``), plus ``errors``,
the children that failed.
"""

MB = 1024.0 * 1024.0

#: Abort cost at the largest queue may be at most this times the smallest.
COST_RATIO_TARGET = 1.2
#: Median time from DELETE to cancelled, in process (ms).
CANCELLED_MEDIAN_TARGET_MS = 20.0
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
    rows, targets = [], []
    for name, transport in IN_PROCESS_TRANSPORTS:
        rows += [[backend, transport, r['mode'], r['queue_length'],
                  r['http']['count'], _triple(r['http']),
                  _triple(r['cancelled']), r['delivery']['median'],
                  r['handler']['median'], r['burst_wall_per_abort_ms']]
                 for backend, r in _rows(results, name)]
        targets += [[target, '%s %s' % (backend, transport)] + rest
                    for target, backend, *rest in _abort_targets(
                        results, name)]
    return '\n\n'.join([
        'Abort of a queued live migration against queue length N\n'
        '(DELETE /servers/{id}/migrations/{mid} at 2.65; embedded cloud '
        'over HTTP)',
        table(headers, rows),
        table(['target', 'backend', 'mode', 'measured', 'verdict'],
              targets)])


#: In-process abort rows: the embedded default, then (``--rabbit``) the
#: same cloud over RabbitMQ.
IN_PROCESS_TRANSPORTS = (('abort_cost', 'fake://'),
                         ('abort_cost_rabbit', 'rabbit://'))


def _abort_targets(results, name='abort_cost', in_process=True):
    by_key = {}
    for backend, row in _rows(results, name):
        if 'error' in row:
            continue
        by_key.setdefault((backend, row['mode']), []).append(row)
    for (backend, mode), rows in sorted(
            by_key.items(), key=lambda item: (item[0][0],
                                              item[0][1] != 'sequential')):
        rows.sort(key=lambda r: r['queue_length'])
        small, large = rows[0], rows[-1]
        if large is not small:
            yield _cost_target(backend, mode, small, large)
        if mode == 'sequential' and in_process:
            median = large['cancelled']['median']
            yield ['to cancelled median <= %d ms'
                   % CANCELLED_MEDIAN_TARGET_MS, backend, mode,
                   '%s ms at N=%d' % (_text(median), large['queue_length']),
                   _verdict(median <= CANCELLED_MEDIAN_TARGET_MS)]


# What "per-abort cost" means in each mode: the figures of one abort
# alone, or the burst's wall time shared out.
COST_METRICS = {
    'sequential': (('DELETE', lambda r: r['http']['median']),
                   ('handler', lambda r: r.get('handler', {}).get('median')),
                   ('cancelled', lambda r: r['cancelled']['median'])),
    'burst': (('wall/abort', lambda r: r['burst_wall_per_abort_ms']),),
}


def _cost_target(backend, mode, small, large):
    ratios = []
    for label, pick in COST_METRICS[mode]:
        if pick(small):
            ratios.append((label, pick(large) / pick(small)))
    target = 'cost N=%d <= %.1fx N=%d' % (
        large['queue_length'], COST_RATIO_TARGET, small['queue_length'])
    measured = ', '.join('%s %.2fx' % item for item in ratios)
    worst = max(ratio for _label, ratio in ratios)
    return [target, backend, mode, measured,
            _verdict(worst <= COST_RATIO_TARGET)]


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
        table(headers, rows),
        table(['target', 'backend', 'mode', 'measured', 'verdict'],
              list(_abort_targets(results, 'mp_abort_cost',
                                  in_process=False)))])


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


def render(results, environment, multiprocess_note):
    """Every table, separated by blank lines."""
    parts = ['Environment: %s' % ', '.join(
        '%s=%s' % item for item in sorted(environment.items()))]
    parts += [abort_cost(results), queue_memory(results),
              throughput(results, multiprocess_note), queue_ops(results)]
    parts += filter(None, [multiprocess_abort_cost(results)])
    failures = errors(results)
    if failures:
        parts.append(failures)
    return '\n\n'.join(parts) + '\n'
