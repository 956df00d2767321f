"""Host aggregates (``os-aggregates``).

An aggregate names a group of compute hosts and carries metadata; the
``availability_zone`` key of that metadata puts its hosts in a zone.
"""

from nova.db.main import aggregates as db
from nova.objects import base
from nova.objects import fields

AZ_KEY = 'availability_zone'


def _from_dict(context, values):
    aggregate = Aggregate(context)
    for name in Aggregate.fields:
        setattr(aggregate, name, values[name])
    aggregate.obj_reset_changes()
    return aggregate


@base.NovaObjectRegistry.register
class Aggregate(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'hosts': fields.ListOfStringsField(),
        'metadata': fields.DictOfStringsField(),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @property
    def availability_zone(self):
        return self.metadata.get(AZ_KEY)

    @base.remotable_classmethod
    def get_by_id(cls, context, aggregate_id):
        return _from_dict(context, db.aggregate_get(context, aggregate_id))

    @base.remotable
    def create(self):
        """Insert ``uuid``, ``name`` and ``metadata``; take the row back."""
        values = db.aggregate_create(
            self._context, {'uuid': self.uuid, 'name': self.name},
            metadata=self.metadata if 'metadata' in self else None)
        self._take(values)

    @base.remotable
    def save(self):
        """Write a changed ``name``."""
        changes = {name: getattr(self, name)
                   for name in self.obj_what_changed() if name == 'name'}
        self._take(db.aggregate_update(self._context, self.id, changes))

    @base.remotable
    def update_metadata(self, updates):
        """Merge ``updates`` into the metadata; a None value deletes."""
        self._take(db.aggregate_update(self._context, self.id, {},
                                       metadata=updates))

    @base.remotable
    def add_host(self, host):
        self._take(db.aggregate_host_add(self._context, self.id, host))

    @base.remotable
    def delete_host(self, host):
        self._take(db.aggregate_host_delete(self._context, self.id, host))

    @base.remotable
    def destroy(self):
        db.aggregate_delete(self._context, self.id)

    def _take(self, values):
        for name in self.fields:
            if name == 'id' and 'id' in self:
                continue
            setattr(self, name, values[name])
        self.obj_reset_changes()


@base.NovaObjectRegistry.register
class AggregateList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('Aggregate')}

    @base.remotable_classmethod
    def get_all(cls, context):
        return cls._build(context, db.aggregate_get_all(context))

    @base.remotable_classmethod
    def get_by_host(cls, context, host):
        return cls._build(context, db.aggregate_get_all(context, host=host))

    @classmethod
    def _build(cls, context, rows):
        result = cls(context, objects=[_from_dict(context, row)
                                       for row in rows])
        result.obj_reset_changes()
        return result
