"""Flavors, the image registry and os-services over HTTP."""

import requests

from nova import objects
from nova.tests.functional import test_servers

IMAGE = test_servers.IMAGE
IMAGE_NAME = 'cirros-0.6.2-x86_64-disk'
FLAVOR_NAMES = ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge']


class FlavorsTest(test_servers.ServersTestBase):

    def test_list_detail_and_show(self):
        for api in (self.api, self.member_api):
            listed = api.get('/flavors').json()['flavors']
            self.assertEqual(FLAVOR_NAMES, [f['name'] for f in listed])
            self.assertEqual(['1', '2', '3', '4', '5'],
                             [f['id'] for f in listed])
        detail = self.api.get('/flavors/detail?is_public=None',
                              microversion='2.61').json()['flavors']
        tiny = detail[0]
        self.assertEqual((1, 512, 1, '', {}), (
            tiny['vcpus'], tiny['ram'], tiny['disk'], tiny['swap'],
            tiny['extra_specs']))
        shown = self.api.get('/flavors/1', microversion='2.61').json()
        self.assertEqual(tiny, shown['flavor'])

    def test_fields_per_microversion(self):
        for version, extra in (('2.54', set()), ('2.55', {'description'}),
                               ('2.61', {'description', 'extra_specs'})):
            shown = self.api.get('/flavors/2', microversion=version).json()
            self.assertEqual(extra, set(shown['flavor']) & {
                'description', 'extra_specs'}, version)

    def test_unknown_flavor_is_404(self):
        resp = self.api.get('/flavors/no-such-flavor')
        self.assertEqual(404, resp.status_code)
        self.assertIn('itemNotFound', resp.json())

    def test_extra_specs_are_empty(self):
        for api in (self.api, self.member_api):
            resp = api.get('/flavors/1/os-extra_specs')
            self.assertEqual({'extra_specs': {}}, resp.json())
        self.assertEqual(404, self.api.get(
            '/flavors/1/os-extra_specs/hw:cpu_policy').status_code)
        self.assertEqual(404, self.api.get(
            '/flavors/nope/os-extra_specs').status_code)

    def test_filters_and_paging(self):
        big = self.api.get('/flavors?minRam=4096').json()['flavors']
        self.assertEqual(['3', '4', '5'], [f['id'] for f in big])
        page = self.api.get('/flavors?limit=2&marker=1').json()
        self.assertEqual(['2', '3'], [f['id'] for f in page['flavors']])
        self.assertIn('marker=3', page['flavors_links'][0]['href'])
        self.assertEqual(400, self.api.get(
            '/flavors?marker=nope').status_code)
        self.assertEqual(400, self.api.get(
            '/flavors?is_public=perhaps').status_code)

    def test_private_flavors_are_for_admins_asking_for_all(self):
        objects.Flavor(self.ctxt, flavorid='p1', name='private', vcpus=1,
                       memory_mb=64, root_gb=0, ephemeral_gb=0, swap=0,
                       rxtx_factor=1.0, is_public=False,
                       disabled=False).create()
        admin_all = self.api.get('/flavors?is_public=None').json()
        self.assertIn('private', [f['name'] for f in admin_all['flavors']])
        for api in (self.api, self.member_api):
            public = api.get('/flavors').json()['flavors']
            self.assertNotIn('private', [f['name'] for f in public])
        member_all = self.member_api.get('/flavors?is_public=None').json()
        self.assertNotIn('private',
                         [f['name'] for f in member_all['flavors']])


class ImagesTest(test_servers.ServersTestBase):

    def test_proxy_until_2_35(self):
        listed = self.api.get('/images', microversion='2.1').json()
        self.assertEqual([(IMAGE, IMAGE_NAME)],
                         [(i['id'], i['name']) for i in listed['images']])
        detail = self.api.get('/images/detail', microversion='2.35').json()
        self.assertEqual('ACTIVE', detail['images'][0]['status'])
        shown = self.api.get('/images/%s' % IMAGE, microversion='2.1')
        self.assertEqual(detail['images'][0], shown.json()['image'])
        for path in ('/images', '/images/detail', '/images/%s' % IMAGE):
            self.assertEqual(404, self.api.get(
                path, microversion='2.36').status_code, path)

    def test_without_a_microversion_header(self):
        # openstack sends image calls with no microversion: 2.1.
        resp = self.api.session.get(
            self.api.endpoint + '/images/%s' % IMAGE,
            headers={'X-Auth-Token': self.api.token}, timeout=60)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual('2.1', resp.headers['X-OpenStack-Nova-API-Version'])

    def test_filters(self):
        def names(query):
            resp = self.api.get('/images' + query, microversion='2.1')
            return [i['name'] for i in resp.json()['images']]
        self.assertEqual([IMAGE_NAME], names('?name=%s' % IMAGE_NAME))
        self.assertEqual([], names('?name=other'))
        self.assertEqual([IMAGE_NAME],
                         names('?id=in:%s,%s' % (IMAGE, test_servers.
                                                 OTHER_IMAGE)))
        self.assertEqual([], names('?id=in:%s' % test_servers.OTHER_IMAGE))

    def test_unknown_image_is_404(self):
        resp = self.api.get('/images/%s' % test_servers.OTHER_IMAGE,
                            microversion='2.1')
        self.assertEqual(404, resp.status_code)

    def test_glance_shaped_paths_at_any_microversion(self):
        shown = self.api.get('/v2/images/%s' % IMAGE).json()
        self.assertEqual((IMAGE, IMAGE_NAME, 'active'),
                         (shown['id'], shown['name'], shown['status']))
        listed = self.api.get('/v2/images?name=%s' % IMAGE_NAME).json()
        self.assertEqual([IMAGE], [i['id'] for i in listed['images']])
        self.assertEqual(404, self.api.get(
            '/v2/images/%s' % test_servers.OTHER_IMAGE).status_code)

    def test_image_endpoint_serves_the_glance_paths(self):
        image_endpoint = self.cloud.endpoint[:-len('/v2.1')] + '/image'
        shown = self.api.get('%s/v2/images/%s' % (image_endpoint, IMAGE))
        self.assertEqual(IMAGE, shown.json()['id'])
        listed = self.api.get(image_endpoint + '/v2/images').json()
        self.assertEqual([IMAGE], [i['id'] for i in listed['images']])
        # Only the Glance paths live there, and only with a token.
        self.assertEqual(404, self.api.get(
            image_endpoint + '/v2/servers').status_code)
        self.assertEqual(401, requests.get(image_endpoint + '/v2/images',
                                           timeout=60).status_code)


class ServicesTest(test_servers.ServersTestBase):

    def services(self, query='', microversion=None):
        resp = self.api.get('/os-services' + query,
                            microversion=microversion)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['services']

    def test_lists_every_service_with_its_state(self):
        services = self.services()
        by_binary = {}
        for service in services:
            by_binary.setdefault(service['binary'], []).append(service)
        self.assertEqual({'nova-conductor', 'nova-scheduler',
                          'nova-compute'}, set(by_binary))
        computes = by_binary['nova-compute']
        self.assertEqual(['compute1', 'compute2'],
                         sorted(s['host'] for s in computes))
        self.assertEqual({('nova', 'enabled', 'up', False)},
                         {(s['zone'], s['status'], s['state'],
                           s['forced_down']) for s in computes})
        self.assertEqual({'internal'}, {
            s['zone'] for s in by_binary['nova-conductor']})

    def test_filters(self):
        only = self.services('?host=compute2&binary=nova-compute')
        self.assertEqual([('nova-compute', 'compute2')],
                         [(s['binary'], s['host']) for s in only])
        self.assertEqual([], self.services('?binary=nova-api'))

    def test_ids_and_forced_down_per_microversion(self):
        old = self.services('?host=compute1', microversion='2.10')[0]
        self.assertIsInstance(old['id'], int)
        self.assertNotIn('forced_down', old)
        self.assertIn('forced_down', self.services(
            '?host=compute1', microversion='2.11')[0])
        self.assertIsInstance(self.services(
            '?host=compute1', microversion='2.52')[0]['id'], int)
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        self.assertEqual(service.uuid, self.services(
            '?host=compute1', microversion='2.53')[0]['id'])

    def test_forced_down_and_disabled_services(self):
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        service.forced_down = True
        service.disabled = True
        service.disabled_reason = 'maintenance'
        service.save()
        shown = self.services('?host=compute1')[0]
        self.assertEqual(('down', 'disabled', 'maintenance', True),
                         (shown['state'], shown['status'],
                          shown['disabled_reason'], shown['forced_down']))

    def test_admin_only(self):
        resp = self.member_api.get('/os-services')
        self.assertEqual(403, resp.status_code)
        self.assertIn('forbidden', resp.json())
