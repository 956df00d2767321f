"""Tests of the operator tooling: ``nova/tools`` and the scripts in ``tools/``.

The scripts are not an importable package: ``load_tool`` imports one by
name; ``check_generated_table`` is the one "generated doc is stale" check
every state-table tool shares.
"""

import importlib.util
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..',
                                     '..', '..'))


def load_tool(name):
    """The module of ``tools/<name>.py``."""
    path = os.path.join(ROOT, 'tools', '%s.py' % name)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_generated_table(testcase, name):
    """The doc table ``tools/<name>.py`` writes is what it renders now."""
    tool = load_tool(name)
    with open(os.path.join(ROOT, tool.GENERATED_TABLE)) as handle:
        testcase.assertEqual(
            tool.render_table(), handle.read(),
            'regenerate with: python tools/%s.py --format table -o %s'
            % (name, tool.GENERATED_TABLE))
