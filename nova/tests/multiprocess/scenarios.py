"""The full live-migration queue, built and inspected through the CLI.

A *full queue*: N servers booted on a source compute, each asked to live
migrate to the same destination.  With ``max_concurrent_live_migrations =
1`` and a simulated bandwidth of 1 MiB/s (an m1.tiny migration then lasts
512 s) one migration runs and the others wait ``queued`` for as long as
the test needs.
"""

import collections
import time

from nova.tests.multiprocess import fixtures as mp_fixtures

FLAVOR = 'm1.tiny'
FLAVOR_USAGE = {'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}
IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
FULL_QUEUE_SETTINGS = (
    'computes:DEFAULT.max_concurrent_live_migrations=1',
    'computes:fake.live_migration_bandwidth=1',
)
FINAL = frozenset(('completed', 'cancelled', 'error', 'failed'))
UNFINISHED = frozenset(('accepted', 'queued', 'preparing', 'running'))
wait_for = mp_fixtures.wait_for


class FullQueueMixin(object):
    """Helpers of a MultiprocessTestCase driving live-migration queues."""

    def boot_servers(self, count, host):
        """``count`` ACTIVE m1.tiny servers forced onto ``host``."""
        prefix = '%s-%s' % (self.id().rsplit('.', 1)[-1][5:25], host)
        results = self.cli.many([
            ('server', 'create', '--flavor', FLAVOR, '--image', IMAGE,
             '--nic', 'none', '--availability-zone', 'nova:%s' % host,
             '-f', 'value', '-c', 'id', '%s-%d' % (prefix, i))
            for i in range(count)])
        servers = [r.stdout.strip() for r in results]

        def all_active():
            found = self.api.servers(servers)
            return len(found) == count and all(
                s['status'] == 'ACTIVE' and
                s['OS-EXT-SRV-ATTR:host'] == host for s in found.values())
        wait_for(all_active, 90, '%d servers ACTIVE on %s' % (count, host),
                 describe=lambda: {s: (v['status'], v['OS-EXT-SRV-ATTR:host'])
                                   for s, v in self.api.servers(
                                       servers).items()})
        return servers

    def request_live_migrations(self, servers, dest):
        self.cli.many([('server', 'migrate', '--live-migration', '--host',
                        dest, server) for server in servers])

    def migration_statuses(self, servers):
        latest = self.api.latest_live_migrations(servers)
        return collections.Counter(m['status'] for m in latest.values())

    def fill_queue(self, count, source, dest):
        """Boot and request; return (servers, {server: migration})."""
        servers = self.boot_servers(count, source)
        self.request_live_migrations(servers, dest)
        full = collections.Counter(running=1, queued=count - 1)
        wait_for(lambda: self.migration_statuses(servers) == full, 90,
                 'one running and %d queued live migrations' % (count - 1),
                 describe=lambda: self.migration_statuses(servers))
        self.assertEqual(full, self.cli_migration_statuses(servers))
        return servers, self.api.latest_live_migrations(servers)

    def cli_migration_statuses(self, servers):
        """What ``openstack server migration list`` shows for servers."""
        rows = self.cli.json('server', 'migration', 'list', '--type',
                             'live-migration')
        latest = {}
        for row in sorted(rows, key=lambda r: r['Id']):
            if row['Server UUID'] in servers:
                latest[row['Server UUID']] = row['Status']
        return collections.Counter(latest.values())

    def wait_for_status(self, migrations, statuses, timeout=60):
        """Wait until each {server: migration} has one of ``statuses``."""
        statuses = frozenset([statuses] if isinstance(statuses, str)
                             else statuses)

        def reached():
            latest = self.api.latest_live_migrations(list(migrations))
            return all(latest[s]['id'] == m['id'] and
                       latest[s]['status'] in statuses
                       for s, m in migrations.items())
        wait_for(reached, timeout, '%d migrations in %s'
                 % (len(migrations), sorted(statuses)),
                 describe=lambda: self.api.latest_live_migrations(
                     list(migrations)))
        return self.api.latest_live_migrations(list(migrations))

    def abort(self, migrations, **kwargs):
        return self.cli.many([
            ('server', 'migration', 'abort', server, str(migration['id']))
            for server, migration in migrations.items()], **kwargs)

    def force_complete_all(self, servers, timeout=180):
        """Force-complete each migration of ``servers`` as it runs."""
        forced = {}
        deadline = time.monotonic() + timeout
        while True:
            latest = self.api.latest_live_migrations(servers)
            if all(m['status'] in FINAL for m in latest.values()):
                return latest
            for server, migration in latest.items():
                if migration['status'] == 'running' and \
                        time.monotonic() - forced.get(migration['id'], 0) > 5:
                    # A refusal (it completed meanwhile) is fine: the next
                    # poll sees the final status.
                    self.cli('server', 'migration', 'force', 'complete',
                             server, str(migration['id']), check=False)
                    forced[migration['id']] = time.monotonic()
            if time.monotonic() > deadline:
                raise AssertionError('migrations still unfinished after '
                                     '%ss: %s' % (timeout, latest))
            time.sleep(0.25)

    def usage_after(self, baseline, hosts):
        """``baseline`` plus one m1.tiny per entry of {server: host}."""
        expected = {host: dict(usage) for host, usage in baseline.items()}
        for host in hosts.values():
            usage = expected.setdefault(host, {})
            for rc, amount in FLAVOR_USAGE.items():
                usage[rc] = usage.get(rc, 0) + amount
        return expected

    def assert_settled(self, servers, hosts, baseline):
        """Nothing in flight; each server ACTIVE on its host; usage exact.

        :param hosts: {server: host it must be on}
        :param baseline: usage by host before the test booted anything
        """
        found = self.api.servers(servers)
        self.assertEqual(
            {s: (hosts[s], 'ACTIVE', None) for s in servers},
            {s: (v['OS-EXT-SRV-ATTR:host'], v['status'],
                 v['OS-EXT-STS:task_state']) for s, v in found.items()})
        latest = self.api.live_migrations(servers)
        unfinished = [m for ms in latest.values() for m in ms
                      if m['status'] not in FINAL]
        self.assertEqual([], unfinished)
        self.assertEqual(self.usage_after(baseline, hosts),
                         self.cloud_db.usage())
        consumers = self.cloud_db.consumers()
        migration_uuids = {m['uuid'] for ms in latest.values() for m in ms}
        self.assertEqual(set(), migration_uuids & set(consumers),
                         'a migration still holds a claim')
        self.assertEqual({s: [hosts[s]] for s in servers},
                         {s: consumers.get(s) for s in servers})

    def ensure_compute_running(self, host):
        if not self.cloud.is_running(host):
            self.cloud.start_service(host)
