"""Admin flavor management over HTTP: create, update, delete, access
lists and extra specs."""

import ddt

from nova.tests.functional import test_servers


def flavor_body(name='custom', **extra):
    flavor = {'name': name, 'ram': 256, 'vcpus': 1, 'disk': 1}
    flavor.update(extra)
    return {'flavor': flavor}


@ddt.ddt
class FlavorManageTest(test_servers.ServersTestBase):

    def create(self, body, status=200, api=None, **kwargs):
        resp = (api or self.api).post('/flavors', body=body, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def test_create_show_and_boot(self):
        flavor = self.create(flavor_body(
            id='custom-1', swap=128, rxtx_factor=2.5,
            **{'OS-FLV-EXT-DATA:ephemeral': 2}), microversion='2.1')['flavor']
        self.assertEqual(('custom-1', 256, 1, 1, 128, 2, 2.5, True), (
            flavor['id'], flavor['ram'], flavor['vcpus'], flavor['disk'],
            flavor['swap'], flavor['OS-FLV-EXT-DATA:ephemeral'],
            flavor['rxtx_factor'], flavor['os-flavor-access:is_public']))
        self.assertNotIn('description', flavor)
        shown = self.api.get('/flavors/custom-1', microversion='2.1').json()
        self.assertEqual(flavor, shown['flavor'])
        self.boot('vm1', flavor='custom-1')

    def test_generated_id_and_description_from_2_55(self):
        flavor = self.create(flavor_body(description='small'),
                             microversion='2.55')['flavor']
        self.assertEqual((36, 'small'), (len(flavor['id']),
                                         flavor['description']))
        self.create(flavor_body('other', description='x'),
                    microversion='2.54', status=400)
        resp = self.api.request('PUT', '/flavors/%s' % flavor['id'],
                                body={'flavor': {'description': 'new'}},
                                microversion='2.55')
        self.assertEqual('new', resp.json()['flavor']['description'])
        resp = self.api.request('PUT', '/flavors/%s' % flavor['id'],
                                body={'flavor': {'description': 'new'}},
                                microversion='2.54')
        self.assertEqual(404, resp.status_code)

    @ddt.data({'ram': 0}, {'vcpus': -1}, {'disk': 'big'}, {'name': ''},
              {'id': ' bad id'}, {'rxtx_factor': 0}, {'bogus': 1},
              {'os-flavor-access:is_public': 'perhaps'})
    def test_invalid_create_is_400(self, extra):
        body = flavor_body(**extra)
        self.assertIn('badRequest', self.create(body, status=400))
        names = [f['name'] for f in self.api.get(
            '/flavors?is_public=None').json()['flavors']]
        self.assertNotIn('custom', names)

    def test_numeric_id_is_kept_as_text(self):
        flavor = self.create(flavor_body(id=1234567))['flavor']
        self.assertEqual('1234567', flavor['id'])
        self.assertEqual(200, self.api.get('/flavors/1234567').status_code)

    def test_duplicates_are_409(self):
        self.create(flavor_body(id='dup'))
        self.create(flavor_body('other', id='dup'), status=409)
        self.create(flavor_body(id='dup2'), status=409)

    def test_delete(self):
        self.create(flavor_body(id='gone'))
        self.assertEqual(202, self.api.delete('/flavors/gone').status_code)
        self.assertEqual(404, self.api.get('/flavors/gone').status_code)
        self.assertEqual(404, self.api.delete('/flavors/gone').status_code)
        # The name and id may be used again.
        self.create(flavor_body(id='gone'))

    def test_admin_only(self):
        self.create(flavor_body(), api=self.member_api, status=403)
        self.assertEqual(403, self.member_api.delete(
            '/flavors/1').status_code)


class FlavorAccessTest(test_servers.ServersTestBase):

    def action(self, flavor_id, name, tenant, status=200, api=None):
        resp = (api or self.api).post(
            '/flavors/%s/action' % flavor_id, body={name: {'tenant': tenant}})
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    def member_flavor_ids(self):
        return [f['id'] for f in self.member_api.get(
            '/flavors').json()['flavors']]

    def test_private_flavor_access(self):
        self.api.post('/flavors', body=flavor_body(
            id='private', **{'os-flavor-access:is_public': False}))
        self.assertNotIn('private', self.member_flavor_ids())
        self.assertEqual(404, self.member_api.get(
            '/flavors/private').status_code)
        self.assert_refused(400, 'POST', '/servers', test_servers.server_body(
            flavor='private'), api=self.member_api)
        body = self.action('private', 'addTenantAccess', 'demo')
        self.assertEqual([{'flavor_id': 'private', 'tenant_id': 'demo'}],
                         body['flavor_access'])
        self.assertEqual(body, self.api.get(
            '/flavors/private/os-flavor-access').json())
        self.assertIn('private', self.member_flavor_ids())
        self.assertEqual(200, self.member_api.get(
            '/flavors/private').status_code)
        self.boot('vm1', api=self.member_api, flavor='private')
        self.action('private', 'addTenantAccess', 'demo', status=409)
        body = self.action('private', 'removeTenantAccess', 'demo')
        self.assertEqual([], body['flavor_access'])
        self.assertNotIn('private', self.member_flavor_ids())
        self.action('private', 'removeTenantAccess', 'demo', status=404)

    def test_public_flavors_have_no_access_list(self):
        self.assertEqual(404, self.api.get(
            '/flavors/1/os-flavor-access').status_code)
        self.action('1', 'addTenantAccess', 'demo', status=409)

    def test_errors(self):
        self.action('nope', 'addTenantAccess', 'demo', status=404)
        resp = self.api.post('/flavors/1/action',
                             body={'addTenantAccess': {}})
        self.assertEqual(400, resp.status_code)
        self.action('1', 'addTenantAccess', 'demo', status=403,
                    api=self.member_api)


class FlavorExtraSpecsTest(test_servers.ServersTestBase):

    def test_crud(self):
        resp = self.api.post('/flavors/1/os-extra_specs', body={
            'extra_specs': {'hw:cpu_policy': 'dedicated', 'key2': 2}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'hw:cpu_policy': 'dedicated', 'key2': '2'},
                         resp.json()['extra_specs'])
        self.assertEqual({'key2': '2'}, self.member_api.get(
            '/flavors/1/os-extra_specs/key2').json())
        resp = self.api.request('PUT', '/flavors/1/os-extra_specs/key2',
                                body={'key2': 'v'})
        self.assertEqual({'key2': 'v'}, resp.json())
        shown = self.api.get('/flavors/1', microversion='2.61').json()
        self.assertEqual({'hw:cpu_policy': 'dedicated', 'key2': 'v'},
                         shown['flavor']['extra_specs'])
        self.assertEqual(200, self.api.delete(
            '/flavors/1/os-extra_specs/key2').status_code)
        self.assertEqual(404, self.api.delete(
            '/flavors/1/os-extra_specs/key2').status_code)
        self.assertEqual({'hw:cpu_policy': 'dedicated'}, self.api.get(
            '/flavors/1/os-extra_specs').json()['extra_specs'])

    def test_invalid_and_forbidden(self):
        for method, path, body, status in (
                ('PUT', '/flavors/1/os-extra_specs/a', {'b': '1'}, 400),
                ('PUT', '/flavors/1/os-extra_specs/a', {'a': '1', 'b': 2},
                 400),
                ('POST', '/flavors/1/os-extra_specs', {'extra_specs': {
                    'bad/key': '1'}}, 400),
                ('POST', '/flavors/1/os-extra_specs', {}, 400),
                ('POST', '/flavors/nope/os-extra_specs', {'extra_specs': {
                    'a': '1'}}, 404)):
            resp = self.api.request(method, path, body=body)
            self.assertEqual(status, resp.status_code, path)
        resp = self.member_api.post('/flavors/1/os-extra_specs',
                                    body={'extra_specs': {'a': '1'}})
        self.assertEqual(403, resp.status_code)
        self.assertEqual({}, self.api.get(
            '/flavors/1/os-extra_specs').json()['extra_specs'])
