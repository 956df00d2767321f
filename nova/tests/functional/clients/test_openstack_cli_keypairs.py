"""``openstack keypair`` and the server fields Tempest uses, from the CLI.

A server created with a key pair, an admin password and a description,
renamed, then listed by flavor: each step is the real ``openstack``
command against nova-all.
"""

import os

from nova.tests.functional.clients import base
from nova.tests.functional import test_keypairs


class OpenStackCLIKeypairServerTest(base.ClientsTestCase):

    def _public_key_file(self):
        path = os.path.join(self.state_path, 'id.pub')
        with open(path, 'w') as handle:
            handle.write(test_keypairs.PUBLIC_KEY + '\n')
        return path

    def _import_kp1(self):
        imported = self.openstack_json(
            'keypair', 'create', '--public-key', self._public_key_file(),
            'kp1')
        self.assertEqual('kp1', imported['name'])

    def test_keypair_import_generate_list_delete(self):
        self._import_kp1()
        generated = self.openstack('keypair', 'create', 'kp2')
        self.assertIn('PRIVATE KEY', generated.stdout)
        listed = self.openstack_json('keypair', 'list')
        self.assertEqual(['kp1', 'kp2'], sorted(k['Name'] for k in listed))
        self.openstack('keypair', 'delete', 'kp2')
        self.assertEqual(['kp1'], [k['Name'] for k in self.openstack_json(
            'keypair', 'list')])

    def test_server_with_key_pair_password_description_renamed(self):
        self._import_kp1()
        server = self.openstack_json(
            'server', 'create', '--flavor', 'm1.tiny', '--image',
            base.IMAGE_ID, '--nic', 'none', '--key-name', 'kp1',
            '--password', 'S3cret-pass', '--description', 'web box', 'vm1')
        self.assertEqual('S3cret-pass', server['adminPass'])
        self.wait_for_instance(server['id'])

        self.openstack('server', 'set', '--name', 'vm1-renamed', 'vm1')
        shown = self.openstack_json('server', 'show', 'vm1-renamed')
        self.assertEqual((server['id'], 'kp1', 'web box'), (
            shown['id'], shown['key_name'], shown['description']))

        tiny = self.openstack_json('server', 'list', '--flavor', 'm1.tiny')
        self.assertEqual([('vm1-renamed', server['id'])],
                         [(s['Name'], s['ID']) for s in tiny])
        self.assertEqual([], self.openstack_json(
            'server', 'list', '--flavor', 'm1.small'))
