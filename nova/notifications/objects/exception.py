"""The exception payload: a fault inside an instance action, or alone.

``ExceptionNotification`` is ``compute.exception``, sent (priority ERROR)
when a decorated compute entry point raises.
"""

import inspect
import traceback

from nova.notifications.objects import base
from nova.objects import fields


@base.register
class ExceptionPayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'module_name': fields.StringField(),
        'function_name': fields.StringField(),
        'exception': fields.StringField(),
        'exception_message': fields.StringField(),
        'traceback': fields.StringField(),
    }

    @classmethod
    def from_exception(cls, exc):
        """Where ``exc`` was raised (innermost frame), what and why."""
        module_name, function_name = _raising_frame(exc.__traceback__)
        message = exc.format_message() if hasattr(exc, 'format_message') \
            else str(exc)
        return cls(module_name=module_name, function_name=function_name,
                   exception=exc.__class__.__name__,
                   exception_message=str(message),
                   traceback=''.join(traceback.format_exception(
                       type(exc), exc, exc.__traceback__)))


def _raising_frame(tb):
    if tb is None:
        return 'unknown', 'unknown'
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = inspect.getmodule(tb.tb_frame)
    return (module.__name__ if module else 'unknown',
            tb.tb_frame.f_code.co_name)


@base.register
class ExceptionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': fields.ObjectField('ExceptionPayload'),
    }
