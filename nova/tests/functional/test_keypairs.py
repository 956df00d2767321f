"""``/os-keypairs`` over HTTP, per microversion; responses schema-checked.

Every response passes through the API's response schemas (the tests run
with ``[api] response_validation = error``), so a missing or extra field
at any microversion is a 500 here.
"""

import ddt

from nova.tests.functional import test_servers

# A well-formed OpenSSH public key (its MD5 fingerprint below).
PUBLIC_KEY = (
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTRIn2xdzs4qFUFsPRy5Q2D0Y2fWr8o'
    'KOkA3HJ6ZQxm test@example')


@ddt.ddt
class KeypairsTest(test_servers.ServersTestBase):

    def _create(self, microversion='2.65', api=None, **keypair):
        keypair.setdefault('name', 'kp1')
        return (api or self.api).post('/os-keypairs',
                                      body={'keypair': keypair},
                                      microversion=microversion)

    @ddt.data(('2.1', 200, False), ('2.2', 201, True), ('2.65', 201, True))
    @ddt.unpack
    def test_generate_show_list_delete(self, version, code, has_type):
        resp = self._create(version)
        self.assertEqual(code, resp.status_code, resp.text)
        created = resp.json()['keypair']
        self.assertIn('BEGIN RSA PRIVATE KEY', created['private_key'])
        self.assertTrue(created['public_key'].startswith('ssh-rsa '))
        self.assertEqual(has_type, 'type' in created)
        self.assertEqual(47, len(created['fingerprint']))
        shown = self.api.get('/os-keypairs/kp1', microversion=version)
        self.assertEqual(200, shown.status_code, shown.text)
        self.assertEqual(created['fingerprint'],
                         shown.json()['keypair']['fingerprint'])
        self.assertEqual('admin', shown.json()['keypair']['user_id'])
        listed = self.api.get('/os-keypairs', microversion=version).json()
        self.assertEqual(['kp1'], [k['keypair']['name']
                                   for k in listed['keypairs']])
        deleted = self.api.delete('/os-keypairs/kp1', microversion=version)
        self.assertEqual(204 if has_type else 202, deleted.status_code)
        self.assertEqual(404, self.api.get('/os-keypairs/kp1').status_code)

    def test_import_ssh_key_keeps_it_and_has_no_private_key(self):
        resp = self._create(public_key=PUBLIC_KEY)
        self.assertEqual(201, resp.status_code, resp.text)
        keypair = resp.json()['keypair']
        self.assertNotIn('private_key', keypair)
        self.assertEqual((PUBLIC_KEY, 'ssh'),
                         (keypair['public_key'], keypair['type']))

    @ddt.data(
        ('2.65', dict(name='bad/name')),
        ('2.65', dict(name='')),
        ('2.65', dict(name='x' * 256)),
        ('2.65', dict(public_key='not a key')),
        ('2.65', dict(type='x509', public_key='not a certificate')),
        ('2.1', dict(type='ssh')),
        ('2.9', dict(user_id='other')),
        ('2.65', dict(type='rsa')),
        ('2.65', dict(unknown=1)),
    )
    @ddt.unpack
    def test_bad_requests_are_400(self, version, keypair):
        resp = self._create(version, **keypair)
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('badRequest', resp.json())
        self.assertEqual([], self.api.get('/os-keypairs').json()['keypairs'])

    def test_x509_generated_then_imported(self):
        resp = self._create(type='x509')
        self.assertEqual(201, resp.status_code, resp.text)
        generated = resp.json()['keypair']
        self.assertIn('BEGIN CERTIFICATE', generated['public_key'])
        self.assertIn('PRIVATE KEY', generated['private_key'])
        self.assertEqual(59, len(generated['fingerprint']))
        imported = self._create(name='kp2', type='x509',
                                public_key=generated['public_key'])
        self.assertEqual(generated['fingerprint'],
                         imported.json()['keypair']['fingerprint'])
        shown = self.api.get('/os-keypairs/kp2').json()['keypair']
        self.assertEqual('x509', shown['type'])

    def test_duplicate_name_is_409(self):
        self._create()
        resp = self._create()
        self.assertEqual(409, resp.status_code)
        self.assertEqual("Key pair 'kp1' already exists.",
                         resp.json()['conflictingRequest']['message'])

    def test_key_pairs_belong_to_their_user(self):
        self._create(api=self.member_api)
        self.assertEqual([], self.api.get('/os-keypairs').json()['keypairs'])
        self.assertEqual(404, self.api.get('/os-keypairs/kp1').status_code)
        other = self.api.get('/os-keypairs/kp1?user_id=member',
                             microversion='2.10')
        self.assertEqual(200, other.status_code, other.text)
        # Before 2.10 user_id is not a parameter: the caller's own.
        self.assertEqual(404, self.api.get('/os-keypairs/kp1?user_id=member',
                                           microversion='2.9').status_code)

    def test_admin_creates_for_another_user_and_members_cannot(self):
        resp = self._create('2.10', user_id='member')
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual('member', resp.json()['keypair']['user_id'])
        refused = self._create('2.10', api=self.member_api, name='kp2',
                               user_id='admin')
        self.assertEqual(403, refused.status_code)
        listing = self.member_api.get('/os-keypairs?user_id=admin',
                                      microversion='2.10')
        self.assertEqual(403, listing.status_code)

    def test_paging_from_2_35(self):
        for name in ('c', 'a', 'b'):
            self._create(name=name)
        page = self.api.get('/os-keypairs?limit=2',
                            microversion='2.35').json()
        self.assertEqual(['a', 'b'], [k['keypair']['name']
                                      for k in page['keypairs']])
        rest = self.api.get(page['keypairs_links'][0]['href']).json()
        self.assertEqual(['c'], [k['keypair']['name']
                                 for k in rest['keypairs']])
        self.assertEqual(400, self.api.get('/os-keypairs?marker=zz',
                                           microversion='2.35').status_code)
        # Before 2.35 limit is not a parameter.
        old = self.api.get('/os-keypairs?limit=1', microversion='2.34')
        self.assertEqual(3, len(old.json()['keypairs']))
