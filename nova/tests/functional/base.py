"""The integrated test base: the embedded cloud over real HTTP.

Everything is real except the hardware: migrated SQLite through the
enginefacade, the ``inprocess://`` transport (casts stay casts), conductor,
scheduler, computes on the simulating driver, and the API on a real WSGI
server on a free loopback port, reached with ``requests``.
"""

import requests

from nova import embedded
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.fixtures import driver_hooks
from nova.tests.fixtures import waiter

ADMIN = embedded.ADMIN_TOKEN
MEMBER = embedded.MEMBER_TOKEN


class ApiClient(object):
    """A thin HTTP client that speaks microversions and tokens."""

    def __init__(self, endpoint, token=ADMIN, microversion=None):
        self.endpoint = endpoint
        self.token = token
        self.microversion = microversion
        self.session = requests.Session()

    def request(self, method, path, body=None, microversion=None,
                headers=None, token=None):
        all_headers = {'X-Auth-Token': token or self.token,
                       'Accept': 'application/json'}
        version = microversion or self.microversion
        if version:
            all_headers['OpenStack-API-Version'] = 'compute %s' % version
        all_headers.update(headers or {})
        url = self.endpoint + path if path.startswith('/') else path
        return self.session.request(method, url, json=body,
                                    headers=all_headers, timeout=60)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request('POST', path, body=body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)


class FunctionalTestCase(test.TestCase):
    """Starts the embedded cloud; subclasses set the switches below."""

    #: Hosts of the simulated computes.
    compute_hosts = ('compute1', 'compute2')
    #: Newest microversion the default client asks for.
    microversion = 'latest'

    def setUp(self):
        super().setUp()
        self.flags(osapi_compute_listen='127.0.0.1',
                   osapi_compute_listen_port=0, report_interval=3600,
                   # One heartbeat at start: no compute may turn 'down'
                   # during a slow test (a loaded machine, the real CLIs).
                   service_down_time=7200,
                   max_concurrent_live_migrations=1)
        # A call left unanswered at teardown must not hold the process.
        self.flags(long_rpc_timeout=20, rpc_response_timeout=20)
        self.flags(live_migration_bandwidth=0, group='fake')
        self.flags(write_clouds_yaml=False, group='embedded')
        self.configure()
        self.db = self.useFixture(nova_fixtures.Database())
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        self.waiter = self.useFixture(waiter.DBWriteWaiter())
        self.useFixture(driver_hooks.DriverHooks())
        self.cloud = embedded.EmbeddedCloud(
            compute_hosts=self.compute_hosts, api_port=0)
        self.cloud.start()
        self.addCleanup(self.cloud.stop)
        self.api = ApiClient(self.cloud.endpoint,
                             microversion=self.microversion)
        self.member_api = ApiClient(self.cloud.endpoint, token=MEMBER,
                                    microversion=self.microversion)

    def configure(self):
        """Hook: set options before the cloud starts."""

    def driver(self, host):
        return self.cloud.computes[host].manager.driver

    def compute(self, host):
        return self.cloud.computes[host].manager

    def wait_for(self, predicate, timeout=30, message=None):
        return self.waiter.wait_for(predicate, timeout=timeout,
                                    message=message)
