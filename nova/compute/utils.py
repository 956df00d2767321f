"""Small helpers shared by the compute manager and the conductor.

``wrap_exception``, ``wrap_instance_event`` and ``wrap_instance_fault``
decorate RPC entry points on the compute manager (in that order, outermost
first), so handlers hold no recording code.
"""

import functools
import inspect
import sys
import traceback

from oslo_log import log as logging

from nova import exception
from nova import notifications
from nova import objects

LOG = logging.getLogger(__name__)


class EventReporter(object):
    """Records an instance-action event around a block of work.

    The event starts on entry and finishes ``Success`` or ``Error`` (with the
    traceback) on exit; a failure to record is logged and never hides the
    block's own outcome.
    """

    def __init__(self, context, event_name, instance_uuid, host=None):
        self.context = context
        self.event_name = event_name
        self.instance_uuid = instance_uuid
        self.host = host
        self.recording = True

    def __enter__(self):
        try:
            objects.InstanceActionEvent.event_start(
                self.context, self.instance_uuid, self.event_name,
                host=self.host)
        except exception.InstanceActionNotFound:
            # Work not started by an API request (start-up repair, stop).
            self.recording = False
        except Exception:
            LOG.warning('Could not record start of %s for %s',
                        self.event_name, self.instance_uuid, exc_info=True)
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        if not self.recording:
            return False
        try:
            error = None if exc_val is None else _describe(exc_val)
            trace = None if exc_tb is None else ''.join(
                traceback.format_exception(exc_type, exc_val, exc_tb))
            objects.InstanceActionEvent.event_finish(
                self.context, self.instance_uuid, self.event_name,
                error=error, traceback=trace)
        except Exception:
            LOG.warning('Could not record end of %s for %s',
                        self.event_name, self.instance_uuid, exc_info=True)
        return False


def _instance_of_call(signature, args, kwargs):
    """The ``instance`` argument of a decorated method's call."""
    return signature.bind(*args, **kwargs).arguments['instance']


def wrap_exception(func):
    """Notify an exception escaping the method, then re-raise it.

    Legacy: an ERROR notification named after the method, carrying the
    call's arguments; versioned: ``compute.exception``.  A failure to
    notify is logged and never hides the method's own exception.
    """
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapped(self, context, *args, **kwargs):
        try:
            return func(self, context, *args, **kwargs)
        except Exception as exc:
            try:
                call = signature.bind(self, context, *args, **kwargs)
                notifications.notify_about_exception(
                    context, self.host, exc, func.__name__,
                    args=_notification_args(call.arguments))
            except Exception:
                LOG.warning('Could not notify the failure of %s',
                            func.__name__, exc_info=True)
            raise
    return wrapped


def _notification_args(arguments):
    """The call's arguments but ``self`` and ``context``, as primitives."""
    return {name: value.obj_to_primitive()
            if hasattr(value, 'obj_to_primitive') else value
            for name, value in arguments.items()
            if name not in ('self', 'context')}


def wrap_instance_event(prefix):
    """Record the call as the instance-action event ``<prefix>_<method>``.

    For methods ``(self, context, ..., instance, ...)`` of an object with a
    ``host``: the event starts before the method and finishes ``Success`` or
    ``Error`` (with the traceback) after it, see ``EventReporter``.
    """
    def decorator(func):
        event_name = '%s_%s' % (prefix, func.__name__)
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapped(self, context, *args, **kwargs):
            instance = _instance_of_call(signature, (self, context) + args,
                                         kwargs)
            with EventReporter(context, event_name, instance.uuid,
                               host=self.host):
                return func(self, context, *args, **kwargs)
        return wrapped
    return decorator


def wrap_instance_fault(func):
    """Store an exception escaping the method as the instance's fault.

    The exception is re-raised unchanged.  ``InstanceNotFound`` is not
    stored: there is no instance left to hold it.
    """
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapped(self, context, *args, **kwargs):
        try:
            return func(self, context, *args, **kwargs)
        except exception.InstanceNotFound:
            raise
        except Exception as exc:
            instance = _instance_of_call(signature, (self, context) + args,
                                         kwargs)
            record_fault(context, instance.uuid, exc, host=self.host)
            raise
    return wrapped


def record_fault(context, instance_uuid, exc, host=None):
    """Store ``exc`` as the instance's fault; never raises."""
    try:
        objects.InstanceFault.record(context, instance_uuid, exc, host=host,
                                     details=_format_exc(exc))
    except Exception:
        LOG.warning('Could not record fault of %s', instance_uuid,
                    exc_info=True)


def _describe(exc):
    if hasattr(exc, 'format_message'):
        return exc.format_message()
    return '%s: %s' % (exc.__class__.__name__, exc)


def _format_exc(exc):
    if sys.exc_info()[1] is exc:
        return ''.join(traceback.format_exc())
    return str(exc)
