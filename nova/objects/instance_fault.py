"""Instance faults: why an instance went to ERROR."""

from nova.db.main import instances as db
from nova.objects import base
from nova.objects import fields


def fault_values(exc, host=None, details=None):
    """The ``instance_faults`` columns of ``exc`` (see InstanceFault)."""
    code = getattr(exc, 'code', 500)
    if not isinstance(code, int):
        code = 500
    message = exc.__class__.__name__
    if hasattr(exc, 'format_message'):
        message = exc.format_message()
    return {'code': code, 'message': str(message)[:255],
            'details': details or str(exc), 'host': host}


@base.NovaObjectRegistry.register
class InstanceFault(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'code': fields.IntegerField(),
        'message': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
    }

    @base.remotable_classmethod
    def record(cls, context, instance_uuid, exc, host=None, details=None):
        """Record ``exc`` as the instance's newest fault."""
        values = fault_values(exc, host, details)
        row = db.instance_fault_create(context, dict(
            values, instance_uuid=instance_uuid))
        return cls._from_db(context, row)


@base.NovaObjectRegistry.register
class InstanceFaultList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('InstanceFault')}

    @base.remotable_classmethod
    def get_latest_by_instance_uuids(cls, context, instance_uuids):
        by_uuid = db.instance_fault_get_by_instance_uuids(context,
                                                          instance_uuids)
        rows = [faults[0] for faults in by_uuid.values() if faults]
        return base.list_from_db_rows(cls, InstanceFault, context, rows)
