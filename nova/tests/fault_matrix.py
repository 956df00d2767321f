"""The fault matrix: which cell ran, what it proved, how long restarts took.

Tests of the fault matrix (functional: in process, both backends;
multiprocess: real process kills) ``record`` one row per cell into the file
named by ``NOVA_FAULT_MATRIX``; ``tools/run-tests.sh`` prints the table at
the end of the run (``python -m nova.tests.fault_matrix FILE``).
"""

import collections
import json
import os
import sys

ENV_VAR = 'NOVA_FAULT_MATRIX'
Cell = collections.namedtuple(
    'Cell', ['suite', 'backend', 'phases', 'fault', 'order', 'result',
             'restart_seconds', 'outcome'], defaults=(None,))


def record(suite, phases, fault, order, result, restart_seconds=None,
           outcome=None):
    """Append one cell; a no-op unless ``NOVA_FAULT_MATRIX`` is set."""
    path = os.environ.get(ENV_VAR)
    if not path:
        return
    from nova import monkey_patch
    cell = Cell(suite, monkey_patch.active_backend(), ','.join(phases),
                fault, order, result, restart_seconds, outcome)
    with open(path, 'a') as handle:
        handle.write(json.dumps(cell._asdict()) + '\n')


def load(path):
    with open(path) as handle:
        return [Cell(**json.loads(line)) for line in handle if line.strip()]


def render(cells):
    header = ('suite', 'backend', 'phases', 'fault', 'restart order',
              'restart s', 'migrations end', 'result')
    rows = [(c.suite, c.backend, c.phases, c.fault, c.order,
             '-' if c.restart_seconds is None
             else '%.1f' % c.restart_seconds, c.outcome or '-', c.result)
            for c in sorted(cells, key=lambda c: c[:5])]
    widths = [max(len(str(r[i])) for r in [header] + rows)
              for i in range(len(header))]

    def line(row):
        return '  '.join(str(v).ljust(w) for v, w in zip(row, widths))
    return '\n'.join([line(header), line(['-' * w for w in widths])] +
                     [line(r) for r in rows])


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or not os.path.exists(argv[0]):
        return 0
    cells = load(argv[0])
    if cells:
        print('Fault matrix (%d cells):' % len(cells))
        print(render(cells))
    return 0


if __name__ == '__main__':
    sys.exit(main())
