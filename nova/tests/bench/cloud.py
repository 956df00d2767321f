"""The embedded cloud for benchmarks, set up as the functional tests do.

Same assembly as ``nova.tests.functional.base.FunctionalTestCase`` (a
private ``state_path``, a migrated SQLite copy, ``inprocess://``, noauth2, the
API on a free loopback port) but outside unittest, with room on the
simulated hosts for thousands of ``m1.tiny`` servers.
"""

import threading
import time

import fixtures
from futurist import waiters
from oslo_config import fixture as config_fixture

from nova import concurrency
import nova.conf
from nova import context as nova_context
from nova import embedded
from nova import objects
from nova import policy
from nova.tests import fixtures as nova_fixtures
from nova.tests.fixtures import driver_hooks
from nova.tests.fixtures import waiter
from nova.tests.functional import base

CONF = nova.conf.CONF

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
TINY_FLAVOR = '1'
# Room for 20,000 m1.tiny servers on each simulated host (1 vCPU, 512 MiB
# and 1 GiB each; allocation ratios stay at their defaults).
CAPACITY = {'vcpus': 2000, 'memory_mb': 20000 * 512, 'local_gb': 20000}


class BenchError(Exception):
    """The cloud did not do what a benchmark needs; the run is void."""


class BenchCloud(fixtures.Fixture):
    """Conductor, scheduler, computes and the API in this process."""

    def __init__(self, compute_hosts=('compute1', 'compute2'),
                 max_concurrent_live_migrations=1,
                 transport_url='inprocess://'):
        super().__init__()
        self.compute_hosts = tuple(compute_hosts)
        self.transport_url = transport_url
        self.max_concurrent = max_concurrent_live_migrations
        self.cloud = None
        self.ctxt = None

    def _setUp(self):
        CONF([], project='nova', default_config_files=[])
        conf = self.useFixture(config_fixture.Config(CONF))
        state_path = self.useFixture(fixtures.TempDir()).path
        # Runs last minutes, not seconds: services must keep reporting up
        # (the functional base can do without heartbeats; we cannot).
        conf.config(state_path=state_path, osapi_compute_listen='127.0.0.1',
                    osapi_compute_listen_port=0, report_interval=10,
                    service_down_time=600,
                    max_concurrent_live_migrations=self.max_concurrent)
        conf.config(connection='sqlite://', group='database')
        conf.config(write_clouds_yaml=False, group='embedded')
        # Hundreds of servers in one project: no quota may refuse them.
        conf.config(instances=-1, cores=-1, ram=-1, group='quota')
        conf.config(live_migration_bandwidth=0, group='fake', **CAPACITY)
        policy.reset()
        self.addCleanup(policy.reset)
        self.useFixture(nova_fixtures.Database())
        self.useFixture(nova_fixtures.RPCFixture(self.transport_url))
        self.waiter = self.useFixture(waiter.DBWriteWaiter())
        self.useFixture(driver_hooks.DriverHooks())
        objects.register_all()
        self.ctxt = nova_context.get_admin_context()
        self.cloud = embedded.EmbeddedCloud(
            compute_hosts=self.compute_hosts, api_port=0)
        self.cloud.start()
        self.addCleanup(self.cloud.stop)
        endpoint = self.cloud.endpoint
        self.clients = ClientPool(lambda: base.ApiClient(endpoint))
        self.addCleanup(self.clients.close)
        for host in self.compute_hosts:
            self.addCleanup(self.driver(host).hooks.clear)

    def driver(self, host):
        return self.cloud.computes[host].manager.driver

    def compute(self, host):
        return self.cloud.computes[host].manager

    def wait_for(self, predicate, timeout=60, message=None):
        """Re-check ``predicate`` on every instance/migration write.

        The waiter's timeout is per write, and a running migration writes
        its progress twice a second: bound the whole wait here.
        """
        deadline = now() + timeout

        def met_or_late():
            result = predicate()
            if not result and now() > deadline:
                raise BenchError('%s (after %d s)' % (
                    message or 'condition not met', timeout))
            return result
        try:
            return self.waiter.wait_for(met_or_late, timeout=timeout,
                                        message=message)
        except waiter.ConditionTimeout as exc:
            raise BenchError(str(exc))

    def client(self):
        """This thread's HTTP client."""
        return self.clients.client()

    def run_parallel(self, fn, items, clients):
        return self.clients.run(fn, items, clients)

    # Servers.

    def boot_servers(self, count, host='compute1', clients=8):
        """Boot ``count`` m1.tiny servers on ``host``; wait until active."""
        def boot(index):
            body = {'server': {
                'name': 'bench-%d' % index, 'imageRef': IMAGE,
                'flavorRef': TINY_FLAVOR, 'networks': 'none',
                'availability_zone': 'nova:%s' % host}}
            resp = expect(self.client().post('/servers', body=body,
                                             microversion='2.37'), 202)
            return resp.json()['server']['id']

        ids = self.run_parallel(boot, range(count), clients)
        pending = set(ids)
        self.wait_for(lambda: self._all_active(pending), timeout=600,
                      message='servers never became active')
        return ids

    def _all_active(self, pending):
        for server_id in list(pending):
            instance = objects.Instance.get_by_uuid(self.ctxt, server_id)
            if instance.vm_state == 'error':
                raise BenchError('server %s failed to build' % server_id)
            if instance.vm_state != 'active' or instance.task_state:
                return False
            pending.discard(server_id)
        return True

    # Live migrations.

    def live_migrate(self, server_id, host=None):
        body = {'os-migrateLive': {'host': host, 'block_migration': 'auto'}}
        return self.client().post('/servers/%s/action' % server_id,
                                  body=body, microversion='2.30')

    def migration_of(self, server_id, statuses):
        """The newest migration of the server if in ``statuses``."""
        migrations = objects.MigrationList.get_by_filters(
            self.ctxt, {'instance_uuid': server_id})
        newest = max(migrations, key=lambda m: m.id, default=None)
        if newest is not None and newest.status in statuses:
            return newest
        return None

    def wait_migration(self, server_id, *statuses, timeout=120):
        return self.wait_for(
            lambda: self.migration_of(server_id, statuses), timeout=timeout,
            message='no migration of %s in %s' % (server_id, statuses))

    def waiting_count(self, host='compute1'):
        return len(self.compute(host).live_migrations.queue)


class ClientPool(object):
    """One HTTP client per thread, and long-lived pools of such threads.

    The pools live as long as the cloud, so their threads keep their HTTP
    connections and no run pays for starting or stopping threads.
    """

    def __init__(self, make_client):
        self._make_client = make_client
        self._local = threading.local()
        self._pools = {}

    def client(self):
        """This thread's client (a ``requests`` session is not shared)."""
        api = getattr(self._local, 'api', None)
        if api is None:
            api = self._local.api = self._make_client()
        return api

    def run(self, fn, items, clients):
        """``[fn(item) ...]`` on ``clients`` threads; re-raise a failure."""
        items = list(items)
        if clients <= 1 or len(items) <= 1:
            return [fn(item) for item in items]
        executor = self._pools.get(clients)
        if executor is None:
            executor = concurrency.make_executor(clients,
                                                 name='bench-client')
            self._pools[clients] = executor
        futures = [executor.submit(fn, item) for item in items]
        # Let every request finish before a failure is raised, so nothing
        # is still in flight when the caller reacts to it.
        waiters.wait_for_all(futures)
        return [future.result() for future in futures]

    def close(self):
        for executor in self._pools.values():
            executor.shutdown(wait=True)
        self._pools = {}


def poll(predicate, timeout, message):
    """Call ``predicate`` until truthy; BenchError at the deadline.

    No sleep: each call is a request to another process.
    """
    deadline = now() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if now() > deadline:
            raise BenchError('%s (after %d s)' % (message, timeout))


def expect(resp, status):
    if resp.status_code != status:
        raise BenchError('%s %s: expected %d, got %d: %s' % (
            resp.request.method, resp.request.url, status,
            resp.status_code, resp.text[:300]))
    return resp


def now():
    return time.perf_counter()
