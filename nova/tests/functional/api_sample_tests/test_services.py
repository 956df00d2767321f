"""API samples of ``GET /os-services`` per microversion."""

from nova.tests.functional.api_sample_tests import test_servers


class ServicesSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'os-services'

    def test_services_list(self):
        self.sample('GET', '/os-services', 'services-list-get')


class ServicesSampleV211Test(ServicesSampleJsonTest):
    microversion = '2.11'


class ServicesSampleV253Test(ServicesSampleJsonTest):
    microversion = '2.53'

    def test_services_list_filtered(self):
        self.sample('GET', '/os-services?binary=nova-compute&host=compute1',
                    'services-list-filtered')
