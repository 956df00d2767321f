"""Instance notifications in both families.

Legacy (unversioned) notifications carry Nova's instance usage dict and an
event type such as ``compute.instance.live.migration.abort.start``;
versioned ones carry a versioned payload object (``nova.notifications.
objects``, e.g. ``InstanceActionPayload``) and an event type such as
``instance.live_migration_abort.start``.  Which family is sent follows
``[notifications] notification_format`` (see ``nova.rpc``).
"""

from oslo_log import log as logging
from oslo_utils import timeutils

from nova.notifications.objects import base as notification_base
from nova.notifications.objects import exception as exception_obj
from nova.notifications.objects import instance as instance_obj
from nova import rpc

LOG = logging.getLogger(__name__)


def _iso(value):
    return value.isoformat() if value is not None else None


def legacy_usage_payload(instance, host):
    return {
        'tenant_id': instance.project_id, 'user_id': instance.user_id,
        'instance_id': instance.uuid, 'display_name': instance.display_name,
        'host': host, 'node': instance.node, 'state': instance.vm_state,
        'state_description': instance.task_state or '',
        'memory_mb': instance.memory_mb, 'vcpus': instance.vcpus,
        'root_gb': instance.root_gb, 'ephemeral_gb': instance.ephemeral_gb,
        'image_ref_url': instance.image_ref,
        'launched_at': _iso(instance.launched_at),
        'audit_period_ending': timeutils.utcnow().isoformat(),
    }


def notify_about_instance_usage(context, instance, event_suffix, host):
    """Legacy ``compute.instance.<event_suffix>`` from ``compute.<host>``."""
    if not rpc.initialized():
        return
    notifier = rpc.get_notifier('compute', host)
    notifier.info(context, 'compute.instance.%s' % event_suffix,
                  legacy_usage_payload(instance, host))


def notify_about_instance_action(context, instance, host, action, phase,
                                 exception=None):
    """Versioned ``instance.<action>.<phase>`` from ``nova-compute:<host>``.

    The payload is an ``InstanceActionPayload``; with ``exception`` its
    ``fault`` describes it and the priority is ERROR.
    """
    if not notification_base.versioned_enabled():
        return
    fault = None
    if exception is not None:
        fault = exception_obj.ExceptionPayload.from_exception(exception)
    instance_obj.InstanceActionNotification(
        priority='error' if exception is not None else 'info',
        event_type=notification_base.EventType(
            object='instance', action=action, phase=phase),
        publisher=_compute_publisher(host),
        payload=instance_obj.InstanceActionPayload.from_instance(
            context, instance, fault=fault)).emit(context)


def notify_about_exception(context, host, exc, event_type, args=None):
    """A compute entry point raised: legacy error and ``compute.exception``.

    The legacy one (publisher ``compute.<host>``, priority ERROR) is named
    after the method and carries the exception and the call's arguments.
    """
    if rpc.initialized():
        rpc.get_notifier('compute', host).error(context, event_type, {
            'exception': exc.__class__.__name__,
            'exception_message': str(exc), 'args': args or {}})
    if not notification_base.versioned_enabled():
        return
    exception_obj.ExceptionNotification(
        priority='error',
        event_type=notification_base.EventType(
            object='compute', action='exception', phase=None),
        publisher=_compute_publisher(host),
        payload=exception_obj.ExceptionPayload.from_exception(exc)).emit(
            context)


def _compute_publisher(host):
    return notification_base.NotificationPublisher(host=host,
                                                   source='nova-compute')
