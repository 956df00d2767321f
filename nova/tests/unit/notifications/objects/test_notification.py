"""Versioned notification objects: pinned versions and the JSON they give.

A change to a payload's fields changes its fingerprint.  When
``test_versions`` fails, bump the class's VERSION (with a line in its
version comment) and update the pin here: consumers parse these payloads
by version.
"""

from oslo_utils import timeutils
from oslo_utils import uuidutils
from oslo_versionedobjects import fixture as ovo_fixture

from nova.compute import power_state
from nova import context as nova_context
from nova import exception
from nova.notifications.objects import base as notification_base
from nova.notifications.objects import exception as exception_obj
from nova.notifications.objects import instance as instance_obj
from nova import objects
from nova.objects import base
from nova import test

NOTIFICATION_OBJECT_VERSIONS = {
    'EventType': '1.0-10fdfa766e04948e882658b250e43583',
    'ExceptionNotification': '1.0-30c135bdb0e5e33f5d7c5c3ab3787c95',
    'ExceptionPayload': '1.0-96f178a12691e3ef0d8e3188fc481b90',
    'InstanceActionNotification': '1.0-30c135bdb0e5e33f5d7c5c3ab3787c95',
    'InstanceActionPayload': '1.0-8a0acb06b08c864dbe245e9e2e6f353d',
    'NotificationPublisher': '1.0-91021e3a97bbd5b2febca7709bbb0f7b',
}


def _notification_classes():
    classes = {}
    for cls in base.NovaObjectRegistry.notification_classes:
        classes.setdefault(cls.obj_name(), []).append(cls)
    return classes


class NotificationObjectVersionTestCase(test.TestCase):

    def test_versions(self):
        checker = ovo_fixture.ObjectVersionChecker(_notification_classes())
        expected, actual = checker.test_hashes(NOTIFICATION_OBJECT_VERSIONS)
        self.assertEqual(expected, actual,
                         'Notification objects changed: bump their VERSION '
                         'and update NOTIFICATION_OBJECT_VERSIONS')

    def test_notification_objects_stay_out_of_the_rpc_registry(self):
        for name in NOTIFICATION_OBJECT_VERSIONS:
            self.assertNotIn(name, base.NovaObjectRegistry.obj_classes())
            self.assertFalse(hasattr(objects, name), name)


def _raise(error):
    raise error


class PayloadTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.ctxt = nova_context.RequestContext(
            'the-user', 'the-project', request_id='req-1')

    def _instance(self, **values):
        fields = dict(uuid=uuidutils.generate_uuid(), user_id='owner',
                      project_id='tenant', display_name='vm',
                      hostname='vm', host='compute1', node='compute1',
                      image_ref='image', vm_state='active',
                      task_state='migrating',
                      power_state=power_state.RUNNING, locked=False,
                      launched_at=timeutils.utcnow())
        fields.update(values)
        return objects.Instance(self.ctxt, **fields)

    def test_event_type_joins_object_action_and_phase(self):
        event = notification_base.EventType(
            object='instance', action='live_migration_abort', phase='start')
        self.assertEqual('instance.live_migration_abort.start',
                         event.to_event_type_field())
        without_phase = notification_base.EventType(
            object='compute', action='exception', phase=None)
        self.assertEqual('compute.exception',
                         without_phase.to_event_type_field())

    def test_event_type_refuses_an_unknown_phase(self):
        self.assertRaises(ValueError, notification_base.EventType,
                          object='instance', action='x', phase='middle')

    def test_publisher_id_is_source_and_host(self):
        publisher = notification_base.NotificationPublisher(
            host='compute1', source='nova-compute')
        self.assertEqual('nova-compute:compute1', publisher.publisher_id())

    def test_instance_payload_uses_nova_names_and_shapes(self):
        instance = self._instance()
        data = instance_obj.InstanceActionPayload.from_instance(
            self.ctxt, instance).to_notification_primitive()
        self.assertEqual('InstanceActionPayload', data['nova_object.name'])
        self.assertEqual('1.0', data['nova_object.version'])
        self.assertNotIn('nova_object.changes', data)
        payload = data['nova_object.data']
        self.assertEqual(instance.uuid, payload['uuid'])
        self.assertEqual('tenant', payload['tenant_id'])
        self.assertEqual('active', payload['state'])
        self.assertEqual('running', payload['power_state'])
        self.assertEqual('image', payload['image_uuid'])
        self.assertEqual('the-user', payload['action_initiator_user'])
        self.assertEqual('the-project', payload['action_initiator_project'])
        self.assertEqual('req-1', payload['request_id'])
        self.assertIsNone(payload['fault'])
        # Fields the instance was loaded without are sent as null.
        self.assertIsNone(payload['created_at'])
        self.assertEqual(set(instance_obj.InstanceActionPayload.fields),
                         set(payload))

    def test_fault_says_where_and_what_was_raised(self):
        try:
            _raise(exception.MigrationPreCheckError(reason='boom'))
        except exception.MigrationPreCheckError as exc:
            fault = exception_obj.ExceptionPayload.from_exception(exc)
        self.assertEqual(__name__, fault.module_name)
        self.assertEqual('_raise', fault.function_name)
        self.assertEqual('MigrationPreCheckError', fault.exception)
        self.assertIn('boom', fault.exception_message)
        self.assertIn('_raise', fault.traceback)
        data = instance_obj.InstanceActionPayload.from_instance(
            self.ctxt, self._instance(), fault=fault
        ).to_notification_primitive()['nova_object.data']
        self.assertEqual('ExceptionPayload',
                         data['fault']['nova_object.name'])

    def test_an_exception_never_raised_has_no_frame(self):
        fault = exception_obj.ExceptionPayload.from_exception(
            ValueError('not raised'))
        self.assertEqual(('unknown', 'unknown'),
                         (fault.module_name, fault.function_name))
