"""Abort cost and request rates on the multi-process cloud, by polling.

The same rounds as the in-process benchmarks (a held migration on
``compute1``, N queued behind it, aborted one after another or all at
once), observed only through the API.  Each round starts its own held
migration, since on real processes it can only run at a finite bandwidth.

Boots and live-migration requests go one at a time, each waited for, so
that the rounds measure aborts rather than the scheduler; the accept rate
here is therefore a serial one.
"""

import datetime
import math

from nova.tests.bench import cloud as bench_cloud
from nova.tests.bench import multiprocess as mp
from nova.tests.bench import stats

IMAGE = bench_cloud.IMAGE


def run(backend, sizes, min_samples, accept_count):
    """Rows of both multi-process tables, on a cloud of ``backend``."""
    with mp.MultiProcessCloud(backend) as mp_cloud:
        pool = bench_cloud.ClientPool(mp_cloud.client)
        try:
            rounds = Rounds(pool)
            servers = rounds.boot(1 + max(max(sizes), accept_count))
            holder, others = servers[0], servers[1:]
            repeats = {size: max(1, math.ceil(min_samples / size))
                       for size in sizes}
            rows = [rounds.abort_row(holder, others[:size], 'sequential',
                                     repeats[size]) for size in sizes]
            rates = rounds.rates(holder, others[:accept_count])
            # Last: a failed burst can strand its migrations.
            rows += rounds.burst_rows(holder, others, repeats)
            mp_cloud.keep_logs = any('error' in row for row in rows)
        finally:
            pool.close()
    return {'mp_abort_cost': rows, 'mp_throughput': rates}


class Rounds(object):

    def __init__(self, pool):
        self.pool = pool

    @property
    def api(self):
        return self.pool.client()

    def get(self, path, microversion='2.65'):
        return bench_cloud.expect(self.api.get(
            path, microversion=microversion), 200).json()

    def every_page(self, path, key, microversion='2.65'):
        """All items of a paged collection, following ``next`` links.

        A page holds at most ``[api] max_limit`` (1000) items, fewer than
        a round of N=1000 lists.
        """
        items = []
        while path:
            body = self.get(path, microversion=microversion)
            items += body[key]
            path = next((link['href'] for link in
                         body.get(key + '_links', ())
                         if link.get('rel') == 'next'), None)
        return items

    def migrations(self, query):
        return self.every_page('/os-migrations?%s' % query, 'migrations',
                               microversion='2.59')

    def boot(self, count):
        """Boot one server at a time (see the module docstring)."""
        ids = []
        for index in range(count):
            body = {'server': {
                'name': 'bench-%d' % index, 'imageRef': IMAGE,
                'flavorRef': bench_cloud.TINY_FLAVOR, 'networks': 'none',
                'availability_zone': 'nova:%s' % mp.SOURCE}}
            ids.append(bench_cloud.expect(self.api.post(
                '/servers', body=body, microversion='2.37'),
                202).json()['server']['id'])
            self.wait_idle(ids[-1:], 'ACTIVE')
        return ids

    def wait_idle(self, server_ids, status='ACTIVE'):
        """Every server ``status`` on the source with no task."""
        wanted = set(server_ids)

        def idle():
            servers = self.every_page('/servers/detail?all_tenants=1',
                                      'servers')
            ready = {s['id'] for s in servers
                     if s['status'] == status and
                     s['OS-EXT-STS:task_state'] is None}
            failed = [s for s in servers
                      if s['id'] in wanted and s['status'] == 'ERROR']
            if failed:
                raise bench_cloud.BenchError('server %s went ERROR: %s' % (
                    failed[0]['id'], failed[0].get('fault')))
            return wanted <= ready
        bench_cloud.poll(idle, mp.POLL_TIMEOUT, 'servers never idle')

    def migrate(self, server_id):
        body = {'os-migrateLive': {'host': mp.DEST,
                                   'block_migration': 'auto'}}
        bench_cloud.expect(self.api.post(
            '/servers/%s/action' % server_id, body=body,
            microversion='2.30'), 202)

    # A round.

    def hold(self, holder):
        self.migrate(holder)
        return bench_cloud.poll(
            lambda: self._in_status(holder, 'running'), mp.POLL_TIMEOUT,
            'held migration never ran')

    def _in_status(self, server_id, status):
        listed = self.migrations('instance_uuid=%s' % server_id)
        newest = max(listed, key=lambda m: m['id'], default=None)
        return newest if newest and newest['status'] == status else None

    def queue(self, servers):
        """Queue one at a time: (seconds in POSTs, seconds, {id: mid})."""
        start = bench_cloud.now()
        in_posts = 0.0
        ids = {}
        for server_id in servers:
            sent = bench_cloud.now()
            self.migrate(server_id)
            in_posts += bench_cloud.now() - sent
            ids[server_id] = bench_cloud.poll(
                lambda: self._in_status(server_id, 'queued'),
                mp.POLL_TIMEOUT, 'migration never queued')['id']
        return in_posts, bench_cloud.now() - start, ids

    def release(self, holder, held):
        self.abort((holder, held['id']))
        bench_cloud.poll(lambda: self._in_status(holder, 'cancelled'),
                         mp.POLL_TIMEOUT, 'held migration never ended')
        self.wait_idle([holder])

    def abort(self, item):
        server_id, migration_id = item
        sent = bench_cloud.now()
        bench_cloud.expect(self.api.delete(
            '/servers/%s/migrations/%s' % (server_id, migration_id),
            microversion='2.65'), 202)
        return server_id, (sent, bench_cloud.now())

    def abort_row(self, holder, servers, mode, repeat):
        samples = {'http': [], 'cancelled': []}
        walls = []
        for _round in range(repeat):
            held = self.hold(holder)
            _accepted, _queued, ids = self.queue(servers)
            start = bench_cloud.now()
            if mode == 'sequential':
                timings = dict(self._abort_one(item) for item in ids.items())
            else:
                timings = self._abort_burst(ids)
                walls.append((max(t[2] for t in timings.values()) - start)
                             / len(ids))
            for sent, answered, seen in timings.values():
                samples['http'].append(answered - sent)
                samples['cancelled'].append(seen - sent)
            self.wait_idle(servers)
            self.release(holder, held)
        row = {'mode': mode, 'queue_length': len(servers), 'rounds': repeat}
        row.update({k: stats.summary_ms(v) for k, v in samples.items()})
        row['burst_wall_per_abort_ms'] = (
            round(1000.0 * sum(walls) / len(walls), 3) if walls else None)
        return row

    def burst_rows(self, holder, others, repeats):
        """Burst rows by size; the first failure ends them, as a row."""
        rows = []
        for size, repeat in sorted(repeats.items()):
            try:
                rows.append(self.abort_row(holder, others[:size], 'burst',
                                           repeat))
            except bench_cloud.BenchError as exc:
                rows.append({'mode': 'burst', 'queue_length': size,
                             'error': str(exc)})
                break
        return rows

    def _abort_one(self, item):
        server_id, (sent, answered) = self.abort(item)

        def shown():
            server = self.get('/servers/%s' % server_id)['server']
            return (self._in_status(server_id, 'cancelled') and
                    server['OS-EXT-STS:task_state'] is None)
        bench_cloud.poll(shown, mp.POLL_TIMEOUT, 'abort never shown')
        return server_id, (sent, answered, bench_cloud.now())

    def _abort_burst(self, ids):
        # MariaDB keeps whole seconds: start a second early, and keep
        # only this round's migrations.
        since = (datetime.datetime.utcnow().replace(microsecond=0) -
                 datetime.timedelta(seconds=1)).isoformat()
        sent = dict(self.pool.run(self.abort, ids.items(),
                                  mp.BURST_CLIENTS))
        seen = {}
        wanted = {mid: sid for sid, mid in ids.items()}

        def all_cancelled():
            now = bench_cloud.now()
            for migration in self.migrations(
                    'source_compute=%s&changes-since=%s' % (mp.SOURCE,
                                                            since)):
                if migration['status'] == 'cancelled' and \
                        migration['id'] in wanted:
                    seen.setdefault(wanted[migration['id']], now)
            return len(seen) == len(wanted)
        bench_cloud.poll(all_cancelled, mp.POLL_TIMEOUT,
                         'burst never cancelled')
        return {sid: sent[sid] + (seen[sid],) for sid in ids}

    # Rates.

    def rates(self, holder, servers):
        held = self.hold(holder)
        rows = []
        in_posts, queued, ids = self.queue(servers)
        rows.append({'operation': 'accept, one at a time', 'clients': 1,
                     'requests': len(servers),
                     'seconds': round(in_posts, 3),
                     'per_second': round(len(servers) / in_posts, 1),
                     'queued_per_second': round(len(servers) / queued, 1)})
        start = bench_cloud.now()
        self.pool.run(lambda sid: self.get('/servers/%s/migrations' % sid),
                      servers, mp.LIST_CLIENTS)
        seconds = bench_cloud.now() - start
        rows.append({'operation': 'list', 'clients': mp.LIST_CLIENTS,
                     'requests': len(servers), 'seconds': round(seconds, 3),
                     'per_second': round(len(servers) / seconds, 1)})
        for item in ids.items():
            self._abort_one(item)
        self.release(holder, held)
        return rows
