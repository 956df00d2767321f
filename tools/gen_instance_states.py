#!/usr/bin/env python3
"""Draw the server lifecycle table for the contributor docs.

Generated from ``nova.compute.instance_states.TRANSITIONS`` so the docs
cannot drift from what the code enforces.  ``--format table`` writes the
RST table the contributor docs include; ``--format dot`` a Graphviz graph
of vm_states with one edge per (action, start state)::

    python tools/gen_instance_states.py --format table \
        -o doc/source/contributor/instance-states-table.inc

    python tools/gen_instance_states.py --format dot | dot -Tsvg > states.svg
"""

import argparse
import os
import sys

try:
    from nova.compute import instance_states
except ImportError:  # run from a checkout that is not installed
    sys.path.insert(0, os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    from nova.compute import instance_states

from nova.compute import power_state  # noqa: E402

GENERATED_TABLE = os.path.join('doc', 'source', 'contributor',
                               'instance-states-table.inc')


def _edges():
    """(from vm_state, to vm_state, label) per action and start state."""
    for action, row in instance_states.TRANSITIONS.items():
        for source in row.from_vm_states:
            target = row.to_vm_state
            if target == instance_states.KEEP:
                target = source
            elif target == instance_states.BY_POWER_STATE:
                target = 'active|stopped'
            yield source, target, '%s (%s)' % (action,
                                               ', '.join(row.task_states))


def render_dot():
    """The table as a Graphviz digraph of vm_states."""
    lines = ['digraph instance_states {', 'rankdir=LR;']
    nodes = instance_states.all_vm_states() + ['active|stopped']
    lines.extend('"%s" [shape=box];' % state for state in nodes)
    for source, target, label in _edges():
        lines.append('"%s" -> "%s" [label="%s"];' % (source, target, label))
    lines.append('}')
    return '\n'.join(lines) + '\n'


def _power(value):
    if value is None:
        return 'as reported'
    return '``%s``' % power_state.STATE_MAP[value]


def _codes(values):
    return ', '.join('``%s``' % v for v in values)


def render_table():
    """An RST list-table: one row per action."""
    lines = ['.. list-table:: Server actions and their states (generated '
             'from ``TRANSITIONS``)', '   :header-rows: 1', '',
             '   * - Action', '     - From vm_state', '     - task_state '
             'while running', '     - To vm_state', '     - Power state',
             '     - Note']
    for action, row in instance_states.TRANSITIONS.items():
        target = row.to_vm_state
        if target not in (instance_states.KEEP,
                          instance_states.BY_POWER_STATE):
            target = '``%s``' % target
        sources = _codes(row.from_vm_states)
        if row.from_task_states == instance_states.ANY_TASK:
            sources += ' (any task)'
        lines.extend(['   * - ``%s``' % action, '     - %s' % sources,
                      '     - %s' % _codes(row.task_states),
                      '     - %s' % target,
                      '     - %s' % _power(row.power_state),
                      '     - %s' % (row.doc or '')])
    return '\n'.join(line.rstrip() for line in lines) + '\n'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--format', choices=('dot', 'table'),
                        default='dot')
    parser.add_argument('-o', '--output', help='file to write (default: '
                        'standard output)')
    args = parser.parse_args(argv)
    text = {'dot': render_dot, 'table': render_table}[args.format]()
    if args.output:
        with open(args.output, 'w') as stream:
            stream.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
