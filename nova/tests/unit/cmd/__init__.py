"""Run nova's console commands as child processes, as an operator would.

The child is ``python -c`` on the ``nova.cmd`` module (so the tests do not
depend on the console scripts being installed), runs with this process's
concurrency backend unless told otherwise, and is killed if it outlives
its timeout.
"""

import os
import subprocess
import sys

import nova

TOP = os.path.dirname(os.path.dirname(os.path.abspath(nova.__file__)))
TIMEOUT = 60

_BOOT = ('import sys; sys.argv[0] = %r; '
         'from nova.cmd import %s as command; sys.exit(command.main())')


def write_config(directory, database=None, transport_url='inprocess://',
                 extra=''):
    """A config file keeping all state (SQLite by default) in ``directory``.

    A failed database connection is tried once, so an unreachable server
    fails at once instead of after oslo.db's ten retries.
    """
    path = os.path.join(directory, 'nova.conf')
    lines = ['[DEFAULT]', 'state_path = %s' % directory,
             'transport_url = %s' % transport_url, extra,
             '[database]', 'max_retries = 1', 'retry_interval = 0']
    if database:
        lines.append('connection = %s' % database)
    with open(path, 'w') as handle:
        handle.write('\n'.join(lines) + '\n')
    return path


def run(command, *args, env=None, timeout=TIMEOUT):
    """Run ``nova-<command> args``; return (exit code, stdout, stderr)."""
    child_env = dict(os.environ)
    child_env['PYTHONPATH'] = os.pathsep.join(
        [TOP] + [p for p in [os.environ.get('PYTHONPATH')] if p])
    child_env.update(env or {})
    for name in [k for k, v in child_env.items() if v is None]:
        del child_env[name]
    code = _BOOT % ('nova-%s' % command, command)
    proc = subprocess.Popen([sys.executable, '-c', code] + list(args),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=child_env,
                            cwd=TOP, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, out, err
