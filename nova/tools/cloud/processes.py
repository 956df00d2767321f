"""One service as a process: start with its log, stop, kill, adopt.

A pid survives in ``cloud.json`` between launcher runs; it is only
signalled while its command line still names the service, so a recycled
pid is never ours.
"""

import os
import signal
import subprocess
import sys
import time

from nova.tools.cloud import utils


class ServiceProcess(object):
    """One service as a child process (or a pid a previous run left)."""

    def __init__(self, name, argv, log_path, identity, extra_env=None,
                 cwd=None, pid=None):
        self.name = name
        self.argv = argv
        self.log_path = log_path
        self.identity = identity
        self.env = dict(os.environ, **(extra_env or {}))
        self.cwd = cwd
        self.pid = pid
        self.popen = None
        self.returncode = None

    def start(self):
        if self.alive():
            raise utils.InfraError('%s already runs as pid %s'
                                   % (self.name, self.pid))
        with open(self.log_path, 'ab') as log:
            banner = '==== %s: %s\n' % (time.strftime('%H:%M:%S'),
                                        ' '.join(self.argv))
            log.write(banner.encode())
            log.flush()
            self.popen = subprocess.Popen(
                self.argv, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=self.env, cwd=self.cwd,
                start_new_session=True)
        self.pid, self.returncode = self.popen.pid, None

    def alive(self):
        if self.popen is not None:
            self.returncode = self.popen.poll()
            return self.returncode is None
        return self.pid is not None and _is_ours(self.pid, self.identity)

    def send(self, signum):
        if self.alive():
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def wait(self, timeout):
        """True if the process ended within ``timeout`` seconds."""
        if self.popen is not None:
            try:
                self.returncode = self.popen.wait(timeout)
                return True
            except subprocess.TimeoutExpired:
                return False
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def stop(self, timeout=30):
        """SIGTERM, SIGKILL after ``timeout``; True if SIGTERM sufficed."""
        if not self.alive():
            return True
        self.send(signal.SIGTERM)
        if self.wait(timeout):
            return True
        self.kill()
        return False

    def kill(self):
        self.send(signal.SIGKILL)
        if not self.wait(30):
            raise utils.InfraError('%s (pid %s) survived SIGKILL'
                                   % (self.name, self.pid))

    def tail(self, lines=40):
        return utils.tail(self.log_path, lines)


def stop_all(processes, timeout=30):
    """SIGTERM all at once, SIGKILL those still running after ``timeout``.

    :returns: the names of the processes that needed SIGKILL.
    """
    for proc in processes:
        proc.send(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    killed = []
    for proc in processes:
        if not proc.wait(max(0, deadline - time.monotonic())):
            proc.kill()
            killed.append(proc.name)
    return killed


def _is_ours(pid, identity):
    """pid runs (not a zombie) and its command line names ``identity``."""
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            argv = handle.read().decode('utf-8', 'replace').split('\0')
        with open('/proc/%d/stat' % pid) as handle:
            state = handle.read().rsplit(')', 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != 'Z' and identity in argv


def follow(paths):
    """Print what is appended to ``paths`` until interrupted."""
    handles = {}
    while True:
        for path in paths:
            if path not in handles and os.path.exists(path):
                handles[path] = open(path, 'rb')
                handles[path].seek(0, os.SEEK_END)
            for line in handles[path].readlines() if path in handles \
                    else ():
                print('%s| %s' % (os.path.basename(path)[:-4],
                                  line.decode('utf-8', 'replace').rstrip()))
        sys.stdout.flush()
        time.sleep(0.5)
