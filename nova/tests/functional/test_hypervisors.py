"""``/os-hypervisors`` over HTTP: the simulated hosts' capacity and usage."""

import ddt
import fixtures
import testtools

from nova import objects
from nova.tests.functional import test_servers
from nova.virt import driver
from nova.virt import fake

SUMMARY_KEYS = {'id', 'hypervisor_hostname', 'state', 'status'}
DETAIL_KEYS = SUMMARY_KEYS | {
    'vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used', 'free_ram_mb',
    'local_gb', 'local_gb_used', 'free_disk_gb', 'disk_available_least',
    'current_workload', 'running_vms', 'hypervisor_type',
    'hypervisor_version', 'host_ip', 'cpu_info', 'service'}


@ddt.ddt
class HypervisorsTest(test_servers.ServersTestBase):

    def get(self, path, status=200, **kwargs):
        resp = self.api.get(path, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def node(self, host):
        return [h for h in self.get('/os-hypervisors/detail')['hypervisors']
                if h['hypervisor_hostname'] == host][0]

    def test_list_and_detail(self):
        listed = self.get('/os-hypervisors', microversion='2.1')
        self.assertEqual(['compute1', 'compute2'], sorted(
            h['hypervisor_hostname'] for h in listed['hypervisors']))
        for item in listed['hypervisors']:
            self.assertEqual(SUMMARY_KEYS, set(item))
            self.assertIsInstance(item['id'], int)
            self.assertEqual(('up', 'enabled'), (item['state'],
                                                 item['status']))
        detail = self.get('/os-hypervisors/detail', microversion='2.27')
        item = detail['hypervisors'][0]
        self.assertEqual(DETAIL_KEYS, set(item))
        self.assertIsInstance(item['cpu_info'], str)
        self.assertEqual({'host', 'id', 'disabled_reason'},
                         set(item['service']))

    def test_usage_follows_the_servers(self):
        before = self.node('compute1')
        self.assertEqual((0, 0, 0), (before['vcpus_used'],
                                     before['memory_mb_used'],
                                     before['running_vms']))
        self.boot('vm1', host='compute1', flavor='2')
        after = self.node('compute1')
        self.assertEqual((1, 2048, 20, 1), (
            after['vcpus_used'], after['memory_mb_used'],
            after['local_gb_used'], after['running_vms']))
        self.assertEqual(after['memory_mb'] - 2048, after['free_ram_mb'])
        stats = self.get('/os-hypervisors/statistics')[
            'hypervisor_statistics']
        self.assertEqual((2, 1, 2048), (stats['count'], stats['running_vms'],
                                        stats['memory_mb_used']))
        self.assertEqual(before['memory_mb'] + self.node(
            'compute2')['memory_mb'], stats['memory_mb'])

    def test_show_and_ids_per_microversion(self):
        old = self.get('/os-hypervisors', microversion='2.52')[
            'hypervisors'][0]
        shown = self.get('/os-hypervisors/%s' % old['id'],
                         microversion='2.52')['hypervisor']
        self.assertEqual(old['hypervisor_hostname'],
                         shown['hypervisor_hostname'])
        self.assertIsInstance(shown['service']['id'], int)
        new = self.get('/os-hypervisors', microversion='2.53')[
            'hypervisors'][0]
        shown = self.get('/os-hypervisors/%s' % new['id'],
                         microversion='2.53')['hypervisor']
        self.assertEqual(36, len(shown['service']['id']))
        self.assertIsInstance(shown['cpu_info'], dict)
        self.get('/os-hypervisors/%s' % old['id'], status=400,
                 microversion='2.53')
        self.get('/os-hypervisors/%s' % new['id'], status=404,
                 microversion='2.52')
        self.get('/os-hypervisors/99999', status=404, microversion='2.1')

    def test_search_and_servers_until_2_52(self):
        inst = self.boot('vm1', host='compute2')
        found = self.get('/os-hypervisors/compute2/search',
                         microversion='2.52')['hypervisors']
        self.assertEqual(['compute2'], [h['hypervisor_hostname']
                                        for h in found])
        servers = self.get('/os-hypervisors/compute/servers',
                           microversion='2.52')['hypervisors']
        by_host = {h['hypervisor_hostname']: h['servers'] for h in servers}
        self.assertEqual({'compute1': [], 'compute2': [
            {'name': 'vm1', 'uuid': inst.uuid}]}, by_host)
        self.get('/os-hypervisors/nothere/search', status=404,
                 microversion='2.52')
        self.get('/os-hypervisors/compute2/search', status=404,
                 microversion='2.53')

    def test_pattern_and_with_servers_from_2_53(self):
        inst = self.boot('vm1', host='compute2')
        body = self.get('/os-hypervisors?hypervisor_hostname_pattern='
                        'compute2&with_servers=true', microversion='2.53')
        self.assertEqual([[{'name': 'vm1', 'uuid': inst.uuid}]],
                         [h['servers'] for h in body['hypervisors']])
        self.get('/os-hypervisors?hypervisor_hostname_pattern=zzz',
                 status=404, microversion='2.53')
        self.get('/os-hypervisors?with_servers=maybe', status=400,
                 microversion='2.53')
        self.get('/os-hypervisors?bogus=1', status=400, microversion='2.53')

    @ddt.data('2.33', '2.53')
    def test_paging_from_2_33(self, version):
        first = self.get('/os-hypervisors?limit=1', microversion=version)
        self.assertEqual(1, len(first['hypervisors']))
        self.assertIn('hypervisors_links', first)
        marker = first['hypervisors'][0]['id']
        rest = self.get('/os-hypervisors?marker=%s' % marker,
                        microversion=version)['hypervisors']
        self.assertEqual(1, len(rest))
        self.assertNotEqual(marker, rest[0]['id'])
        self.get('/os-hypervisors?marker=nope', status=400,
                 microversion=version)
        self.get('/os-hypervisors?limit=-1', status=400,
                 microversion=version)

    def test_admin_only(self):
        for path in ('/os-hypervisors', '/os-hypervisors/detail',
                     '/os-hypervisors/statistics'):
            self.assertEqual(403, self.member_api.get(path).status_code)


@ddt.ddt
class HypervisorUptimeTest(test_servers.ServersTestBase):
    """``GET /os-hypervisors/{id}/uptime``: asked of the host's compute."""

    def get(self, path, status=200, **kwargs):
        resp = self.api.get(path, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def _id(self, host, microversion):
        listed = self.get('/os-hypervisors', microversion=microversion)
        return [h['id'] for h in listed['hypervisors']
                if h['hypervisor_hostname'] == host][0]

    @ddt.data('2.1', '2.53')
    def test_uptime_of_each_host(self, version):
        hypervisor_id = self._id('compute2', version)
        shown = self.get('/os-hypervisors/%s/uptime' % hypervisor_id,
                         microversion=version)['hypervisor']
        self.assertEqual(
            {'id': hypervisor_id, 'hypervisor_hostname': 'compute2',
             'state': 'up', 'status': 'enabled'},
            {k: v for k, v in shown.items() if k != 'uptime'})
        self.assertRegex(shown['uptime'],
                         r'^ \d\d:\d\d:\d\d up .*load average: ')

    def test_unknown_and_malformed_ids(self):
        self.get('/os-hypervisors/99999/uptime', status=404,
                 microversion='2.1')
        self.get('/os-hypervisors/%s/uptime' % self._id('compute1', '2.1'),
                 status=400, microversion='2.53')
        self.get('/os-hypervisors/%s/uptime' % self._id('compute1', '2.53'),
                 status=404, microversion='2.52')

    def test_disabled_service_is_400(self):
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        service.disabled = True
        service.save()
        body = self.get('/os-hypervisors/%s/uptime' % self._id(
            'compute1', '2.1'), status=400, microversion='2.1')
        self.assertIn('disabled', body['badRequest']['message'])

    def test_a_driver_without_uptime_is_501(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova.virt.fake.FakeDriver.get_host_uptime',
            driver.ComputeDriver.get_host_uptime))
        body = self.get('/os-hypervisors/%s/uptime' % self._id(
            'compute1', '2.1'), status=501, microversion='2.1')
        self.assertIn('uptime', body['notImplemented']['message'])

    def test_admin_only(self):
        resp = self.member_api.get('/os-hypervisors/1/uptime')
        self.assertEqual(403, resp.status_code, resp.text)


class UptimeFormatTest(testtools.TestCase):

    def test_like_the_uptime_command(self):
        self.assertEqual(
            ' 08:32:11 up 3 days, 18:25,  0 users,  load average: '
            '0.20, 0.12, 0.14',
            fake.format_uptime('08:32:11', 3 * 86400 + 18 * 3600 + 25 * 60,
                               (0.2, 0.12, 0.14)))
        self.assertEqual(' 00:00:01 up 1 day, 0:05,  0 users,  load '
                         'average: 1.00, 0.00, 0.00',
                         fake.format_uptime('00:00:01', 86400 + 300,
                                            (1, 0, 0)))
