"""API samples of ``/os-aggregates`` (2.1, and 2.41 with the uuid) and
``/os-availability-zone``."""

import nova.conf
from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional.api_sample_tests import test_servers

CONF = nova.conf.CONF


class AggregatesSampleTest(api_sample_base.ApiSampleTestBase):
    sample_dir = 'os-aggregates'

    def test_lifecycle(self):
        self.do_request('POST', '/os-aggregates', 'aggregate-post', body={
            'aggregate': {'name': 'name', 'availability_zone': 'london'}})
        self.do_request('GET', '/os-aggregates/1', 'aggregates-get')
        self.do_request('PUT', '/os-aggregates/1', 'aggregate-update-post',
                        body={'aggregate': {'name': 'newname',
                                            'availability_zone': 'nova2'}})
        action = '/os-aggregates/1/action'
        self.do_request('POST', action, 'aggregates-add-host-post', body={
            'add_host': {'host': 'compute1'}})
        self.do_request('POST', action, 'aggregates-metadata-post', body={
            'set_metadata': {'metadata': {'key': 'value'}}})
        self.do_request('GET', '/os-aggregates', 'aggregates-list-get')
        self.do_request('POST', action, 'aggregates-remove-host-post', body={
            'remove_host': {'host': 'compute1'}})
        self.do_request('DELETE', '/os-aggregates/1')


class AggregatesSampleV241Test(AggregatesSampleTest):
    microversion = '2.41'


class AvailabilityZoneSampleTest(test_servers.ServersSampleBase):
    sample_dir = 'os-availability-zone'

    def stabilise(self, value):
        # The internal zone's hosts are keyed by this machine's name.
        if isinstance(value, dict):
            value = {test_servers.STABLE['controller']
                     if key == CONF.host else key: item
                     for key, item in value.items()}
        return super().stabilise(value)

    def test_list_and_detail(self):
        self.sample('GET', '/os-availability-zone', 'availability-zone-list')
        self.sample('GET', '/os-availability-zone/detail',
                    'availability-zone-detail')
