"""Instance notifications in both families.

Legacy (unversioned) notifications carry Nova's instance usage dict and an
event type such as ``compute.instance.live.migration.abort.start``;
versioned ones carry an ``InstanceActionPayload`` primitive and an event type
such as ``instance.live_migration_abort.start``.  Which family is sent
follows ``[notifications] notification_format`` (see ``nova.rpc``).
"""

from oslo_log import log as logging
from oslo_utils import timeutils

from nova import rpc

LOG = logging.getLogger(__name__)

PAYLOAD_VERSION = '1.0'


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


def action_payload(instance, host, fault=None):
    data = {
        'uuid': instance.uuid, 'display_name': instance.display_name,
        'tenant_id': instance.project_id, 'user_id': instance.user_id,
        'host': instance.host, 'node': instance.node,
        'state': instance.vm_state, 'task_state': instance.task_state,
        'power_state': instance.power_state, 'image_uuid':
        instance.image_ref, 'action_initiator_host': host,
        'fault': fault,
    }
    return {'nova_object.name': 'InstanceActionPayload',
            'nova_object.namespace': 'nova',
            'nova_object.version': PAYLOAD_VERSION,
            'nova_object.data': data}


def notify_about_instance_usage(context, instance, event_suffix, host):
    """Legacy ``compute.instance.<event_suffix>`` from ``compute.<host>``."""
    if not rpc.initialized():
        return
    notifier = rpc.get_notifier('compute', host)
    notifier.info(context, 'compute.instance.%s' % event_suffix,
                  legacy_usage_payload(instance, host))


def notify_about_instance_action(context, instance, host, action, phase,
                                 exception=None):
    """Versioned ``instance.<action>[.<phase>]`` from nova-compute:<host>."""
    if not rpc.initialized():
        return
    fault = None
    if exception is not None:
        fault = {'exception': exception.__class__.__name__,
                 'exception_message': str(exception)}
    notifier = rpc.get_versioned_notifier('nova-compute:%s' % host)
    payload = action_payload(instance, host, fault)
    # Some actions (lock, unlock) send one event without a phase.
    event_type = '.'.join(filter(None, ('instance', action, phase)))
    if exception is not None:
        notifier.error(context, event_type, payload)
    else:
        notifier.info(context, event_type, payload)
