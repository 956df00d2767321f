"""Live migration end to end over HTTP: complete, fail, abort, force, queue.

Three computes on the simulating driver; every request goes through the
real API server.  Each test ends with every migration in a final status
and the usage of every compute node exactly what the servers hold.
``LiveMigrationTestBase`` is shared with the other live-migration
functional tests.
"""

import fixtures

from nova import context as nova_context
from nova import exception
from nova import objects
from nova.tests.functional import base
from nova.tests.unit.api.openstack import fakes
from nova.virt import fake

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
FINAL = frozenset({'completed', 'failed', 'error', 'cancelled'})
LATEST = '2.65'
TINY = {'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}


def _add(*usages):
    total = {}
    for usage in usages:
        for rc, amount in usage.items():
            total[rc] = total.get(rc, 0) + amount
    return {rc: amount for rc, amount in total.items() if amount}


class LiveMigrationTestBase(base.FunctionalTestCase):
    """Boot, migrate, watch and undo through the API; read truth from DB."""

    compute_hosts = ('compute1', 'compute2', 'compute3')

    def setUp(self):
        super().setUp()
        # The config fixture of the previous test reset CONF; policy needs
        # it parsed to look for its file (the functional base lacks this).
        self.useFixture(fakes.PolicyFixture())
        objects.register_all()
        self.ctxt = nova_context.get_admin_context()
        # Runs before the cloud stops: never leave a driver thread held.
        for host in self.compute_hosts:
            self.addCleanup(self.driver(host).hooks.clear)
        self.addCleanup(self.assert_all_final)
        self._wake_waiters_when_a_driver_forgets()

    def _wake_waiters_when_a_driver_forgets(self):
        """A destination forgets by cast, without writing to the DB."""
        forget = fake.FakeDriver._forget
        waiter = self.waiter

        def forget_and_wake(driver, instance):
            try:
                return forget(driver, instance)
            finally:
                waiter.poke()
        self.useFixture(fixtures.MonkeyPatch(
            'nova.virt.fake.FakeDriver._forget', forget_and_wake))

    # Reading state.

    def instance(self, server_id):
        return objects.Instance.get_by_uuid(self.ctxt, server_id)

    def migration(self, migration_id):
        return objects.Migration.get_by_id(self.ctxt, migration_id)

    def usage(self, host):
        node = objects.ComputeNode.get_by_host_and_nodename(
            self.ctxt, host, host)
        return {rc: n for rc, n in node.get_usage().items() if n}

    def usages(self):
        return {host: self.usage(host) for host in self.compute_hosts}

    def migrations_of(self, server_id):
        return sorted(objects.MigrationList.get_by_filters(
            self.ctxt, {'instance_uuid': server_id}), key=lambda m: m.id)

    # Acting through the API.

    def boot(self, host='compute1', name='vm', api=None):
        body = {'server': {'name': name, 'imageRef': IMAGE,
                           'flavorRef': '1', 'networks': 'none'}}
        if host is not None:
            body['server']['availability_zone'] = 'nova:%s' % host
        resp = (api or self.api).post('/servers', body=body,
                                      microversion=LATEST)
        self.assertEqual(202, resp.status_code, resp.text)
        server_id = resp.json()['server']['id']
        self.wait_for(lambda: self._is_active(server_id),
                      message='server %s never became active' % server_id)
        return server_id

    def _is_active(self, server_id):
        instance = self.instance(server_id)
        if instance.vm_state == 'error':
            raise AssertionError('server %s failed to build' % server_id)
        return instance.vm_state == 'active' and instance.task_state is None

    def live_migrate(self, server_id, host=None, microversion='2.30',
                     api=None, headers=None, **members):
        members.setdefault('block_migration', 'auto')
        body = {'os-migrateLive': dict(members, host=host)}
        return (api or self.api).post('/servers/%s/action' % server_id,
                                      body=body, microversion=microversion,
                                      headers=headers)

    def start_migration(self, server_id, host=None, status=None):
        """Request a live migration; return its record once it exists."""
        known = {m.id for m in self.migrations_of(server_id)}
        resp = self.live_migrate(server_id, host)
        self.assertEqual(202, resp.status_code, resp.text)

        def created():
            new = [m for m in self.migrations_of(server_id)
                   if m.id not in known]
            if new and (status is None or new[-1].status == status):
                return new[-1]
        return self.wait_for(created, message='no %s migration of %s' % (
            status or 'new', server_id))

    def wait_status(self, migration_id, *statuses):
        return self.wait_for(
            lambda: self._in_status(migration_id, statuses),
            message='migration %s never reached %s' % (migration_id,
                                                       statuses))

    def _in_status(self, migration_id, statuses):
        migration = self.migration(migration_id)
        return migration if migration.status in statuses else None

    def wait_settled(self, server_id):
        """The server has no task any more; return it."""
        return self.wait_for(
            lambda: self._settled(server_id),
            message='server %s still has a task' % server_id)

    def _settled(self, server_id):
        instance = self.instance(server_id)
        return instance if instance.task_state is None else None

    def abort(self, server_id, migration_id, microversion='2.65', api=None):
        return (api or self.api).delete(
            '/servers/%s/migrations/%s' % (server_id, migration_id),
            microversion=microversion)

    def force_complete(self, server_id, migration_id, microversion='2.22'):
        return self.api.post(
            '/servers/%s/migrations/%s/action' % (server_id, migration_id),
            body={'force_complete': None}, microversion=microversion)

    def server(self, server_id):
        resp = self.api.get('/servers/%s' % server_id, microversion=LATEST)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['server']

    # Checks.

    def assert_on_host(self, server_id, host):
        """Settled on ``host``, as the database and the API both say."""
        instance = self.wait_settled(server_id)
        self.assertEqual(host, instance.host)
        self.assertEqual(host, instance.node)
        server = self.server(server_id)
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(host, server['OS-EXT-SRV-ATTR:host'])
        self.assertIsNone(server['OS-EXT-STS:task_state'])

    def wait_nothing_incoming(self, host):
        """The destination forgets by cast, so on its own time."""
        self.wait_for(lambda: not self.driver(host).list_incoming_uuids())

    def assert_all_final(self):
        """No migration is left queued, preparing, running (or accepted)."""
        resp = self.api.get('/os-migrations', microversion='2.59')
        self.assertEqual(200, resp.status_code, resp.text)
        left = {m['id']: m['status'] for m in resp.json()['migrations']
                if m['status'] not in FINAL}
        self.assertEqual({}, left)


class LiveMigrationTest(LiveMigrationTestBase):

    def test_migration_completes_with_host_switch_and_exact_usage(self):
        server_id = self.boot('compute1')
        self.assertEqual({'compute1': TINY, 'compute2': {}, 'compute3': {}},
                         self.usages())

        migration = self.start_migration(server_id, host='compute2')
        self.assertEqual('MIGRATING', self.server(server_id)['status'])
        migration = self.wait_status(migration.id, 'completed')

        self.assert_on_host(server_id, 'compute2')
        self.assertEqual(('compute1', 'compute2'),
                         (migration.source_compute, migration.dest_compute))
        self.assertEqual({'compute1': {}, 'compute2': TINY, 'compute3': {}},
                         self.usages())
        self.assertIn(server_id, self.driver('compute2').list_instance_uuids())
        self.assertNotIn(server_id,
                         self.driver('compute1').list_instance_uuids())
        listed = self.api.get('/servers/%s/migrations' % server_id,
                              microversion='2.23').json()['migrations']
        self.assertEqual([], listed)

    def test_scheduler_picks_the_destination(self):
        server_id = self.boot('compute1')
        # As the openstack CLI sends it: 2.30, no host, an empty Accept.
        resp = self.live_migrate(server_id, headers={'Accept': ''})
        self.assertEqual(202, resp.status_code, resp.text)
        migration = self.wait_for(lambda: self.migrations_of(server_id))[0]
        migration = self.wait_status(migration.id, 'completed')
        self.assertIn(migration.dest_compute, ('compute2', 'compute3'))
        self.assert_on_host(server_id, migration.dest_compute)
        self.assertEqual(TINY, self.usage(migration.dest_compute))
        self.assertEqual({}, self.usage('compute1'))

    def test_failing_pre_live_migration_rolls_back(self):
        server_id = self.boot('compute1')
        before = self.usages()
        self.driver('compute2').hooks.fail_at(
            fake.PRE_LIVE_MIGRATION,
            exception.MigrationError(reason='destination cannot plug'))

        migration = self.start_migration(server_id, host='compute2')
        self.wait_status(migration.id, 'failed')

        self.assert_on_host(server_id, 'compute1')
        self.assertEqual(before, self.usages())
        self.wait_nothing_incoming('compute2')

    def test_abort_running_migration_cancels_it(self):
        self.driver('compute1').live_migration_bandwidth = None
        server_id = self.boot('compute1')
        before = self.usages()
        migration = self.start_migration(server_id, host='compute2')
        self.wait_status(migration.id, 'running')
        self.assertEqual(_add(before['compute2'], TINY),
                         self.usage('compute2'))

        resp = self.abort(server_id, migration.id, microversion='2.24')
        self.assertEqual(202, resp.status_code, resp.text)

        self.wait_status(migration.id, 'cancelled')
        self.assert_on_host(server_id, 'compute1')
        self.assertEqual(before, self.usages())
        self.assertIn(server_id, self.driver('compute1').list_instance_uuids())

    def test_force_complete_finishes_a_running_migration(self):
        self.driver('compute1').live_migration_bandwidth = None
        server_id = self.boot('compute1')
        migration = self.start_migration(server_id, host='compute2')
        self.wait_status(migration.id, 'running')

        resp = self.force_complete(server_id, migration.id)
        self.assertEqual(202, resp.status_code, resp.text)

        self.wait_status(migration.id, 'completed')
        self.assert_on_host(server_id, 'compute2')
        self.assertEqual({'compute1': {}, 'compute2': TINY, 'compute3': {}},
                         self.usages())

    def test_one_runs_and_the_rest_queue_then_complete_in_order(self):
        self.driver('compute1').live_migration_bandwidth = None
        servers = [self.boot('compute1', name='vm%d' % i) for i in range(4)]
        # Each waits for the previous one to reach the queue, so the queue
        # order is the request order.
        migrations = [self.start_migration(servers[0], status='running')]
        migrations += [self.start_migration(s, status='queued')
                       for s in servers[1:]]
        ids = [m.id for m in migrations]

        def one_running_three_queued():
            statuses = [self.migration(i).status for i in ids]
            return statuses == ['running', 'queued', 'queued', 'queued']
        self.wait_for(one_running_three_queued,
                      message='queue never reached 1 running + 3 queued')
        queued = self.api.get('/os-migrations?host=compute1&status=queued',
                              microversion='2.59').json()['migrations']
        self.assertEqual(sorted(ids[1:]), sorted(m['id'] for m in queued))

        for position, (server_id, migration_id) in enumerate(
                zip(servers, ids)):
            self.wait_status(migration_id, 'running')
            for later in ids[position + 1:]:
                self.assertEqual('queued', self.migration(later).status)
            resp = self.force_complete(server_id, migration_id)
            self.assertEqual(202, resp.status_code, resp.text)
            done = self.wait_status(migration_id, 'completed')
            self.assert_on_host(server_id, done.dest_compute)

        dests = [self.migration(i).dest_compute for i in ids]
        expected = {'compute1': {}, 'compute2': {}, 'compute3': {}}
        for dest in dests:
            expected[dest] = _add(expected[dest], TINY)
        self.assertEqual(expected, self.usages())
