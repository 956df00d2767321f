"""Multi-process rows: every service its own process, RabbitMQ, MariaDB.

Opt-in (``--multiprocess``): the cloud comes from the launcher
:mod:`nova.tools.cloud` (its own vhost and databases, Keystone, dropped
afterwards).  Nothing can be hooked inside other processes, so every wait
is a poll of the API, one GET after another without sleeping: the time to
``cancelled`` is when the first GET showing it was answered, so it carries
up to one GET of extra latency.
"""

import secrets
import shutil
import sys
import tempfile

from nova.tests.functional import base

NOT_AVAILABLE = 'not measured: multi-process launcher not available'
NOT_REQUESTED = ('not measured: run with --multiprocess (RabbitMQ and '
                 'MariaDB on localhost)')
SOURCE = 'compute1'
DEST = 'compute2'
LIST_CLIENTS = 8
BURST_CLIENTS = 32
POLL_TIMEOUT = 120
SETTINGS = ['computes:fake.vcpus=2000', 'computes:fake.memory_mb=10240000',
            'computes:fake.local_gb=20000',
            'all:DEFAULT.max_concurrent_live_migrations=1',
            # The held migration: 512 MiB at 1 MiB/s, longer than a round.
            '%s:fake.live_migration_bandwidth=1' % SOURCE]


def load_launcher():
    """The launcher's ``state`` module, or None if it cannot be imported.

    Imported late: the benchmarks without ``--multiprocess`` must not need
    what the launcher stands on.
    """
    try:
        from nova.tools.cloud import state
    except ImportError:
        return None
    return state


class RabbitVhost(object):
    """A throwaway vhost on the local broker, as a transport URL."""

    def __init__(self):
        if load_launcher() is None:
            raise RuntimeError(NOT_AVAILABLE)
        from nova.tools.cloud import rabbit
        self.rabbit = rabbit
        self.name = 'novabench_%s' % secrets.token_hex(4)
        self.vhosts = rabbit.RabbitVhosts()

    def __enter__(self):
        self.vhosts.create(self.name)
        return self.rabbit.vhost_url(self.rabbit.default_rabbit_url(),
                                     self.name)

    def __exit__(self, *exc_info):
        self.vhosts.delete(self.name)


def note(requested=False):
    """What the multi-process row says when it has no figures."""
    if load_launcher() is None:
        return NOT_AVAILABLE
    return None if requested else NOT_REQUESTED


class MultiProcessCloud(object):
    """A launcher cloud and an admin client; purged on exit."""

    def __init__(self, backend):
        self.launcher = load_launcher()
        self.dir = tempfile.mkdtemp(prefix='nova-bench-mp-')
        self.cloud = self.launcher.Cloud(
            self.dir, db='mysql', computes=2, backend=backend,
            name='novabench_%s' % secrets.token_hex(4),
            settings=SETTINGS)
        self.api = None
        #: Keep the services' logs even after a clean exit.
        self.keep_logs = False

    def __enter__(self):
        try:
            self.cloud.start()
        except Exception:
            self.cloud.purge()
            raise
        from keystoneauth1.identity import v3
        from keystoneauth1 import session as ks_session
        session = ks_session.Session(auth=v3.Password(
            auth_url=self.cloud.keystone_url, username='admin',
            password=self.cloud.state['passwords']['admin'],
            project_name='admin', user_domain_id='default',
            project_domain_id='default'))
        self.token = session.get_token()
        self.api = self.client()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.cloud.purge()
        if exc_type is None and not self.keep_logs:
            shutil.rmtree(self.dir, ignore_errors=True)
        else:
            sys.stderr.write('multi-process cloud logs kept in %s\n'
                             % self.cloud.path('logs'))
        return False

    def client(self):
        return base.ApiClient(self.cloud.compute_url, token=self.token)
