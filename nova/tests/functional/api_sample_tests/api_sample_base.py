"""API samples: real requests whose JSON becomes the api-ref's samples.

Each test sends a request to the embedded cloud and compares the request
body and the response body with ``doc/api_samples/<dir>/<name>.json``
after replacing the values that change from run to run (uuids, times,
hosts in links, request ids) with placeholders.  Run with
``NOVA_GENERATE_SAMPLES=1`` to (re)write the files; without it a
difference fails the test, so the api-ref can never drift from the code.
"""

import json
import os
import re

from nova.tests.functional import base

SAMPLES_ROOT = os.path.normpath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'doc', 'api_samples'))

_UUID = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                   r'[0-9a-f]{12}$')
_UUID_IN_TEXT = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-'
                           r'[0-9a-f]{4}-[0-9a-f]{12}')
_TIME = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]'
                   r'\d{2}:\d{2})?$')
_REQ_ID = re.compile(r'^req-[0-9a-f-]{36}$')
_ENDPOINT = re.compile(r'^http://127\.0\.0\.1:\d+')

PLACEHOLDERS = {
    'uuid': '3f0b6c1e-8a52-4d7e-9c1a-0d6e2b7f4a10',
    'time': '2026-01-05T10:00:00.000000',
    'time_z': '2026-01-05T10:00:00Z',
    'request_id': 'req-5b0c9a2e-7d41-4c6f-8e13-2f9a6b7c0d44',
    'endpoint': 'http://openstack.example.com',
}


def normalize(value):
    """Replace run-specific values with stable placeholders."""
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if not isinstance(value, str):
        return value
    if _UUID.match(value):
        return PLACEHOLDERS['uuid']
    if _TIME.match(value):
        # Keep the shape the API used: servers say ...Z, the rest do not.
        return PLACEHOLDERS['time_z' if value.endswith('Z') else 'time']
    if _REQ_ID.match(value):
        return PLACEHOLDERS['request_id']
    value = _ENDPOINT.sub(PLACEHOLDERS['endpoint'], value)
    return _UUID_IN_TEXT.sub(PLACEHOLDERS['uuid'], value)


class ApiSampleTestBase(base.FunctionalTestCase):
    """Checks (or writes) sample files for requests and responses."""

    #: Folder under doc/api_samples, e.g. 'server-migrations'.
    sample_dir = None
    #: Microversion of the samples; also their sub-folder ('v2.65').
    microversion = None

    def _sample_path(self, name):
        parts = [SAMPLES_ROOT, self.sample_dir]
        if self.microversion:
            parts.append('v%s' % self.microversion)
        return os.path.join(*parts + ['%s.json' % name])

    def verify_sample(self, name, body):
        """Compare ``body`` (a dict) with the stored sample ``name``."""
        actual = normalize(body)
        path = self._sample_path(name)
        if os.environ.get('NOVA_GENERATE_SAMPLES'):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w') as handle:
                json.dump(actual, handle, indent=4, sort_keys=True)
                handle.write('\n')
            return
        with open(path) as handle:
            expected = json.load(handle)
        self.assertEqual(expected, actual,
                         'sample %s differs; regenerate with '
                         'NOVA_GENERATE_SAMPLES=1' % path)

    def do_request(self, method, path, name=None, body=None,
                   expected_status=200):
        """Send a request, check its status and its request/response."""
        if body is not None and name is not None:
            self.verify_sample(name + '-req', body)
        response = self.api.request(method, path, body=body,
                                    microversion=self.microversion)
        self.assertEqual(expected_status, response.status_code,
                         response.text)
        if name is not None and response.content:
            self.verify_sample(name + '-resp', response.json())
        return response
