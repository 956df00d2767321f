"""Small helpers every part of the cloud launcher shares.

The error the infrastructure raises, the name rule for vhosts and
databases, finding the venv's console scripts, set-up commands with their
output in a log, private ini files, log tails and readiness probes.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request

SAFE_NAME = re.compile(r'^[a-z][a-z0-9_]{0,62}$')


class InfraError(Exception):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def script(name):
    """A console script of this venv (beside the interpreter) or PATH."""
    local = os.path.join(os.path.dirname(sys.executable), name)
    found = local if os.access(local, os.X_OK) else shutil.which(name)
    if not found:
        raise InfraError('%s not found; install the project and its '
                         'multiprocess-requirements.txt into this venv'
                         % name)
    return found


def run_logged(argv, log_path, env=None):
    """Run a set-up command, its output appended to ``log_path``."""
    with open(log_path, 'ab') as log:
        log.write(('==== %s\n' % ' '.join(argv)).encode())
        log.flush()
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, env=env)
    if result.returncode:
        raise InfraError('%s failed (rc=%d):\n%s' % (
            os.path.basename(argv[0]), result.returncode,
            tail(log_path, 30)))


def write_ini(path, sections):
    """Write ``{section: {option: value}}``, readable by the owner only."""
    lines = []
    for section, options in sections.items():
        lines.append('[%s]' % section)
        lines.extend('%s = %s' % item for item in options.items())
        lines.append('')
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with open(fd, 'w') as handle:
        handle.write('\n'.join(lines))


def tail(path, lines):
    try:
        with open(path, 'rb') as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 200 * lines - 4096))
            data = handle.read().decode('utf-8', 'replace')
    except FileNotFoundError:
        return '(no log yet)'
    return '\n'.join(data.splitlines()[-lines:])


def http_ok(url):
    """True once ``url`` answers HTTP at all (below 500)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except (OSError, urllib.error.URLError):
        return False
