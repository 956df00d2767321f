"""Key pair material: generation and fingerprints of keys and certificates.

Fingerprints are the ones clients compare with: the MD5 of an SSH key's
wire blob and the SHA-1 of an x509 certificate, as colon-separated hex.
"""

import base64
import hashlib

from cryptography import exceptions as crypto_exceptions
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509

from nova import exception
from nova.i18n import _

_RSA_BITS = 2048


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
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode('ascii')
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode('ascii')
    return private_pem, public, ssh_fingerprint(public)
