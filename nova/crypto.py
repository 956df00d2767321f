"""Key pair material: generation and fingerprints of keys and certificates.

Fingerprints are the ones clients compare with: the MD5 of an SSH key's
wire blob and the SHA-1 of an x509 certificate, as colon-separated hex.
"""

import base64
import datetime
import hashlib

from cryptography import exceptions as crypto_exceptions
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509 import oid

from nova import exception
from nova.i18n import _

_RSA_BITS = 2048
# Generated x509 key pairs (WinRM client certificates) are valid this long.
_CERT_DAYS = 3650


def _colon_hex(digest):
    return ':'.join('%02x' % byte for byte in digest)


def ssh_fingerprint(public_key):
    """The MD5 fingerprint of an OpenSSH public key line.

    :raises InvalidKeypair: the text is not a public key.
    """
    try:
        serialization.load_ssh_public_key(public_key.encode('utf-8'))
        blob = base64.b64decode(public_key.split()[1], validate=True)
    except (ValueError, IndexError, TypeError, UnicodeError,
            crypto_exceptions.UnsupportedAlgorithm):
        raise exception.InvalidKeypair(
            reason=_('failed to generate fingerprint'))
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def x509_fingerprint(pem):
    """The SHA-1 fingerprint of a PEM certificate.

    :raises InvalidKeypair: the text is not a certificate.
    """
    try:
        certificate = x509.load_pem_x509_certificate(pem.encode('utf-8'))
    except (ValueError, TypeError, UnicodeError):
        raise exception.InvalidKeypair(
            reason=_('failed to generate X509 fingerprint'))
    return _colon_hex(certificate.fingerprint(hashes.SHA1()))


def generate_ssh_key_pair():
    """A new RSA key: (private key PEM, OpenSSH public key, fingerprint)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=_RSA_BITS)
    private_pem = _private_pem(key)
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode('ascii')
    return private_pem, public, ssh_fingerprint(public)


def _private_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode('ascii')


def generate_x509_key_pair(user_id):
    """A self-signed client certificate for ``user_id``.

    :returns: (private key PEM, certificate PEM, fingerprint)
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=_RSA_BITS)
    subject = x509.Name([x509.NameAttribute(oid.NameOID.COMMON_NAME,
                                            user_id)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = x509.CertificateBuilder().subject_name(subject).\
        issuer_name(subject).public_key(key.public_key()).serial_number(
            x509.random_serial_number()).not_valid_before(now).\
        not_valid_after(now + datetime.timedelta(days=_CERT_DAYS)).\
        add_extension(x509.ExtendedKeyUsage(
            [oid.ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False).\
        sign(key, hashes.SHA256())
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode(
        'ascii')
    return _private_pem(key), pem, x509_fingerprint(pem)
