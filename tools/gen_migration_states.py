#!/usr/bin/env python3
"""Draw the live-migration status table for the contributor docs.

The diagram is generated from ``nova.compute.migration_states.TRANSITIONS``
so it cannot drift from what the code enforces.  Graphviz dot by default;
``--format rst`` wraps it in a ``.. graphviz::`` directive ready for
``.. include::`` (needs ``sphinx.ext.graphviz``); ``--format table`` writes
the RST table the contributor docs include::

    python tools/gen_migration_states.py --format table \
        -o doc/source/contributor/migration-states-table.inc

    python tools/gen_migration_states.py --format rst \
        -o doc/source/_static/migration-states.rst
"""

import argparse
import os
import sys

try:
    from nova.compute import migration_states
except ImportError:  # run from a checkout that is not installed
    sys.path.insert(0, os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    from nova.compute import migration_states

START = migration_states.MigrationStatus.ACCEPTED


def _node(status):
    if status in migration_states.FINAL_STATES:
        return '"%s" [shape=doublecircle];' % status
    if status == START:
        return '"%s" [shape=circle, style=bold];' % status
    return '"%s" [shape=circle];' % status


def render_dot():
    """The table as a Graphviz digraph, one edge per legal move."""
    lines = ['digraph migration_states {', 'rankdir=LR;']
    table = migration_states.TRANSITIONS
    lines.extend(_node(status) for status in table)
    for source, targets in table.items():
        # Table order, not set order, so reruns give the same file.
        for target in (s for s in table if s in targets):
            lines.append('"%s" -> "%s";' % (source, target))
    lines.append('}')
    return '\n'.join(lines) + '\n'


def render_rst():
    """The digraph inside a ``.. graphviz::`` directive."""
    body = ''.join('   %s\n' % line
                   for line in render_dot().splitlines())
    return '.. graphviz::\n\n' + body


def render_table():
    """An RST list-table of the legal moves, buildable without Graphviz."""
    table = migration_states.TRANSITIONS
    lines = ['.. list-table:: Legal status changes (generated from '
             '``TRANSITIONS``)', '   :header-rows: 1', '',
             '   * - From', '     - To', '     - Final']
    for source, targets in table.items():
        ordered = [s for s in table if s in targets]
        lines.append('   * - ``%s``' % source)
        lines.append('     - %s' % (', '.join('``%s``' % t for t in ordered)
                                    or '(none)'))
        final = source in migration_states.FINAL_STATES
        lines.append('     - %s' % ('yes' if final else 'no'))
    return '\n'.join(lines) + '\n'


GENERATED_TABLE = os.path.join('doc', 'source', 'contributor',
                               'migration-states-table.inc')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--format', choices=('dot', 'rst', 'table'),
                        default='dot')
    parser.add_argument('-o', '--output', help='file to write (default: '
                        'standard output)')
    args = parser.parse_args(argv)
    renderers = {'dot': render_dot, 'rst': render_rst,
                 'table': render_table}
    text = renderers[args.format]()
    if args.output:
        with open(args.output, 'w') as stream:
            stream.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
