"""oslo.messaging plumbing: transports, clients, servers and notifiers.

``init(conf)`` is called once per process by ``nova.service``; the embedded
default uses ``inprocess://`` (``nova.inprocess_transport``: every service of
nova-all shares this process's queues), a real deployment ``rabbit://``.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_messaging.rpc import dispatcher
from oslo_serialization import jsonutils

from nova import concurrency
import nova.conf
import nova.context
from nova import exception
from nova.objects import base as objects_base

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

TRANSPORT = None
NOTIFICATION_TRANSPORT = None
LEGACY_NOTIFIER = None
NOTIFIER = None

# Exceptions of these modules may be re-raised on the caller's side.
ALLOWED_EXMODS = [exception.__name__, 'oslo_versionedobjects.exception']


def init(conf=None):
    """Create the transports and notifiers of this process, once."""
    global TRANSPORT, NOTIFICATION_TRANSPORT, LEGACY_NOTIFIER, NOTIFIER
    conf = conf or CONF
    if TRANSPORT is not None:
        return
    try:
        TRANSPORT = messaging.get_rpc_transport(
            conf, allowed_remote_exmods=ALLOWED_EXMODS)
        NOTIFICATION_TRANSPORT = messaging.get_notification_transport(
            conf, allowed_remote_exmods=ALLOWED_EXMODS)
    except (messaging.InvalidTransportURL,
            messaging.DriverLoadFailure) as exc:
        raise exception.ConfigError(
            reason='transport_url %r is not usable: %s'
            % (conf.transport_url, exc))
    serializer = RequestContextSerializer(JsonPayloadSerializer())
    fmt = conf.notifications.notification_format
    LEGACY_NOTIFIER = messaging.Notifier(
        NOTIFICATION_TRANSPORT, serializer=serializer,
        driver='messaging' if fmt in ('unversioned', 'both') else 'noop')
    NOTIFIER = messaging.Notifier(
        NOTIFICATION_TRANSPORT, serializer=serializer,
        topics=conf.notifications.versioned_notifications_topics,
        driver='messaging' if fmt in ('versioned', 'both') else 'noop')


def cleanup():
    global TRANSPORT, NOTIFICATION_TRANSPORT, LEGACY_NOTIFIER, NOTIFIER
    for transport in (TRANSPORT, NOTIFICATION_TRANSPORT):
        if transport is not None:
            transport.cleanup()
    TRANSPORT = NOTIFICATION_TRANSPORT = LEGACY_NOTIFIER = NOTIFIER = None


def initialized():
    return TRANSPORT is not None


class JsonPayloadSerializer(messaging.NoOpSerializer):
    @staticmethod
    def serialize_entity(context, entity):
        return jsonutils.to_primitive(entity, convert_instances=True)


class RequestContextSerializer(messaging.Serializer):
    """Carries the RequestContext and wraps an entity serializer."""

    def __init__(self, base=None):
        self._base = base

    def serialize_entity(self, context, entity):
        if not self._base:
            return entity
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        if not self._base:
            return entity
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return nova.context.RequestContext.from_dict(context)


def _object_serializer():
    return RequestContextSerializer(objects_base.NovaObjectSerializer())


def get_client(target, version_cap=None):
    return messaging.get_rpc_client(TRANSPORT, target,
                                    version_cap=version_cap,
                                    serializer=_object_serializer())


def get_server(target, endpoints):
    access_policy = dispatcher.DefaultRPCAccessPolicy
    return messaging.get_rpc_server(
        TRANSPORT, target, endpoints,
        executor=concurrency.rpc_executor_name(),
        serializer=_object_serializer(), access_policy=access_policy)


def get_notifier(service, host=None):
    """Legacy (unversioned) notifier, publisher ``<service>.<host>``."""
    return LEGACY_NOTIFIER.prepare(
        publisher_id='%s.%s' % (service, host or CONF.host))


def get_versioned_notifier(publisher_id):
    return NOTIFIER.prepare(publisher_id=publisher_id)
