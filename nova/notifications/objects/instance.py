"""The instance action payload: the instance as an action left it.

Field names and value shapes follow Nova's ``InstanceActionPayload``
(``tenant_id``, ``state``, ``power_state`` as a name, ``fault`` as an
``ExceptionPayload``); it carries the subset of Nova's fields this
service keeps, so its version history is its own (see ``VERSION``).
"""

from nova.compute import power_state
from nova.notifications.objects import base
from nova.objects import fields

# payload field -> Instance field, where the names differ.
_RENAMED = {'tenant_id': 'project_id', 'host_name': 'hostname',
            'image_uuid': 'image_ref', 'state': 'vm_state'}
_COPIED = ('uuid', 'user_id', 'tenant_id', 'reservation_id', 'display_name',
           'host_name', 'host', 'node', 'availability_zone', 'image_uuid',
           'key_name', 'created_at', 'launched_at', 'terminated_at',
           'deleted_at', 'updated_at', 'state', 'task_state', 'progress',
           'locked')
# Non-nullable payload fields of an instance loaded without them.
_UNSET_DEFAULTS = {'locked': False}


@base.register
class InstanceActionPayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(nullable=True),
        'tenant_id': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'host_name': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'image_uuid': fields.StringField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'state': fields.StringField(nullable=True),
        'power_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'progress': fields.IntegerField(nullable=True),
        'locked': fields.BooleanField(),
        'action_initiator_user': fields.StringField(nullable=True),
        'action_initiator_project': fields.StringField(nullable=True),
        'request_id': fields.StringField(nullable=True),
        'fault': fields.ObjectField('ExceptionPayload', nullable=True),
    }

    @classmethod
    def from_instance(cls, context, instance, fault=None):
        """The payload of ``instance`` for an action ``context`` asked."""
        payload = cls(
            power_state=power_state.STATE_MAP.get(
                _value(instance, 'power_state')),
            action_initiator_user=context.user_id,
            action_initiator_project=context.project_id,
            request_id=context.request_id, fault=fault)
        for name in _COPIED:
            value = _value(instance, _RENAMED.get(name, name))
            setattr(payload, name,
                    _UNSET_DEFAULTS.get(name) if value is None else value)
        return payload


def _value(instance, name):
    """A field the instance has loaded, else None (no lazy load)."""
    return getattr(instance, name) if instance.obj_attr_is_set(name) \
        else None


@base.register
class InstanceActionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': fields.ObjectField('InstanceActionPayload'),
    }
