"""Flavors."""

from nova.db.main import catalog as db
from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class Flavor(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'flavorid': fields.StringField(),
        'name': fields.StringField(),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(),
        'is_public': fields.BooleanField(),
        'disabled': fields.BooleanField(),
        'description': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @base.remotable_classmethod
    def get_by_id(cls, context, flavor_id):
        return cls._from_db(context, db.flavor_get(context, flavor_id))

    @base.remotable_classmethod
    def get_by_flavor_id(cls, context, flavorid):
        return cls._from_db(context, db.flavor_get_by_flavor_id(
            context, flavorid))

    @base.remotable
    def create(self):
        row = db.flavor_create(self._context, base.db_values(self))
        for name in self.fields:
            setattr(self, name, getattr(row, name))
        self.obj_reset_changes()

    def resources(self):
        """What an instance of this flavor claims, per resource class."""
        return {'VCPU': self.vcpus, 'MEMORY_MB': self.memory_mb,
                'DISK_GB': self.root_gb + self.ephemeral_gb}


@base.NovaObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @base.remotable_classmethod
    def get_all(cls, context, is_public=None):
        return base.list_from_db_rows(
            cls, Flavor, context, db.flavor_get_all(context,
                                                    is_public=is_public))
