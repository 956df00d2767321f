"""What every versioned notification is made of.

A notification is a versioned object holding a priority, an
``EventType`` (``<object>.<action>[.<phase>]``), a ``NotificationPublisher``
(``<source>:<host>``) and a payload object; ``emit`` sends the payload's
primitive with the event type as a string, which is the JSON consumers
see.  Notification classes are kept apart from the RPC objects
(``NovaObjectRegistry.notification_classes``) and pinned by their own
fingerprint test, so a payload change cannot go out without a version bump.
"""

from oslo_versionedobjects import fields as ovo_fields

import nova.conf
from nova.objects import base
from nova.objects import fields
from nova import rpc

CONF = nova.conf.CONF


def register(cls):
    """Class decorator: a notification object (fingerprinted, not RPC).

    It gets its field properties but stays out of ``nova.objects`` and the
    RPC object registry: notifications only ever leave a process.
    """
    cls = base.NovaObjectRegistry.register_if(False)(cls)
    base.NovaObjectRegistry.notification_classes.append(cls)
    return cls


def versioned_enabled():
    """Whether ``[notifications] notification_format`` sends versioned."""
    return rpc.initialized() and \
        CONF.notifications.notification_format in ('versioned', 'both')


class NotificationObject(base.NovaObject):
    """Base of the notification objects; never sent over RPC."""

    def to_notification_primitive(self):
        """Every field, without the ``nova_object.changes`` bookkeeping."""
        self.obj_reset_changes(recursive=True)
        return self.obj_to_primitive()


class NotificationPhase(ovo_fields.Enum):
    START = 'start'
    END = 'end'
    ERROR = 'error'
    PROGRESS = 'progress'
    ALL = (START, END, ERROR, PROGRESS)

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class NotificationPhaseField(ovo_fields.BaseEnumField):
    AUTO_TYPE = NotificationPhase()


class NotificationPriority(ovo_fields.Enum):
    INFO = 'info'
    ERROR = 'error'
    ALL = (INFO, ERROR)

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class NotificationPriorityField(ovo_fields.BaseEnumField):
    AUTO_TYPE = NotificationPriority()


@register
class EventType(NotificationObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'object': fields.StringField(),
        # Free text: each workflow names its own actions (Nova's names).
        'action': fields.StringField(),
        'phase': NotificationPhaseField(nullable=True),
    }

    def to_event_type_field(self):
        """``instance.live_migration_abort.start``, as consumers see it."""
        parts = [self.object, self.action]
        if self.phase is not None:
            parts.append(self.phase)
        return '.'.join(parts)


@register
class NotificationPublisher(NotificationObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'host': fields.StringField(nullable=True),
        'source': fields.StringField(),
    }

    def publisher_id(self):
        return '%s:%s' % (self.source, self.host)


class NotificationPayloadBase(NotificationObject):
    """A payload; subclasses build themselves from domain objects."""


class NotificationBase(NotificationObject):
    """Priority, event type, publisher and payload; sent by ``emit``."""

    fields = {
        'priority': NotificationPriorityField(),
        'event_type': fields.ObjectField('EventType'),
        'publisher': fields.ObjectField('NotificationPublisher'),
    }

    def emit(self, context):
        """Send on the versioned notifier, unless that family is off."""
        if not versioned_enabled():
            return
        notifier = rpc.get_versioned_notifier(self.publisher.publisher_id())
        send = getattr(notifier, self.priority)
        send(context, self.event_type.to_event_type_field(),
             self.payload.to_notification_primitive())
