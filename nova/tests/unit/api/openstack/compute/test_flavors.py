"""``/flavors`` and ``/flavors/{id}/os-extra_specs``, read only."""

import ddt

from nova import objects
from nova import test
from nova.tests.unit.api.openstack.compute import test_servers
from nova.tests.unit.api.openstack import fakes

NAMES = ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge']


@ddt.ddt
class FlavorsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.api = self.useFixture(test_servers.ServersApiFixture())

    def get(self, path, token=fakes.MEMBER_TOKEN, version=None, status=200):
        resp = self.api.call('GET', path, token=token, version=version)
        self.assertEqual(status, resp.status_int, resp.text)
        return resp.json

    def make_flavor(self, flavorid, **values):
        fields = dict(name=flavorid, vcpus=1, memory_mb=64, root_gb=0,
                      ephemeral_gb=0, swap=0, rxtx_factor=1.0,
                      is_public=True, disabled=False)
        fields.update(values)
        objects.Flavor(self.api.ctxt, flavorid=flavorid, **fields).create()

    @ddt.data('/flavors', '/flavors/detail')
    def test_lists_enabled_flavors_by_id(self, path):
        self.make_flavor('gone', disabled=True)
        flavors = self.get(path)['flavors']
        self.assertEqual(NAMES, [f['name'] for f in flavors])
        self.assertNotIn('flavors_links', self.get(path))

    def test_index_items(self):
        item = self.get('/flavors', version='2.1')['flavors'][0]
        self.assertEqual({'id': '1', 'name': 'm1.tiny', 'links': [
            {'rel': 'self', 'href': 'http://localhost/v2.1/flavors/1'},
            {'rel': 'bookmark', 'href': 'http://localhost/flavors/1'}]},
            item)

    @ddt.data(('2.1', set()), ('2.55', {'description'}),
              ('2.61', {'description', 'extra_specs'}))
    @ddt.unpack
    def test_show_fields_per_microversion(self, version, added):
        flavor = self.get('/flavors/3', version=version)['flavor']
        base = {'id', 'name', 'links', 'vcpus', 'ram', 'disk', 'swap',
                'OS-FLV-EXT-DATA:ephemeral', 'rxtx_factor',
                'OS-FLV-DISABLED:disabled', 'os-flavor-access:is_public'}
        self.assertEqual(base | added, set(flavor))
        self.assertEqual((2, 4096, 40, ''), (
            flavor['vcpus'], flavor['ram'], flavor['disk'], flavor['swap']))

    def test_swap_is_a_number_when_set(self):
        self.make_flavor('s1', swap=512)
        self.assertEqual(512, self.get('/flavors/s1')['flavor']['swap'])

    def test_unknown_flavor_is_404(self):
        self.get('/flavors/nope', status=404)

    def test_paging(self):
        page = self.get('/flavors/detail?limit=2')
        self.assertEqual(['1', '2'], [f['id'] for f in page['flavors']])
        self.assertEqual(
            'http://localhost/v2.1/flavors/detail?limit=2&marker=2',
            page['flavors_links'][0]['href'])
        page = self.get('/flavors?limit=2&marker=4')
        self.assertEqual(['5'], [f['id'] for f in page['flavors']])
        self.get('/flavors?marker=nope', status=400)

    def test_min_filters(self):
        found = self.get('/flavors?minDisk=40&minRam=8192')['flavors']
        self.assertEqual(['4', '5'], [f['id'] for f in found])
        self.get('/flavors?minRam=lots', status=400)

    @ddt.data(('None', fakes.ADMIN_TOKEN, True),
              ('none', fakes.ADMIN_TOKEN, True),
              ('None', fakes.MEMBER_TOKEN, False),
              ('false', fakes.ADMIN_TOKEN, True),
              ('true', fakes.ADMIN_TOKEN, False))
    @ddt.unpack
    def test_is_public(self, value, token, private_seen):
        self.make_flavor('p1', name='private', is_public=False)
        names = [f['name'] for f in self.get(
            '/flavors?is_public=%s' % value, token=token)['flavors']]
        self.assertEqual(private_seen, 'private' in names)

    def test_bad_is_public_is_400(self):
        self.get('/flavors?is_public=perhaps', status=400)

    def test_extra_specs(self):
        for token in (fakes.ADMIN_TOKEN, fakes.MEMBER_TOKEN):
            self.assertEqual({'extra_specs': {}}, self.get(
                '/flavors/1/os-extra_specs', token=token))
        self.get('/flavors/1/os-extra_specs/hw:numa_nodes', status=404)
        self.get('/flavors/nope/os-extra_specs', status=404)
