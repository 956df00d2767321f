"""``GET /os-services``."""

import datetime

import ddt
from oslo_utils import timeutils

from nova import objects
from nova import test
from nova.tests.unit.api.openstack.compute import test_servers
from nova.tests.unit.api.openstack import fakes


@ddt.ddt
class ServicesTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.api = self.useFixture(test_servers.ServersApiFixture())
        self.compute = self.api.make_compute('compute1')
        for binary in ('nova-conductor', 'nova-osapi_compute'):
            objects.Service(self.api.ctxt, host='ctl', binary=binary,
                            topic=None).create()

    def services(self, query='', version='2.65'):
        resp = self.api.call('GET', '/os-services' + query, version=version)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json['services']

    def test_lists_all_but_api_services(self):
        services = self.services()
        self.assertEqual([('nova-compute', 'compute1', 'nova'),
                          ('nova-conductor', 'ctl', 'internal')],
                         sorted((s['binary'], s['host'], s['zone'])
                                for s in services))
        compute = [s for s in services if s['host'] == 'compute1'][0]
        self.assertEqual({'id', 'binary', 'host', 'zone', 'status',
                          'state', 'updated_at', 'disabled_reason',
                          'forced_down'}, set(compute))
        self.assertEqual(('enabled', 'up', None, False), (
            compute['status'], compute['state'],
            compute['disabled_reason'], compute['forced_down']))

    @ddt.data(('?host=compute1', ['compute1']), ('?host=nope', []),
              ('?binary=nova-conductor', ['ctl']),
              ('?binary=nova-compute&host=ctl', []))
    @ddt.unpack
    def test_filters(self, query, hosts):
        self.assertEqual(hosts, [s['host'] for s in self.services(query)])

    @ddt.data(('2.10', int, False), ('2.11', int, True),
              ('2.52', int, True), ('2.53', str, True))
    @ddt.unpack
    def test_fields_per_microversion(self, version, id_type, forced_down):
        service = self.services('?host=compute1', version=version)[0]
        self.assertIsInstance(service['id'], id_type)
        self.assertEqual(forced_down, 'forced_down' in service)
        if id_type is str:
            self.assertEqual(self.compute.uuid, service['id'])

    def test_down_disabled_and_forced(self):
        self.compute.last_seen_up = timeutils.utcnow() - \
            datetime.timedelta(seconds=3600)
        self.compute.disabled = True
        self.compute.disabled_reason = 'drain'
        self.compute.save()
        service = self.services('?host=compute1')[0]
        self.assertEqual(('down', 'disabled', 'drain'), (
            service['state'], service['status'],
            service['disabled_reason']))

    def test_updated_at_is_the_last_heartbeat(self):
        seen = datetime.datetime(2026, 1, 5, 10, 0, 5)
        self.compute.last_seen_up = seen
        self.compute.save()
        self.assertEqual('2026-01-05T10:00:05.000000',
                         self.services('?host=compute1')[0]['updated_at'])

    @ddt.data(fakes.MEMBER_TOKEN, test_servers.OTHER_TOKEN)
    def test_admin_only(self, token):
        resp = self.api.call('GET', '/os-services', token=token)
        self.assertEqual(403, resp.status_int)
        self.assertIn('os_compute_api:os-services:list',
                      resp.json['forbidden']['message'])
