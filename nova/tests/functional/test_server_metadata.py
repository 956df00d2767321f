"""``/servers/{id}/metadata`` over HTTP; responses schema-checked."""

import ddt

from nova import objects
from nova.tests.functional import test_servers


@ddt.ddt
class ServerMetadataTest(test_servers.ServersTestBase):

    def setUp(self):
        super().setUp()
        self.uuid = self.boot('md', metadata={'a': '1', 'b': '2'}).uuid
        self.path = '/servers/%s/metadata' % self.uuid

    def _metadata(self):
        return self.api.get(self.path).json()['metadata']

    def test_merge_replace_item_and_delete(self):
        self.assertEqual({'a': '1', 'b': '2'}, self._metadata())
        merged = self.api.post(self.path, body={'metadata': {'b': 'x',
                                                             'c': '3'}})
        self.assertEqual({'a': '1', 'b': 'x', 'c': '3'},
                         merged.json()['metadata'])
        replaced = self.api.request('PUT', self.path,
                                    body={'metadata': {'z': '26'}})
        self.assertEqual({'z': '26'}, replaced.json()['metadata'])
        item = self.api.request('PUT', self.path + '/y',
                                body={'meta': {'y': '25'}})
        self.assertEqual({'meta': {'y': '25'}}, item.json())
        self.assertEqual({'meta': {'z': '26'}},
                         self.api.get(self.path + '/z').json())
        self.assertEqual(204, self.api.delete(self.path + '/z').status_code)
        self.assertEqual({'y': '25'}, self._metadata())
        shown = self.api.get('/servers/%s' % self.uuid).json()['server']
        self.assertEqual({'y': '25'}, shown['metadata'])

    @ddt.data(
        ('POST', '', {'metadata': {'': 'blank key'}}),
        ('POST', '', {'metadata': {'k' * 256: 'v'}}),
        ('POST', '', {'metadata': {'k': 'v' * 256}}),
        ('POST', '', {'meta': {'k': 'v'}}),
        ('PUT', '', {'metadata': 'flat'}),
        ('PUT', '/k', {'meta': {'other': 'v'}}),
        ('PUT', '/k', {'meta': {'k': 'v', 'j': 'w'}}),
        ('PUT', '/k', {'meta': {}}),
        ('PUT', '/k', None),
    )
    @ddt.unpack
    def test_bad_bodies_are_400_and_change_nothing(self, method, suffix,
                                                   body):
        resp = self.api.request(method, self.path + suffix, body=body)
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual({'a': '1', 'b': '2'}, self._metadata())

    @ddt.data(('GET', '', None), ('POST', '', {'metadata': {}}),
              ('PUT', '', {'metadata': {}}), ('GET', '/a', None),
              ('PUT', '/a', {'meta': {'a': 'v'}}), ('DELETE', '/a', None))
    @ddt.unpack
    def test_missing_server_is_404(self, method, suffix, body):
        path = '/servers/%s/metadata%s' % (test_servers.OTHER_IMAGE, suffix)
        self.assertEqual(404, self.api.request(method, path,
                                               body=body).status_code)

    def test_missing_key_is_404(self):
        self.assertEqual(404, self.api.get(self.path + '/nope').status_code)
        self.assertEqual(404,
                         self.api.delete(self.path + '/nope').status_code)

    def test_other_projects_cannot_see_or_change(self):
        self.assertEqual(404, self.member_api.get(self.path).status_code)
        self.assertEqual(404, self.member_api.post(
            self.path, body={'metadata': {'x': 'y'}}).status_code)

    def test_locked_server_is_409_for_its_owner(self):
        uuid = self.boot('owned', api=self.member_api).uuid
        path = '/servers/%s/metadata' % uuid
        instance = self.instance(uuid)
        instance.locked = True
        instance.save()
        resp = self.member_api.post(path, body={'metadata': {'x': 'y'}})
        self.assertEqual(409, resp.status_code, resp.text)
        # An admin may change a locked server.
        self.assertEqual(200, self.api.post(
            path, body={'metadata': {'x': 'y'}}).status_code)

    def test_server_in_a_task_is_409(self):
        instance = objects.Instance.get_by_uuid(self.ctxt, self.uuid)
        instance.task_state = 'migrating'
        instance.save()
        resp = self.api.post(self.path, body={'metadata': {'x': 'y'}})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual({'a': '1', 'b': '2'}, self._metadata())
