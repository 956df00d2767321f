"""Restart the machine's RabbitMQ and MariaDB, and wait until they serve.

Only for the fault-matrix cells that CI runs alone on its machine: every
other test of the machine loses its connections meanwhile.
"""

import os
import signal
import socket
import subprocess
import time

RABBITMQCTL = '/usr/sbin/rabbitmqctl'
MARIADBD = '/usr/sbin/mariadbd'
START_TIMEOUT = 60


def _port_open(port):
    try:
        with socket.create_connection(('127.0.0.1', port), timeout=1):
            return True
    except OSError:
        return False


def _wait(predicate, what, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError('%s after %ss' % (what, timeout))
        time.sleep(0.2)


def restart_rabbitmq():
    """Stop and start the broker application: every connection drops."""
    subprocess.run([RABBITMQCTL, '-q', 'stop_app'], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True)
    _wait(lambda: not _port_open(5672), 'RabbitMQ still listening')
    subprocess.run([RABBITMQCTL, '-q', 'start_app'], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True)
    _wait(lambda: _port_open(5672), 'RabbitMQ not listening again')


def _mariadb_pids():
    result = subprocess.run(['pidof', MARIADBD], capture_output=True,
                            text=True, stdin=subprocess.DEVNULL)
    return [int(pid) for pid in result.stdout.split()]


def restart_mariadb():
    """SIGTERM the server, wait for it to exit, start it as CI does."""
    for pid in _mariadb_pids():
        os.kill(pid, signal.SIGTERM)
    _wait(lambda: not _mariadb_pids(), 'MariaDB did not exit')
    subprocess.run(['start-stop-daemon', '--start', '--oknodo',
                    '--background', '--exec', MARIADBD], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True)
    _wait(lambda: _port_open(3306), 'MariaDB not listening again')
