"""Images of the local registry that server actions write.

Remotable, so a compute (no database access) finishes the image it
snapshotted through the conductor.
"""

from nova.db.main import catalog as db
from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class Image(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.UUIDField(),
        'name': fields.StringField(),
        'status': fields.StringField(),
        'min_disk': fields.IntegerField(default=0),
        'min_ram': fields.IntegerField(default=0),
        'size': fields.IntegerField(default=0),
        'owner': fields.StringField(nullable=True),
        'instance_uuid': fields.StringField(nullable=True),
        'image_type': fields.StringField(nullable=True),
        'backup_type': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @classmethod
    def _from_db(cls, context, row):
        return base.from_db_row(cls, context, row)

    @base.remotable
    def create(self):
        self._refresh(db.image_create(self._context, base.db_values(self)))

    @base.remotable_classmethod
    def set_status(cls, context, image_id, status, size=None):
        values = {'status': status}
        if size is not None:
            values['size'] = size
        db.image_update(context, image_id, values)

    @base.remotable_classmethod
    def get_shelved(cls, context, instance_uuid):
        """The image a server was shelved into, or None."""
        row = db.image_get_by_instance(context, instance_uuid, 'shelved')
        return None if row is None else cls._from_db(context, row)

    @base.remotable_classmethod
    def destroy(cls, context, image_id):
        db.image_destroy(context, image_id)

    @base.remotable_classmethod
    def rotate_backups(cls, context, instance_uuid, backup_type, rotation):
        """Delete the oldest backups beyond ``rotation``; their ids."""
        extra = db.image_get_backups(context, instance_uuid,
                                     backup_type)[rotation:]
        for row in extra:
            db.image_destroy(context, row.id)
        return [row.id for row in extra]
