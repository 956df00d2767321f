"""Server create fields, PUT, multi-create and scheduler hints over HTTP.

Each microversion boundary is crossed both ways; every response is
checked against the API's response schemas (``response_validation =
error``), so a field shown a version too early or too late fails here.
"""

import base64

import ddt

from nova.tests.functional import test_servers

IMAGE = test_servers.IMAGE
USER_DATA = base64.b64encode(b'#!/bin/sh\necho hi\n').decode()


def full_body(**extra):
    server = {'name': 'full', 'flavorRef': '1', 'imageRef': IMAGE,
              'networks': 'none', 'adminPass': 'S3cret-pass',
              'accessIPv4': '192.0.2.10', 'accessIPv6': '2001:db8::10',
              'OS-DCF:diskConfig': 'AUTO', 'user_data': USER_DATA,
              'config_drive': True, 'metadata': {'role': 'web'},
              'description': 'a web server'}
    server.update(extra)
    return {'server': server}


@ddt.ddt
class CreateFieldsTest(test_servers.ServersTestBase):

    def test_fields_are_stored_and_shown(self):
        resp = self.post_server(full_body(), microversion='2.37')
        created = resp.json()['server']
        self.assertEqual(('S3cret-pass', 'AUTO'), (
            created['adminPass'], created['OS-DCF:diskConfig']))
        self.wait_for_state(created['id'])
        server = self.api.get('/servers/%s' % created['id'],
                              microversion='2.37').json()['server']
        self.assertEqual(
            ('192.0.2.10', '2001:db8::10', 'AUTO', {'role': 'web'},
             'a web server', USER_DATA, 'True'),
            (server['accessIPv4'], server['accessIPv6'],
             server['OS-DCF:diskConfig'], server['metadata'],
             server['description'], server['OS-EXT-SRV-ATTR:user_data'],
             server['config_drive']))

    @ddt.data(('2.18', set()), ('2.19', {'description'}),
              ('2.26', {'description', 'tags'}),
              ('2.63', {'description', 'tags',
                        'trusted_image_certificates'}))
    @ddt.unpack
    def test_versioned_members(self, version, wanted):
        uuid = self.boot('v').uuid
        versioned = {'description', 'tags', 'trusted_image_certificates'}
        for path in ('/servers/%s' % uuid, '/servers/detail'):
            body = self.api.get(path, microversion=version).json()
            server = body.get('server') or body['servers'][0]
            self.assertEqual(wanted, versioned & set(server), path)

    def test_generated_password_when_none_given(self):
        body = full_body()
        del body['server']['adminPass']
        created = self.post_server(body).json()
        self.assertEqual(12, len(created['server']['adminPass']))

    def test_key_name_of_the_callers_key_pair(self):
        self.api.post('/os-keypairs', body={'keypair': {'name': 'k'}})
        inst = self.boot('keyed', key_name='k')
        self.assertEqual('k', inst.key_name)
        # Another user's key pair of the same name is not theirs.
        self.assert_refused(400, 'POST', '/servers', api=self.member_api,
                            body=test_servers.server_body(key_name='k'))

    @ddt.data(dict(accessIPv4='192.0.2.300'), dict(accessIPv6='::g'),
              dict(user_data='not base64!'), dict(adminPass=7),
              dict(metadata={'k': 'v' * 256}), dict(config_drive='maybe'))
    def test_bad_values_are_400(self, extra):
        self.assert_refused(400, 'POST', '/servers',
                            body=full_body(**extra))


class MultiCreateTest(test_servers.ServersTestBase):

    def test_names_suffixed_and_one_reservation(self):
        body = test_servers.server_body('multi', min_count=2, max_count=3)
        created = self.post_server(body).json()['server']
        servers = self.api.get('/servers/detail?name=^multi').json()[
            'servers']
        self.assertEqual(['multi-1', 'multi-2', 'multi-3'],
                         sorted(s['name'] for s in servers))
        self.assertIn(created['id'], [s['id'] for s in servers])
        self.assertEqual(1, len({s['OS-EXT-SRV-ATTR:reservation_id']
                                 for s in servers}))
        self.assertEqual([0, 1, 2], sorted(
            s['OS-EXT-SRV-ATTR:launch_index'] for s in servers))
        for server in servers:
            self.wait_for_state(server['id'])

    def test_return_reservation_id(self):
        body = test_servers.server_body('r', max_count=2,
                                        return_reservation_id=True)
        resp = self.post_server(body)
        reservation = resp.json()['reservation_id']
        listed = self.api.get('/servers?reservation_id=%s'
                              % reservation).json()['servers']
        self.assertEqual(['r-1', 'r-2'], sorted(s['name'] for s in listed))
        for server in listed:
            self.wait_for_state(server['id'])


class SchedulerHintsTest(test_servers.ServersTestBase):

    def _boot_with_hints(self, name, **hints):
        body = test_servers.server_body(name)
        body['os:scheduler_hints'] = hints
        uuid = self.post_server(body).json()['server']['id']
        return self.wait_for_state(uuid)

    def test_same_host_and_different_host(self):
        first = self.boot('first')
        # The weigher alone would spread to the emptier host.
        same = self._boot_with_hints('same', same_host=[first.uuid])
        self.assertEqual(first.host, same.host)
        other = self._boot_with_hints('other', different_host=first.uuid)
        self.assertNotEqual(first.host, other.host)

    def test_no_host_satisfies_both(self):
        first = self.boot('first')
        body = test_servers.server_body('none-fits')
        body['os:scheduler_hints'] = {'same_host': first.uuid,
                                      'different_host': first.uuid}
        uuid = self.post_server(body).json()['server']['id']
        self.assertEqual('error', self.wait_for_state(uuid, 'error').vm_state)

    def test_malformed_hint_is_400(self):
        body = test_servers.server_body('bad')
        body['os:scheduler_hints'] = {'same_host': 'not-a-uuid'}
        self.assert_refused(400, 'POST', '/servers', body=body)


@ddt.ddt
class UpdateServerTest(test_servers.ServersTestBase):

    def test_rename_describe_and_readdress(self):
        uuid = self.boot('before').uuid
        resp = self.api.request('PUT', '/servers/%s' % uuid, body={
            'server': {'name': 'after', 'description': 'renamed',
                       'accessIPv4': '198.51.100.7',
                       'accessIPv6': '2001:db8::7'}}, microversion='2.19')
        self.assertEqual(200, resp.status_code, resp.text)
        server = resp.json()['server']
        self.assertEqual(('after', 'renamed', '198.51.100.7', '2001:db8::7'),
                         (server['name'], server['description'],
                          server['accessIPv4'], server['accessIPv6']))
        self.assertEqual('after', self.instance(uuid).display_name)
        # Only the basic members: no extended attributes before 2.75.
        self.assertNotIn('OS-EXT-STS:vm_state', server)

    @ddt.data('2.1', '2.9', '2.19', '2.25', '2.26', '2.47', '2.63', '2.65')
    def test_answer_matches_each_version(self, version):
        uuid = self.boot('v').uuid
        resp = self.api.request('PUT', '/servers/%s' % uuid, body={
            'server': {'name': 'v2'}}, microversion=version)
        self.assertEqual(200, resp.status_code, resp.text)
        # Tags (always empty here) are part of the answer from 2.26.
        self.assertEqual(version in ('2.26', '2.47', '2.63', '2.65'),
                         'tags' in resp.json()['server'])

    def test_ipv6_access_ip_is_stored_canonical(self):
        """A full-length IPv6 address would not fit the column."""
        long_form = '0000:0000:0000:0000:0000:babe:220.12.22.2'
        resp = self.post_server(test_servers.server_body(
            'v6', accessIPv6=long_form))
        uuid = resp.json()['server']['id']
        self.assertEqual('::babe:dc0c:1602',
                         self.instance(uuid).access_ip_v6)
        full = '2001:0db8:0000:0000:0000:0000:0000:0001'
        resp = self.api.request('PUT', '/servers/%s' % uuid, body={
            'server': {'accessIPv6': full}})
        self.assertEqual('2001:db8::1', resp.json()['server']['accessIPv6'])

    @ddt.data(('2.18', {'description': 'early'}), ('2.65', {'name': ''}),
              ('2.65', {'accessIPv4': 'nope'}), ('2.65', {'flavorRef': '2'}),
              ('2.65', {'description': 'x' * 256}))
    @ddt.unpack
    def test_bad_updates_are_400_and_change_nothing(self, version, server):
        uuid = self.boot('keep').uuid
        resp = self.api.request('PUT', '/servers/%s' % uuid,
                                body={'server': server}, microversion=version)
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual('keep', self.instance(uuid).display_name)

    def test_missing_server_is_404_and_others_project_too(self):
        uuid = self.boot('mine').uuid
        body = {'server': {'name': 'x'}}
        self.assertEqual(404, self.api.request(
            'PUT', '/servers/%s' % test_servers.OTHER_IMAGE,
            body=body).status_code)
        self.assertEqual(404, self.member_api.request(
            'PUT', '/servers/%s' % uuid, body=body).status_code)
