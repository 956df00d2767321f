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

from nova.tests.unit import cmd as cmd_helpers

_ENDPOINT = re.compile(r'compute API at (http://\S+/v2\.1)')


class TestNovaAll(testtools.TestCase):

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
