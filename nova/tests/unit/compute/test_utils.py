"""The instance-event and instance-fault decorators, on a real database."""

import fixtures
from oslo_utils import uuidutils

from nova.compute import utils as compute_utils
from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.unit.compute import live_migration_base as lm_base


class _Endpoint(object):
    """Stands for the compute manager: a host and decorated entry points."""

    host = 'compute1'

    def __init__(self, error=None):
        self.error = error
        self.calls = []

    @compute_utils.wrap_exception
    @compute_utils.wrap_instance_event(prefix='compute')
    @compute_utils.wrap_instance_fault
    def live_migration_abort(self, context, instance, migration_id=None):
        self.calls.append(migration_id)
        if self.error is not None:
            raise self.error
        return 'done'


class InstanceDecoratorsTestCase(lm_base.RequestTestCase):

    def setUp(self):
        super().setUp()
        self.instance = objects.Instance(self.ctxt, uuid=uuidutils.
                                         generate_uuid())

    def _start_action(self):
        objects.InstanceAction.action_start(self.ctxt, self.instance.uuid,
                                            'live_migration_cancel')

    def _events(self):
        action = objects.InstanceAction.get_by_request_id(
            self.ctxt, self.instance.uuid, self.ctxt.request_id)
        return objects.InstanceActionEventList.get_by_action(self.ctxt,
                                                             action.id)

    def _faults(self):
        return objects.InstanceFaultList.get_latest_by_instance_uuids(
            self.ctxt, [self.instance.uuid])

    def test_success_records_the_prefixed_event_on_this_host(self):
        self._start_action()
        result = _Endpoint().live_migration_abort(self.ctxt, self.instance,
                                                  migration_id=7)
        self.assertEqual('done', result)
        [event] = self._events()
        self.assertEqual('compute_live_migration_abort', event.event)
        self.assertEqual('Success', event.result)
        self.assertEqual('compute1', event.host)
        self.assertIsNotNone(event.finish_time)
        self.assertEqual(0, len(self._faults()))

    def test_error_finishes_the_event_and_stores_a_fault(self):
        self._start_action()
        error = exception.InvalidMigrationState(
            migration_id=7, instance_uuid=self.instance.uuid,
            state='completed', method='abort live migration')
        endpoint = _Endpoint(error)
        raised = self.assertRaises(exception.InvalidMigrationState,
                                   endpoint.live_migration_abort,
                                   self.ctxt, self.instance, 7)
        self.assertIs(error, raised)
        [event] = self._events()
        self.assertEqual('Error', event.result)
        self.assertIn('InvalidMigrationState', event.traceback)
        [fault] = self._faults()
        self.assertEqual(error.format_message(), fault.message)
        self.assertEqual('compute1', fault.host)
        self.assertIn('InvalidMigrationState', fault.details)

    def test_instance_gone_stores_no_fault(self):
        self._start_action()
        endpoint = _Endpoint(exception.InstanceNotFound(
            instance_id=self.instance.uuid))
        self.assertRaises(exception.InstanceNotFound,
                          endpoint.live_migration_abort,
                          self.ctxt, instance=self.instance)
        self.assertEqual('Error', self._events()[0].result)
        self.assertEqual(0, len(self._faults()))

    def test_work_without_an_action_runs_unrecorded(self):
        """Start-up repair and shutdown run with no API request behind."""
        endpoint = _Endpoint()
        self.assertEqual('done', endpoint.live_migration_abort(
            self.ctxt, self.instance))
        self.assertEqual([None], endpoint.calls)

    def test_decorated_method_keeps_its_name(self):
        self.assertEqual('live_migration_abort',
                         _Endpoint.live_migration_abort.__name__)


class WrapExceptionTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(nova_fixtures.Database())
        self.ctxt = nova_context.RequestContext('user', 'project')
        self.instance = objects.Instance(self.ctxt, uuid=uuidutils.
                                         generate_uuid())
        self.sent = []
        self.useFixture(fixtures.MonkeyPatch(
            'nova.notifications.notify_about_exception',
            lambda *args, **kwargs: self.sent.append((args, kwargs))))

    def test_failure_is_notified_with_the_call_arguments(self):
        error = exception.MigrationError(reason='boom')
        self.assertRaises(exception.MigrationError,
                          _Endpoint(error).live_migration_abort,
                          self.ctxt, self.instance, 7)
        [(args, kwargs)] = self.sent
        self.assertEqual((self.ctxt, 'compute1', error,
                          'live_migration_abort'), args)
        self.assertEqual({'instance', 'migration_id'}, set(kwargs['args']))
        self.assertEqual(7, kwargs['args']['migration_id'])
        self.assertEqual(self.instance.uuid, kwargs['args']['instance'][
            'nova_object.data']['uuid'])

    def test_success_notifies_nothing(self):
        _Endpoint().live_migration_abort(self.ctxt, self.instance)
        self.assertEqual([], self.sent)

    def test_a_failing_notifier_never_hides_the_error(self):
        def broken(*args, **kwargs):
            raise RuntimeError('bus down')
        self.useFixture(fixtures.MonkeyPatch(
            'nova.notifications.notify_about_exception', broken))
        error = exception.MigrationError(reason='boom')
        raised = self.assertRaises(
            exception.MigrationError, _Endpoint(error).live_migration_abort,
            self.ctxt, self.instance)
        self.assertIs(error, raised)
