"""Pick the concurrency backend before anything else is imported.

eventlet must patch the standard library before oslo.messaging, SQLAlchemy or
any thread is created, so the choice cannot wait for oslo.config to parse the
full configuration.  The backend comes from ``NOVA_CONCURRENCY_BACKEND`` or,
failing that, from ``[DEFAULT] concurrency_backend`` in the config files named
on the command line.  ``nova.conf.base`` validates the same option later, so a
mismatch is reported instead of silently ignored.
"""

import configparser
import os
import sys

BACKENDS = ('eventlet', 'threading')
DEFAULT_BACKEND = 'eventlet'
ENV_VAR = 'NOVA_CONCURRENCY_BACKEND'

_chosen = None


class UnknownBackend(ValueError):
    pass


def _config_files_from_argv(argv):
    files = []
    for index, arg in enumerate(argv):
        if arg == '--config-file' and index + 1 < len(argv):
            files.append(argv[index + 1])
        elif arg.startswith('--config-file='):
            files.append(arg.split('=', 1)[1])
    return files


def _backend_from_files(files):
    backend = None
    for path in files:
        parser = configparser.RawConfigParser(strict=False)
        try:
            parser.read(path)
        except configparser.Error:
            continue
        value = parser.defaults().get('concurrency_backend')
        if value:
            backend = value.strip()
    return backend


def requested_backend(argv=None):
    """The backend asked for by the environment or the config files."""
    argv = sys.argv[1:] if argv is None else argv
    backend = (os.environ.get(ENV_VAR)
               or _backend_from_files(_config_files_from_argv(argv))
               or DEFAULT_BACKEND)
    if backend not in BACKENDS:
        raise UnknownBackend(
            'Unknown concurrency backend %r: choose one of %s'
            % (backend, ', '.join(BACKENDS)))
    return backend


def patch(argv=None):
    """Apply the chosen backend once per process and return its name."""
    global _chosen
    if _chosen is not None:
        return _chosen
    backend = requested_backend(argv)
    if backend == 'eventlet':
        import eventlet
        eventlet.monkey_patch()
    _chosen = backend
    return backend


def active_backend():
    """The backend in force; ``threading`` if nothing patched the process."""
    return _chosen or 'threading'


def is_eventlet():
    return active_backend() == 'eventlet'
