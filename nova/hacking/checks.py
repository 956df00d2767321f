"""Local flake8 checks that keep the layers apart (tox ``pep8`` env).

Registered in ``tox.ini`` under ``[flake8:local-plugins]``; each rule is
written down in ``doc/source/contributor/architecture.rst``:

* N310: ``nova/compute`` and ``nova/virt`` never import ``nova.db``; a
  compute reaches the database through objects (and the conductor).
* N311: the live-migration queue imports no RPC, driver, network or
  database code, so it stays one small unit testable on its own.
* N312: nothing below the REST layer imports ``nova.api``; only the API
  itself, the entry points and the tests do.
* N313: oslo.config options are defined and registered only in
  ``nova/conf`` (a command in ``nova/cmd`` may add its sub-command
  argument).
* N314: ``nova.tools`` (the launcher of the multi-process cloud) is
  operator and test tooling: only it and the tests import it.
"""

import ast
import os
import re

DB_FREE_PACKAGES = ('nova/compute/', 'nova/virt/')
QUEUE_MODULE = 'nova/compute/live_migration_queue.py'
QUEUE_FORBIDDEN = ('oslo_messaging', 'nova.rpc', 'nova.virt', 'nova.db',
                   'nova.network', 'nova.conductor')
# Where importing nova.api is legitimate: the API itself, the processes that
# serve it and the tests.
API_IMPORTERS = ('nova/api/', 'nova/cmd/', 'nova/tests/', 'nova/hacking/',
                 'nova/service.py', 'nova/wsgi.py', 'nova/embedded.py')
CONF_HOMES = ('nova/conf/', 'nova/tests/')
TOOLS_IMPORTERS = ('nova/tools/', 'nova/tests/')
# A command's own sub-command argument is part of its command line.
CLI_HOME = 'nova/cmd/'
CLI_OPTIONS = ('register_cli_opt', 'register_cli_opts', 'SubCommandOpt')

_REGISTER = re.compile(r'^register_(cli_)?opts?$|^register_group$')
_OPTION = re.compile(r'^[A-Z]\w*Opt$')

N310 = 'N310 nova.db imported in nova/compute or nova/virt: use objects'
N311 = ('N311 the live-migration queue imports %s: it must stay free of '
        'RPC, driver, network and database code')
N312 = 'N312 nova.api imported below the API layer'
N313 = 'N313 oslo.config option %s outside nova/conf'
N314 = 'N314 nova.tools imported by service code: it is operator tooling'


def package_path(filename):
    """``filename`` from its ``nova/`` package root, with ``/``."""
    parts = os.path.normpath(filename).replace(os.sep, '/').split('/')
    roots = [i for i, part in enumerate(parts[:-1]) if part == 'nova']
    if not roots:
        return None
    return '/'.join(parts[roots[-1]:])


def _imported_modules(node):
    """Every dotted name an import statement may bind, absolute only."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or node.module is None:
        return []
    return [node.module] + ['%s.%s' % (node.module, alias.name)
                            for alias in node.names]


def _within(module, prefixes):
    return any(module == p or module.startswith(p + '.') for p in prefixes)


def _is_rpc(module):
    return _within(module, QUEUE_FORBIDDEN) or \
        module.split('.')[-1] == 'rpcapi'


class LayeringChecker(object):
    """One pass over a module's AST for the N31x rules."""

    name = 'nova-layering'
    version = '1.0'

    def __init__(self, tree, filename):
        self.tree = tree
        self.path = package_path(filename)

    def run(self):
        if self.path is None:
            return
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for message in self._import_errors(node):
                    yield node.lineno, node.col_offset, message, type(self)
            elif isinstance(node, ast.Call):
                message = self._option_error(node)
                if message:
                    yield node.lineno, node.col_offset, message, type(self)

    def _import_errors(self, node):
        modules = _imported_modules(node)
        if self.path.startswith(DB_FREE_PACKAGES) and \
                any(_within(m, ('nova.db',)) for m in modules):
            yield N310
        if self.path == QUEUE_MODULE:
            bad = sorted(m for m in modules if _is_rpc(m))
            if bad:
                yield N311 % bad[0]
        if not self.path.startswith(API_IMPORTERS) and \
                any(_within(m, ('nova.api',)) for m in modules):
            yield N312
        if not self.path.startswith(TOOLS_IMPORTERS) and \
                any(_within(m, ('nova.tools',)) for m in modules):
            yield N314

    def _option_error(self, call):
        if self.path.startswith(CONF_HOMES):
            return None
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else \
            getattr(func, 'id', '')
        if self.path.startswith(CLI_HOME) and name in CLI_OPTIONS:
            return None
        if _REGISTER.match(name) or _OPTION.match(name):
            return N313 % name
        return None
