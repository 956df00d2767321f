"""Small helpers shared by the compute manager and the conductor."""

import sys
import traceback

from oslo_log import log as logging

from nova import exception
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
