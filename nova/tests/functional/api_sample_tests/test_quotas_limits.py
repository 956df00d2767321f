"""API samples of os-quota-sets, os-quota-class-sets, limits, extensions
and os-hypervisors."""

import fixtures

from nova.tests.functional.api_sample_tests import test_servers

PROJECT = 'demo'


class QuotaSetsSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'os-quota-sets'

    def test_show_defaults_detail(self):
        self.sample('GET', '/os-quota-sets/%s' % PROJECT, 'quotas-show-get')
        self.sample('GET', '/os-quota-sets/%s/defaults' % PROJECT,
                    'quotas-show-defaults-get')
        self.sample('GET', '/os-quota-sets/%s/detail' % PROJECT,
                    'quotas-show-detail-get')

    def test_update_and_delete(self):
        self.sample('PUT', '/os-quota-sets/%s' % PROJECT, 'quotas-update-post',
                    body={'quota_set': {'instances': 45, 'force': True}})
        self.sample('DELETE', '/os-quota-sets/%s' % PROJECT, 'quotas-delete',
                    status=202)


class QuotaSetsSampleV236Test(QuotaSetsSampleJsonTest):
    microversion = '2.36'


class QuotaSetsSampleV257Test(QuotaSetsSampleJsonTest):
    microversion = '2.57'


class QuotaClassSetsSampleV257Test(test_servers.ServersSampleBase):
    sample_dir = 'os-quota-class-sets'
    microversion = '2.57'

    def test_show_and_update(self):
        self.sample('GET', '/os-quota-class-sets/default',
                    'quota-classes-show-get')
        self.sample('PUT', '/os-quota-class-sets/default',
                    'quota-classes-update-post',
                    body={'quota_class_set': {'instances': 50}})


class LimitsSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'limits'

    def test_limits(self):
        self.sample('GET', '/limits', 'limit-get')


class LimitsSampleV257Test(LimitsSampleJsonTest):
    microversion = '2.57'


class ExtensionsSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'extension-info'

    def test_show(self):
        self.sample('GET', '/extensions/os-quota-sets', 'extensions-get')


class HypervisorsSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'os-hypervisors'

    def test_hypervisors(self):
        self.sample('GET', '/os-hypervisors', 'hypervisors-list')
        self.sample('GET', '/os-hypervisors/detail', 'hypervisors-detail')
        self.sample('GET', '/os-hypervisors/statistics',
                    'hypervisors-statistics')
        self.sample('GET', '/os-hypervisors/compute1/search',
                    'hypervisors-search')

    def test_uptime(self):
        # The simulated host reports this machine's clock and load.
        self.useFixture(fixtures.MonkeyPatch(
            'nova.virt.fake.FakeDriver.get_host_uptime', lambda driver: (
                ' 08:32:11 up 93 days, 18:25,  0 users,  load average: '
                '0.20, 0.12, 0.14')))
        listed = self.api.get('/os-hypervisors').json()['hypervisors']
        hypervisor_id = min(h['id'] for h in listed)
        self.sample('GET', '/os-hypervisors/%s/uptime' % hypervisor_id,
                    'hypervisor-uptime')


class HypervisorsSampleV253Test(test_servers.ServersSampleBase):
    sample_dir = 'os-hypervisors'
    microversion = '2.53'

    def test_hypervisors(self):
        self.boot()
        self.sample('GET', '/os-hypervisors?with_servers=true',
                    'hypervisors-with-servers')
        self.sample('GET', '/os-hypervisors/detail?limit=1',
                    'hypervisors-detail-paged')


class FlavorManageSampleV255Test(test_servers.ServersSampleBase):
    sample_dir = 'flavor-manage'
    microversion = '2.55'

    def test_create_update_delete(self):
        self.sample('POST', '/flavors', 'flavor-create-post', body={
            'flavor': {'name': 'test_flavor', 'ram': 1024, 'vcpus': 2,
                       'disk': 10, 'id': '10', 'rxtx_factor': 2.0,
                       'description': 'test description'}})
        self.sample('PUT', '/flavors/10', 'flavor-update', body={
            'flavor': {'description': 'updated description'}})
        self.sample('DELETE', '/flavors/10', 'flavor-delete', status=202)


class FlavorAccessSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'flavor-access'

    def test_access(self):
        self.api.post('/flavors', body={'flavor': {
            'name': 'private', 'ram': 512, 'vcpus': 1, 'disk': 1,
            'id': '10', 'os-flavor-access:is_public': False}})
        self.sample('POST', '/flavors/10/action', 'flavor-access-add-tenant',
                    body={'addTenantAccess': {'tenant': PROJECT}})
        self.sample('GET', '/flavors/10/os-flavor-access',
                    'flavor-access-list')
        self.sample('POST', '/flavors/10/action',
                    'flavor-access-remove-tenant',
                    body={'removeTenantAccess': {'tenant': PROJECT}})


class FlavorExtraSpecsSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'flavor-extra-specs'

    def test_extra_specs(self):
        self.sample('POST', '/flavors/1/os-extra_specs',
                    'flavor-extra-specs-create', body={'extra_specs': {
                        'hw:numa_nodes': '1', 'hw:cpu_policy': 'shared'}})
        self.sample('GET', '/flavors/1/os-extra_specs',
                    'flavor-extra-specs-list')
        self.sample('GET', '/flavors/1/os-extra_specs/hw:numa_nodes',
                    'flavor-extra-specs-get')
        self.sample('PUT', '/flavors/1/os-extra_specs/hw:numa_nodes',
                    'flavor-extra-specs-update',
                    body={'hw:numa_nodes': '2'})
        self.sample('DELETE', '/flavors/1/os-extra_specs/hw:numa_nodes',
                    'flavor-extra-specs-delete')
