"""nova-all as an operator runs it: start, answer over HTTP, stop on SIGTERM.

The child runs with this process's concurrency backend, so the suite proves
both backends; it creates its SQLite database on first start, writes
clouds.yaml and prints how to reach it.
"""

import os
import queue
import re
import signal
import subprocess
import sys
import threading

import fixtures
import requests
import testtools
import yaml

from nova.tests.multiprocess import fixtures as mp_fixtures
from nova.tests.unit import cmd as cmd_helpers

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
_ENDPOINT = re.compile(r'compute API at (http://\S+/v2\.1)')


class NovaAllProcessTestCase(testtools.TestCase):
    """Runs nova-all as a child process on a state directory of its own."""

    def setUp(self):
        super().setUp()
        self.state = self.useFixture(fixtures.TempDir()).path
        self.config = cmd_helpers.write_config(
            self.state, extra='osapi_compute_listen_port = 0')

    def _start(self):
        env = dict(os.environ, PYTHONPATH=cmd_helpers.TOP)
        code = cmd_helpers._BOOT % ('nova-all', 'all')
        proc = subprocess.Popen(
            [sys.executable, '-c', code, '--config-file', self.config],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env, text=True)
        self.addCleanup(self._kill, proc)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in
                                         proc.stdout], daemon=True).start()
        return proc, lines

    @staticmethod
    def _kill(proc):
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def _read_until(self, lines, pattern, timeout=60):
        seen = []
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                self.fail('%r not printed; output:\n%s' % (
                    pattern, ''.join(seen)))
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match, seen


class TestNovaAll(NovaAllProcessTestCase):

    def test_starts_answers_and_stops_cleanly(self):
        proc, lines = self._start()
        match, _ = self._read_until(lines, _ENDPOINT)
        endpoint = match.group(1)

        root = requests.get(endpoint.rsplit('/v2.1', 1)[0] + '/', timeout=30)
        self.assertEqual(200, root.status_code)
        versions = {v['id']: v for v in root.json()['versions']}
        self.assertEqual('2.65', versions['v2.1']['version'])
        services = requests.get(
            endpoint + '/os-services', timeout=30,
            headers={'X-Auth-Token': 'admin:admin'}).json()['services']
        self.assertEqual({'compute1', 'compute2'},
                         {s['host'] for s in services
                          if s['binary'] == 'nova-compute'})
        with open(os.path.join(self.state, 'clouds.yaml')) as handle:
            clouds = yaml.safe_load(handle)['clouds']
        self.assertEqual(endpoint, clouds['embedded']['auth']['endpoint'])
        self.assertIn('embedded-member', clouds)

        proc.send_signal(signal.SIGTERM)
        self._read_until(lines, 'nova-all stopped', timeout=30)
        self.assertEqual(0, proc.wait(timeout=30))


class TestNovaAllStopWithLiveMigrations(NovaAllProcessTestCase):
    """The operator's case: SIGTERM with a live migration running, restart.

    One slot and a slow simulated link keep one migration running and the
    rest queued; the stop must end every one of them and the next start on
    the same state must come up (it used to wait on the stopped
    destination for ``long_rpc_timeout``).
    """

    def setUp(self):
        super().setUp()
        self.config = cmd_helpers.write_config(
            self.state, extra='\n'.join([
                'osapi_compute_listen_port = 0',
                'max_concurrent_live_migrations = 1',
                '[fake]', 'live_migration_bandwidth = 1']))

    def _api(self, endpoint, method, path, body=None, version='2.65'):
        resp = requests.request(
            method, endpoint + path, json=body, timeout=30,
            headers={'X-Auth-Token': 'admin:admin',
                     'OpenStack-API-Version': 'compute %s' % version})
        self.assertLess(resp.status_code, 300, resp.text)
        return resp.json() if resp.content else None

    def _boot(self, endpoint, count):
        return [self._api(endpoint, 'POST', '/servers', {'server': {
            'name': 'vm%d' % i, 'imageRef': IMAGE, 'flavorRef': '1',
            'networks': 'none',
            'availability_zone': 'nova:compute1'}})['server']['id']
            for i in range(count)]

    def _servers(self, endpoint):
        return {s['id']: s for s in self._api(
            endpoint, 'GET', '/servers/detail')['servers']}

    def _statuses(self, endpoint):
        return sorted(m['status'] for m in self._api(
            endpoint, 'GET', '/os-migrations')['migrations'])

    def test_sigterm_ends_running_and_queued_and_restart_comes_up(self):
        proc, lines = self._start()
        endpoint = self._read_until(lines, _ENDPOINT)[0].group(1)
        servers = self._boot(endpoint, 3)
        mp_fixtures.wait_for(
            lambda: all(s['status'] == 'ACTIVE'
                        for s in self._servers(endpoint).values()),
            60, 'servers ACTIVE')
        for server in servers:
            self._api(endpoint, 'POST', '/servers/%s/action' % server,
                      {'os-migrateLive': {'host': 'compute2',
                                          'block_migration': 'auto'}},
                      version='2.30')
        mp_fixtures.wait_for(
            lambda: self._statuses(endpoint) == [
                'queued', 'queued', 'running'],
            60, 'one running and two queued',
            describe=lambda: self._statuses(endpoint))

        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(timeout=60))

        proc, lines = self._start()
        endpoint = self._read_until(lines, _ENDPOINT, timeout=60)[0].group(1)
        self.assertEqual(['cancelled'] * 3, self._statuses(endpoint))
        self.assertEqual(
            {s: ('ACTIVE', 'compute1', None) for s in servers},
            {s: (v['status'], v['OS-EXT-SRV-ATTR:host'],
                 v['OS-EXT-STS:task_state'])
             for s, v in self._servers(endpoint).items()})
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(timeout=60))


class TestNovaAllSignalDuringStart(NovaAllProcessTestCase):

    def test_sigterm_while_services_start_stops_it(self):
        proc, lines = self._start()
        self._read_until(lines, 'Started nova-conductor')

        proc.send_signal(signal.SIGTERM)

        _, seen = self._read_until(lines, 'nova-all stopped')
        self.assertEqual(0, proc.wait(timeout=60), ''.join(seen))
