"""The image proxy (2.1-2.35) and its Glance-shaped twin (/v2/images)."""

import ddt

from nova.db.main import catalog
from nova import test
from nova.tests.unit.api.openstack.compute import test_servers
from nova.tests.unit.api.openstack import fakes

IMAGE = test_servers.IMAGE
NAME = 'cirros-0.6.2-x86_64-disk'
SECOND = '7e4c3f58-0a7e-4a3a-9d6c-5e2f1b8d9c01'


@ddt.ddt
class ImagesTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.api = self.useFixture(test_servers.ServersApiFixture())
        catalog.image_create(self.api.ctxt, {
            'id': SECOND, 'name': 'zeta', 'status': 'queued',
            'min_disk': 1, 'min_ram': 64, 'size': 10})

    def get(self, path, version='2.1', status=200):
        resp = self.api.call('GET', path, token=fakes.MEMBER_TOKEN,
                             version=version)
        self.assertEqual(status, resp.status_int, resp.text)
        return resp.json

    def test_index_and_detail(self):
        listed = self.get('/images')['images']
        self.assertEqual([(IMAGE, NAME), (SECOND, 'zeta')],
                         [(i['id'], i['name']) for i in listed])
        self.assertEqual({'id', 'name', 'links'}, set(listed[0]))
        detail = self.get('/images/detail')['images']
        self.assertEqual([('ACTIVE', 100), ('QUEUED', 0)],
                         [(i['status'], i['progress']) for i in detail])

    def test_show(self):
        image = self.get('/images/%s' % SECOND, version='2.35')['image']
        self.assertEqual((1, 64, 10, {}), (
            image['minDisk'], image['minRam'],
            image['OS-EXT-IMG-SIZE:size'], image['metadata']))

    @ddt.data('/images', '/images/detail', '/images/%s' % IMAGE)
    def test_gone_from_2_36(self, path):
        self.assertIn('itemNotFound', self.get(path, version='2.36',
                                               status=404))

    @ddt.data(('?name=zeta', ['zeta']),
              ('?name=nope', []),
              ('?id=in:%s,%s' % (IMAGE, SECOND), [NAME, 'zeta']),
              ('?id=%s' % SECOND, ['zeta']),
              ('?limit=1', [NAME]),
              ('?marker=%s' % IMAGE, ['zeta']))
    @ddt.unpack
    def test_filters(self, query, names):
        for path in ('/images', '/v2/images'):
            images = self.get(path + query)['images']
            self.assertEqual(names, [i['name'] for i in images], path)

    def test_paging_links(self):
        page = self.get('/images?limit=1')
        self.assertIn('marker=%s' % IMAGE, page['images_links'][0]['href'])
        self.assertEqual('/v2/images?marker=%s&limit=1' % IMAGE,
                         self.get('/v2/images?limit=1')['next'])
        self.get('/images?marker=nope', status=400)

    def test_unknown_image_is_404(self):
        self.get('/images/00000000-0000-0000-0000-000000000000',
                 status=404)
        self.get('/v2/images/nope', version='2.65', status=404)

    def test_glance_shape_at_any_microversion(self):
        for version in ('2.1', '2.65'):
            image = self.get('/v2/images/%s' % IMAGE, version=version)
            self.assertEqual(
                (IMAGE, NAME, 'active', 'public', 0, 0),
                (image['id'], image['name'], image['status'],
                 image['visibility'], image['min_disk'], image['min_ram']))
            self.assertEqual('/v2/images/%s' % IMAGE, image['self'])
