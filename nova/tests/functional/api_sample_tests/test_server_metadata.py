"""API samples of ``/servers/{id}/metadata`` and of PUT /servers/{id}."""

from nova.tests.functional.api_sample_tests import test_servers


class ServerMetadataSampleTest(test_servers.ServersSampleBase):
    sample_dir = 'server-metadata'

    def test_metadata(self):
        uuid = self.boot()
        path = '/servers/%s/metadata' % uuid
        self.sample('PUT', path, 'server-metadata-all',
                    body={'metadata': {'foo': 'Foo Value'}})
        self.sample('POST', path, 'server-metadata-post',
                    body={'metadata': {'bar': 'Bar Value'}})
        self.sample('GET', path, 'server-metadata-list')
        self.sample('PUT', path + '/foo', 'server-metadata-item',
                    body={'meta': {'foo': 'Bar Foo Value'}})
        self.sample('GET', path + '/foo', 'server-metadata-item-get')
        self.sample('DELETE', path + '/foo', 'server-metadata-item-delete',
                    status=204)


class ServersUpdateSampleV219Test(test_servers.ServersSampleBase):
    microversion = '2.19'

    def test_create_with_fields_and_update(self):
        body = self.create_body()
        body['server'].update({
            'description': 'new-server-description',
            'accessIPv4': '192.0.2.10', 'accessIPv6': '2001:db8::10',
            'metadata': {'My Server Name': 'Apache1'},
            'OS-DCF:diskConfig': 'AUTO'})
        resp = self.sample('POST', '/servers', 'server-create', body=body,
                           status=202)
        uuid = resp.json()['server']['id']
        self.wait_until_built(uuid)
        self.sample('PUT', '/servers/%s' % uuid, 'server-put',
                    body={'server': {'name': 'updated-name',
                                     'description': 'updated description'}})
