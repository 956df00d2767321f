"""``/os-availability-zone`` over HTTP: zones from aggregates and services."""

from nova import objects
from nova.tests.functional import test_servers


class AvailabilityZoneTest(test_servers.ServersTestBase):

    def get(self, path, status=200, api=None):
        resp = (api or self.api).get(path)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def zones(self, path='/os-availability-zone', api=None):
        return {z['zoneName']: z for z in
                self.get(path, api=api)['availabilityZoneInfo']}

    def put_in_zone(self, host, zone):
        created = self.api.post('/os-aggregates', body={'aggregate': {
            'name': 'agg-' + zone, 'availability_zone': zone}}).json()
        resp = self.api.post('/os-aggregates/%s/action' % created[
            'aggregate']['id'], body={'add_host': {'host': host}})
        self.assertEqual(200, resp.status_code, resp.text)

    def disable(self, host):
        service = objects.Service.get_by_compute_host(self.ctxt, host)
        service.disabled = True
        service.save()

    def test_default_zone_for_everyone(self):
        for api in (self.api, self.member_api):
            self.assertEqual(
                {'nova': {'zoneName': 'nova', 'zoneState': {'available': True},
                          'hosts': None}}, self.zones(api=api))

    def test_aggregate_zones_and_availability(self):
        self.put_in_zone('compute2', 'az2')
        self.disable('compute2')
        zones = self.zones()
        self.assertEqual({'nova': True, 'az2': False},
                         {n: z['zoneState']['available']
                          for n, z in zones.items()})

    def test_detail_lists_hosts_services_and_internal_zone(self):
        self.put_in_zone('compute2', 'az2')
        zones = self.zones('/os-availability-zone/detail')
        self.assertEqual({'internal', 'nova', 'az2'}, set(zones))
        self.assertEqual(['compute1'], list(zones['nova']['hosts']))
        compute2 = zones['az2']['hosts']['compute2']['nova-compute']
        self.assertEqual((True, True), (compute2['available'],
                                        compute2['active']))
        self.assertIn('T', compute2['updated_at'])
        internal = {binary for services in
                    zones['internal']['hosts'].values()
                    for binary in services}
        self.assertEqual({'nova-conductor', 'nova-scheduler'}, internal)

    def test_detail_of_an_unavailable_zone_has_no_hosts(self):
        self.put_in_zone('compute2', 'az2')
        self.disable('compute2')
        zone = self.zones('/os-availability-zone/detail')['az2']
        self.assertEqual(({'available': False}, None),
                         (zone['zoneState'], zone['hosts']))

    def test_detail_is_admin_only(self):
        self.get('/os-availability-zone/detail', status=403,
                 api=self.member_api)
