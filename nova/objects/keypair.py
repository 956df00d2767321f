"""Key pairs (``os-keypairs``)."""

from nova.db.main import keypairs as db
from nova.objects import base
from nova.objects import fields

KEYPAIR_TYPE_SSH = 'ssh'
KEYPAIR_TYPE_X509 = 'x509'
KEYPAIR_TYPES = (KEYPAIR_TYPE_SSH, KEYPAIR_TYPE_X509)


@base.NovaObjectRegistry.register
class KeyPair(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'name': fields.StringField(),
        'user_id': fields.StringField(),
        'fingerprint': fields.StringField(),
        'public_key': fields.StringField(),
        'type': fields.StringField(),
    }

    @base.remotable_classmethod
    def get_by_name(cls, context, user_id, name):
        return cls._from_db(context, db.key_pair_get(context, user_id, name))

    @base.remotable
    def create(self):
        self._refresh(db.key_pair_create(self._context, base.db_values(self)))

    @base.remotable_classmethod
    def destroy_by_name(cls, context, user_id, name):
        db.key_pair_destroy(context, user_id, name)


@base.NovaObjectRegistry.register
class KeyPairList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('KeyPair')}

    @base.remotable_classmethod
    def get_by_user(cls, context, user_id, limit=None, marker=None):
        return base.list_from_db_rows(
            cls, KeyPair, context, db.key_pair_get_all_by_user(
                context, user_id, limit=limit, marker=marker))
