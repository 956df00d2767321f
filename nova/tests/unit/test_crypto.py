"""Key pair material: fingerprints are the ones clients compute."""

import base64
import hashlib

from cryptography import x509

from nova import crypto
from nova import exception
from nova import test


class CryptoTest(test.TestCase):

    def test_generated_ssh_pair_fingerprint_is_md5_of_the_blob(self):
        private, public, fingerprint = crypto.generate_ssh_key_pair()
        self.assertIn('BEGIN RSA PRIVATE KEY', private)
        blob = base64.b64decode(public.split()[1])
        self.assertEqual(':'.join('%02x' % b for b in hashlib.md5(
            blob).digest()), fingerprint)
        self.assertEqual(fingerprint, crypto.ssh_fingerprint(public))

    def test_generated_x509_pair_names_the_user(self):
        private, pem, fingerprint = crypto.generate_x509_key_pair('alice')
        certificate = x509.load_pem_x509_certificate(pem.encode())
        self.assertEqual('CN=alice', certificate.subject.rfc4514_string())
        self.assertEqual(fingerprint, crypto.x509_fingerprint(pem))
        self.assertIn('PRIVATE KEY', private)

    def test_invalid_material_is_invalid_keypair(self):
        for text in ('', 'ssh-rsa', 'ssh-rsa ' + 'A' * 2048, 'garbage',
                     'ssh-foo AAAA'):
            self.assertRaises(exception.InvalidKeypair,
                              crypto.ssh_fingerprint, text)
        self.assertRaises(exception.InvalidKeypair,
                          crypto.x509_fingerprint, 'not a certificate')
