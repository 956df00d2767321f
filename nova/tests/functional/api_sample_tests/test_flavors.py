"""API samples of ``/flavors`` per microversion."""

from nova.tests.functional.api_sample_tests import test_servers


class FlavorsSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'flavors'

    def test_flavors(self):
        self.sample('GET', '/flavors', 'flavors-list')
        self.sample('GET', '/flavors/detail', 'flavors-detail')
        self.sample('GET', '/flavors/1', 'flavor-get')
        self.sample('GET', '/flavors/1/os-extra_specs',
                    'flavor-extra-specs-list')


class FlavorsSampleV255Test(test_servers.ServersSampleBase):
    sample_dir = 'flavors'
    microversion = '2.55'

    def test_flavors(self):
        self.sample('GET', '/flavors', 'flavors-list')
        self.sample('GET', '/flavors/1', 'flavor-get')


class FlavorsSampleV261Test(test_servers.ServersSampleBase):
    sample_dir = 'flavors'
    microversion = '2.61'

    def test_flavors(self):
        self.sample('GET', '/flavors/1', 'flavor-get')
        self.sample('GET', '/flavors/detail?is_public=None&limit=2',
                    'flavors-detail-paged')
