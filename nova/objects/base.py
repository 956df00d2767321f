"""Base classes of nova's versioned objects (oslo.versionedobjects).

Remotable methods run locally where the database is reachable and travel
through the conductor (``indirection_api``) where it is not: nova-compute
sets the indirection API at start so it never needs database credentials.
"""

import datetime

from oslo_utils import versionutils
from oslo_versionedobjects import base as ovoo_base
from oslo_versionedobjects import fields as ovoo_fields

remotable_classmethod = ovoo_base.remotable_classmethod
remotable = ovoo_base.remotable


class NovaObjectRegistry(ovoo_base.VersionedObjectRegistry):
    notification_classes = []

    def registration_hook(self, cls, index):
        # Expose the newest version of each object as nova.objects.<Name>.
        from nova import objects
        version = versionutils.convert_version_to_tuple(cls.VERSION)
        current = getattr(objects, cls.obj_name(), None)
        if current is None or version >= versionutils.\
                convert_version_to_tuple(current.VERSION):
            setattr(objects, cls.obj_name(), cls)


class NovaObject(ovoo_base.VersionedObject):
    OBJ_SERIAL_NAMESPACE = 'nova_object'
    OBJ_PROJECT_NAMESPACE = 'nova'

    @classmethod
    def _from_db(cls, context, db_row):
        """The object of a database row, with no changes pending."""
        return from_db_row(cls, context, db_row)

    def _refresh(self, db_row):
        """Take every field from a database row and mark them unchanged."""
        fresh = self._from_db(self._context, db_row)
        for name in self.fields:
            setattr(self, name, getattr(fresh, name))
        self.obj_reset_changes()


class NovaPersistentObject(object):
    """Timestamps and soft-delete columns shared by database objects."""
    fields = {
        'created_at': ovoo_fields.DateTimeField(nullable=True),
        'updated_at': ovoo_fields.DateTimeField(nullable=True),
        'deleted_at': ovoo_fields.DateTimeField(nullable=True),
        'deleted': ovoo_fields.BooleanField(default=False),
    }


class ObjectListBase(ovoo_base.ObjectListBase):
    pass


_PRIMITIVES = frozenset((str, int, float, bool, type(None)))


class NovaObjectSerializer(ovoo_base.VersionedObjectSerializer):
    """Serializer for RPC: nova objects travel as versioned primitives."""
    OBJ_BASE_CLASS = NovaObject

    def _process_iterable(self, context, action_fn, values):
        """Copy a dict of plain values as it is, without a call per value.

        Long answers such as a 10,000-deep queue are lists of such dicts;
        walking every value through ``action_fn`` twice (serialize, then
        deserialize) cost more than building them.  A dict holding only
        strings, numbers, booleans and None cannot hold an object, so
        nothing is lost (an object's primitive nests a dict: never plain).
        """
        if type(values) is dict and all(
                type(value) in _PRIMITIVES for value in values.values()):
            return dict(values)
        return super()._process_iterable(context, action_fn, values)

    @property
    def conductor(self):
        from nova.conductor import rpcapi as conductor_rpcapi
        return conductor_rpcapi.ConductorAPI()


def from_db_row(obj_cls, context, db_row, fields=None):
    """Build an object from a row; ``deleted`` becomes a boolean."""
    obj = obj_cls(context)
    for name in fields or obj.fields:
        if name == 'deleted':
            obj.deleted = bool(db_row.deleted)
            continue
        if hasattr(db_row, name):
            setattr(obj, name, getattr(db_row, name))
    obj._context = context
    obj.obj_reset_changes()
    return obj


def list_from_db_rows(list_cls, item_cls, context, rows):
    """Build a list object of ``item_cls`` objects from database rows."""
    result = list_cls(context, objects=[
        item_cls._from_db(context, row) for row in rows])
    result.obj_reset_changes()
    return result


def db_values(obj, fields=None):
    """The changed fields of ``obj`` as column values."""
    names = fields or obj.obj_what_changed()
    values = {}
    for name in names:
        if name in ('deleted',):
            continue
        if obj.obj_attr_is_set(name):
            values[name] = naive_utc(getattr(obj, name))
    return values


def naive_utc(value):
    """Objects hold aware datetimes; the database stores naive UTC."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value
