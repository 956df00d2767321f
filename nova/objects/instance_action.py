"""Instance actions (what was asked) and their events (what ran)."""

from oslo_utils import timeutils

from nova.db.main import actions as db
from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class InstanceAction(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: fail_unfinished
    VERSION = '1.1'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'action': fields.StringField(nullable=True),
        'instance_uuid': fields.UUIDField(nullable=True),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
    }

    @base.remotable_classmethod
    def action_start(cls, context, instance_uuid, action_name):
        """Record that ``context`` asked for ``action_name`` on an instance."""
        row = db.action_start(context, {
            'action': action_name, 'instance_uuid': instance_uuid,
            'request_id': context.request_id, 'user_id': context.user_id,
            'project_id': context.project_id,
            'start_time': timeutils.utcnow()})
        return cls._from_db(context, row)

    @base.remotable_classmethod
    def fail_unfinished(cls, context, instance_uuid, action_name, event_name,
                        error, host=None):
        """Finish a request its own process never finished, as an error.

        :returns: True if an unfinished ``action_name`` was found.
        """
        row = db.action_fail_unfinished(context, instance_uuid, action_name,
                                        {'event': event_name,
                                         'details': error, 'host': host})
        return row is not None

    @base.remotable_classmethod
    def get_by_request_id(cls, context, instance_uuid, request_id):
        return cls._from_db(context, db.action_get_by_request_id(
            context, instance_uuid, request_id))


@base.NovaObjectRegistry.register
class InstanceActionList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: record_finished
    # Version 1.2: get_with_unfinished_event
    VERSION = '1.2'
    fields = {'objects': fields.ListOfObjectsField('InstanceAction')}

    @base.remotable_classmethod
    def get_with_unfinished_event(cls, context, event_name, host):
        """Actions whose ``event_name`` on ``host`` never finished."""
        return base.list_from_db_rows(
            cls, InstanceAction, context,
            db.actions_with_unfinished_event(context, event_name, host))

    @base.remotable_classmethod
    def record_finished(cls, context, instance_uuids, action_name,
                        event_name, start_time, host=None, faults=None):
        """Record one outcome many instances share, in one transaction.

        Per instance: the action ``action_name`` asked by ``context`` with
        its event ``event_name`` finished ``Success`` (started at
        ``start_time``), and its fault if ``faults`` ({uuid: columns, see
        ``instance_fault.fault_values``}) has one: what ``action_start``
        and an ``EventReporter`` leave per instance, set-based.

        :returns: the uuids recorded (instances deleted meanwhile are not).
        """
        now = timeutils.utcnow()
        action = {'action': action_name, 'request_id': context.request_id,
                  'user_id': context.user_id,
                  'project_id': context.project_id,
                  'start_time': start_time}
        event = {'event': event_name, 'host': host, 'start_time': start_time,
                 'finish_time': now, 'result': 'Success'}
        return db.actions_record_finished(
            context, list(instance_uuids), action, event, faults)

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid, limit=None,
                             marker=None, changes_since=None):
        return base.list_from_db_rows(
            cls, InstanceAction, context, db.actions_get(
                context, instance_uuid, limit=limit, marker=marker,
                changes_since=changes_since))


@base.NovaObjectRegistry.register
class InstanceActionEvent(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'event': fields.StringField(nullable=True),
        'action_id': fields.IntegerField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'result': fields.StringField(nullable=True),
        'traceback': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
    }

    @base.remotable_classmethod
    def event_start(cls, context, instance_uuid, event_name, host=None):
        row = db.action_event_start(context, instance_uuid,
                                    context.request_id, {
                                        'event': event_name, 'host': host,
                                        'start_time': timeutils.utcnow()})
        return cls._from_db(context, row)

    @base.remotable_classmethod
    def event_finish(cls, context, instance_uuid, event_name, error=None,
                     traceback=None):
        """Finish the event: ``Success``, or ``Error`` with its traceback.

        ``error`` and ``traceback`` are strings so the call can travel over
        RPC from a compute host.
        """
        values = {'finish_time': timeutils.utcnow(), 'result': 'Success'}
        if error is not None:
            values.update(result='Error', details=error, traceback=traceback)
        row = db.action_event_finish(context, instance_uuid,
                                     context.request_id, event_name, values)
        return cls._from_db(context, row)


@base.NovaObjectRegistry.register
class InstanceActionEventList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('InstanceActionEvent')}

    @base.remotable_classmethod
    def get_by_action(cls, context, action_id):
        return base.list_from_db_rows(
            cls, InstanceActionEvent, context,
            db.action_events_get(context, action_id))
