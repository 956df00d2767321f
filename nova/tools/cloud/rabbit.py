"""The cloud's RabbitMQ vhost: its URL, creation and removal.

Through ``rabbitmqctl``, so the broker must be local; each cloud gets a
vhost of its own and so never sees another cloud's messages.
"""

import os
import shutil
import subprocess
import urllib.parse

from nova.tools.cloud import utils

DEFAULT_RABBIT_URL = ('NOVA_TEST_RABBIT_URL',
                      'rabbit://guest:guest@127.0.0.1:5672/')


def default_rabbit_url():
    return os.environ.get(DEFAULT_RABBIT_URL[0]) or DEFAULT_RABBIT_URL[1]


def vhost_url(base_url, vhost):
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(
        parts._replace(path='/' + urllib.parse.quote(vhost, safe='')))


class RabbitVhosts(object):
    """Vhosts through ``rabbitmqctl`` (the broker must be local)."""

    def __init__(self, user='guest'):
        self.user = user
        self.ctl = shutil.which('rabbitmqctl') or '/usr/sbin/rabbitmqctl'

    def _run(self, *args):
        result = subprocess.run([self.ctl, '-q'] + list(args),
                                capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
        if result.returncode:
            raise utils.InfraError('rabbitmqctl %s failed: %s' % (
                ' '.join(args), (result.stderr or result.stdout).strip()))
        return result.stdout

    def create(self, name):
        self._run('add_vhost', name)
        self._run('set_permissions', '-p', name, self.user, '.*', '.*', '.*')

    def delete(self, name):
        if name in self.list():
            self._run('delete_vhost', name)

    def list(self, prefix=''):
        out = self._run('list_vhosts', '--no-table-headers', 'name')
        return sorted(v for v in out.split() if v.startswith(prefix))
