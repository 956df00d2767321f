"""What the multi-process tests stand on.

A cloud per test class (:mod:`nova.tools.cloud`: its own RabbitMQ vhost, nova
and keystone databases, every service a process), the ``openstack`` CLI
authenticated by that cloud's Keystone, a REST client for polling and SQL
reads of resource usage.  Waits are bounded polls: the services are other
processes, so there is no event to hook; every poll is one HTTP call or
query, and every wait fails loudly at its deadline.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

import fixtures
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
import sqlalchemy as sa
from sqlalchemy import pool as sa_pool
import testtools
from testtools import content

from nova.tests.fixtures import driver_hooks
from nova.tools.cloud import rabbit
from nova.tools.cloud import state as cloud_state
from nova.tools.cloud import utils as cloud_utils

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
ENV_ENABLE = 'NOVA_TEST_MULTIPROCESS'
ENV_WORKDIR = 'NOVA_TEST_MULTIPROCESS_DIR'
# Set to 1 to keep the logs of passing classes too.
ENV_KEEP = 'NOVA_TEST_MULTIPROCESS_KEEP'
# Every vhost and database these tests create starts with this.
NAME_PREFIX = 'novamp_'
MICROVERSION = '2.65'
LOG_TAIL_LINES = 300


def enabled():
    return os.environ.get(ENV_ENABLE) == '1'


def wait_for(predicate, timeout, what, interval=0.25, describe=None):
    """Poll ``predicate`` until truthy; AssertionError at the deadline.

    ``describe()``, if given, tells in the error what was seen last.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            seen = '; last seen: %s' % (describe(),) if describe else ''
            raise AssertionError('Timed out after %ss waiting for %s%s'
                                 % (timeout, what, seen))
        time.sleep(interval)


class ComputeClient(object):
    """The compute API over HTTP with an admin token from Keystone."""

    def __init__(self, cloud, microversion=MICROVERSION):
        self.url = cloud.compute_url
        self.microversion = microversion
        self.session = ks_session.Session(auth=v3.Password(
            auth_url=cloud.keystone_url, username='admin',
            password=cloud.state['passwords']['admin'],
            project_name='admin', user_domain_id='default',
            project_domain_id='default'))

    def get(self, path):
        headers = {'OpenStack-API-Version': 'compute %s' % self.microversion,
                   'X-OpenStack-Nova-API-Version': self.microversion}
        return self.session.get(self.url + path, headers=headers,
                                timeout=30).json()

    def servers(self, uuids):
        """{uuid: server} of these servers (any project)."""
        wanted = set(uuids)
        listed = self.get('/servers/detail?all_tenants=1')['servers']
        return {s['id']: s for s in listed if s['id'] in wanted}

    def live_migrations(self, instance_uuids):
        """{instance uuid: [migration, ...] oldest first}."""
        wanted = set(instance_uuids)
        found = {u: [] for u in wanted}
        listed = self.get('/os-migrations?migration_type=live-migration')
        for migration in sorted(listed['migrations'],
                                key=lambda m: m['id']):
            if migration['instance_uuid'] in wanted:
                found[migration['instance_uuid']].append(migration)
        return found

    def latest_live_migrations(self, instance_uuids):
        """{instance uuid: its newest live migration} (if it has one)."""
        return {u: ms[-1] for u, ms in
                self.live_migrations(instance_uuids).items() if ms}

    def service_is_up(self, host, binary='nova-compute'):
        try:
            services = self.get('/os-services?host=%s&binary=%s'
                                % (host, binary))['services']
        except ks_exc.ClientException:
            return False
        return bool(services) and services[0]['state'] == 'up'


class OpenStackCLI(object):
    """Runs ``openstack`` against the cloud; every call is logged."""

    def __init__(self, cloud, log_path):
        self.cloud = cloud
        self.log_path = log_path
        self.binary = cloud_utils.script('openstack')

    def _log(self, argv, result, seconds):
        with open(self.log_path, 'a') as log:
            log.write('$ openstack %s  # rc=%s %.1fs\n%s%s\n' % (
                ' '.join(argv), result.returncode, seconds,
                result.stdout, result.stderr))

    def __call__(self, *args, user='admin', check=True, timeout=120):
        started = time.monotonic()
        result = subprocess.run(
            [self.binary] + list(args), env=self.cloud.client_env(user),
            capture_output=True, text=True, timeout=timeout,
            stdin=subprocess.DEVNULL)
        self._log(args, result, time.monotonic() - started)
        if check and result.returncode:
            raise AssertionError('openstack %s failed (rc=%d): %s' % (
                ' '.join(args), result.returncode, result.stderr.strip()))
        return result

    def json(self, *args, **kwargs):
        return json.loads(self(*(args + ('-f', 'json')), **kwargs).stdout)

    def many(self, commands, user='admin', parallel=2, timeout=120):
        """Run several commands, ``parallel`` at a time; all must pass."""
        results = []
        for start in range(0, len(commands), parallel):
            batch = commands[start:start + parallel]
            started = time.monotonic()
            procs = [subprocess.Popen(
                [self.binary] + list(args), env=self.cloud.client_env(user),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                stdin=subprocess.DEVNULL) for args in batch]
            for args, proc in zip(batch, procs):
                stdout, stderr = proc.communicate(timeout=timeout)
                result = subprocess.CompletedProcess(
                    args, proc.returncode, stdout, stderr)
                self._log(args, result, time.monotonic() - started)
                if result.returncode:
                    raise AssertionError('openstack %s failed: %s' % (
                        ' '.join(args), stderr.strip()))
                results.append(result)
        return results


class CloudDB(object):
    """Read-only SQL on the cloud's nova database (resource usage)."""

    def __init__(self, url):
        self.engine = sa.create_engine(url, poolclass=sa_pool.NullPool)

    def _rows(self, query, **params):
        with self.engine.connect() as conn:
            return conn.execute(sa.text(query), params).fetchall()

    def usage(self):
        """{host: {resource class: used}} from the allocations."""
        usage = {}
        for host, rc, used in self._rows(
                'SELECT cn.host, a.resource_class, SUM(a.used) '
                'FROM allocations a JOIN compute_nodes cn '
                'ON a.compute_node_id = cn.id '
                'GROUP BY cn.host, a.resource_class'):
            usage.setdefault(host, {})[rc] = int(used)
        return usage

    def consumers(self):
        """{consumer uuid: sorted hosts it holds resources on}."""
        found = {}
        for consumer, host in self._rows(
                'SELECT DISTINCT a.consumer_uuid, cn.host '
                'FROM allocations a JOIN compute_nodes cn '
                'ON a.compute_node_id = cn.id'):
            found.setdefault(consumer, []).append(host)
        return {c: sorted(h) for c, h in found.items()}

    def service_versions(self, binary):
        """{host: reported service version} of ``binary``."""
        return {host: int(version) for host, version in self._rows(
            'SELECT host, version FROM services WHERE %s = :binary'
            % self.engine.dialect.identifier_preparer.quote('binary'),
            binary=binary)}

    def dispose(self):
        self.engine.dispose()


def workdir_base():
    base = os.environ.get(ENV_WORKDIR) or os.path.join(
        tempfile.gettempdir(), 'nova-multiprocess')
    os.makedirs(base, exist_ok=True)
    return base


def leftovers(cloud):
    """What of ``cloud`` still exists: processes, vhost, databases."""
    found = ['process %s (pid %s)' % (name, pid)
             for name, pid, alive in cloud.status() if alive]
    if cloud.vhost in rabbit.RabbitVhosts().list(cloud.name):
        found.append('vhost %s' % cloud.vhost)
    existing = cloud.db_server.list(cloud.name)
    found.extend('database %s' % name for name in
                 cloud.database_names.values() if name in existing)
    return found


# Each class boots as many servers as its scenarios need; quotas have
# tests of their own.
UNLIMITED_QUOTAS = ('api:quota.instances=-1', 'api:quota.cores=-1',
                    'api:quota.ram=-1')


@unittest.skipUnless(enabled(), 'multi-process tests run only with %s=1 '
                     '(they need RabbitMQ, MariaDB and PostgreSQL)'
                     % ENV_ENABLE)
class MultiprocessTestCase(testtools.TestCase):
    """One cloud per class; logs of the test attached when it fails."""

    db = 'mysql'
    computes = 2
    settings = ()
    #: True: the computes' drivers obey ``cls.gates`` (FileGates).
    file_gates = False
    test_timeout = 420

    @classmethod
    def all_settings(cls):
        """The class's settings after the ones every test cloud has."""
        return UNLIMITED_QUOTAS + tuple(cls.settings)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workdir = tempfile.mkdtemp(prefix=cls.__name__ + '-',
                                       dir=workdir_base())
        cls.failed = False
        gates_dir = None
        if cls.file_gates:
            gates_dir = os.path.join(cls.workdir, 'gates')
            os.makedirs(gates_dir)
            cls.gates = driver_hooks.FileGates(gates_dir)
        cls.cloud = cloud_state.Cloud(
            os.path.join(cls.workdir, 'cloud'), db=cls.db,
            computes=cls.computes, settings=cls.all_settings(),
            name=NAME_PREFIX + uuid.uuid4().hex[:10], gates_dir=gates_dir)
        try:
            cls.start_cloud()
        except BaseException:
            cls.failed = True
            cls.destroy_cloud()
            raise
        cls.api = ComputeClient(cls.cloud)
        cls.cli = OpenStackCLI(cls.cloud, os.path.join(
            cls.cloud.path('logs'), 'openstack-cli.log'))
        cls.cloud_db = CloudDB(cls.cloud.nova_db_url())

    @classmethod
    def start_cloud(cls):
        cls.cloud.start()

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, 'cloud_db', None) is not None:
            cls.cloud_db.dispose()
        cls.destroy_cloud()
        super().tearDownClass()

    @classmethod
    def destroy_cloud(cls):
        """Purge the cloud and prove nothing of it is left."""
        try:
            cls.cloud.purge(timeout=20)
        finally:
            left = leftovers(cls.cloud)
            if cls.failed or left or os.environ.get(ENV_KEEP) == '1':
                sys.stderr.write('multiprocess: logs of %s kept in %s\n'
                                 % (cls.__name__, cls.workdir))
            else:
                shutil.rmtree(cls.workdir, ignore_errors=True)
        if left:
            raise AssertionError('%s left behind: %s' % (cls.__name__,
                                                         ', '.join(left)))

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(self.test_timeout, gentle=True))
        self._log_offsets = {path: os.path.getsize(path)
                             for path in self._log_paths()
                             if os.path.exists(path)}
        self.addOnException(self._attach_logs)

    def _log_paths(self):
        logs = self.cloud.path('logs')
        return [os.path.join(logs, name) for name in sorted(os.listdir(logs))]

    def _attach_logs(self, exc_info):
        """Add what each service logged during this test to the result."""
        type(self).failed = True
        self.addDetail('cloud-directory', content.text_content(
            self.cloud.dir))
        for path in self._log_paths():
            with open(path, 'rb') as handle:
                handle.seek(self._log_offsets.get(path, 0))
                lines = handle.read().decode('utf-8', 'replace').splitlines()
            self.addDetail('log:%s' % os.path.basename(path),
                           content.text_content('\n'.join(
                               lines[-LOG_TAIL_LINES:])))
