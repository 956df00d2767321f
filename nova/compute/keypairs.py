"""Key pairs: validation, generation or import, and storage per user."""

import string

from nova import crypto
from nova import exception
from nova.i18n import _
from nova import objects
from nova.objects import keypair as keypair_obj

_SAFE_NAME_CHARACTERS = frozenset(string.digits + string.ascii_letters
                                  + '-_ ')


def _check_name(name):
    if not 1 <= len(name) <= 255:
        raise exception.InvalidKeypair(reason=_(
            'Keypair name must be string and between 1 and 255 characters '
            'long'))
    if not set(name) <= _SAFE_NAME_CHARACTERS:
        raise exception.InvalidKeypair(
            reason=_('Keypair name contains unsafe characters'))


def _fingerprint(key_type, public_key):
    if key_type == keypair_obj.KEYPAIR_TYPE_X509:
        return crypto.x509_fingerprint(public_key)
    return crypto.ssh_fingerprint(public_key)


def _generate(key_type, user_id):
    if key_type == keypair_obj.KEYPAIR_TYPE_X509:
        return crypto.generate_x509_key_pair(user_id)
    return crypto.generate_ssh_key_pair()


class KeypairAPI(object):
    """The key pairs of users, as the os-keypairs API sees them."""

    def create(self, context, user_id, name, key_type, public_key=None):
        """Import ``public_key``, or generate a key pair if it is None.

        :returns: (KeyPair, private key PEM or None when imported)
        """
        _check_name(name)
        private_key = None
        if public_key is None:
            private_key, public_key, fingerprint = _generate(key_type,
                                                             user_id)
        else:
            fingerprint = _fingerprint(key_type, public_key)
        keypair = objects.KeyPair(context, name=name, user_id=user_id,
                                  type=key_type, public_key=public_key,
                                  fingerprint=fingerprint)
        keypair.create()
        return keypair, private_key

    def get(self, context, user_id, name):
        return objects.KeyPair.get_by_name(context, user_id, name)

    def get_all(self, context, user_id, limit=None, marker=None):
        return objects.KeyPairList.get_by_user(context, user_id,
                                               limit=limit, marker=marker)

    def delete(self, context, user_id, name):
        objects.KeyPair.destroy_by_name(context, user_id, name)
