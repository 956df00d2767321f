"""Conductor tasks: ``execute`` the steps, ``rollback`` on any failure."""

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class TaskBase(object):
    """A unit of conductor work whose failure undoes what it did."""

    def __init__(self, context, instance):
        self.context = context
        self.instance = instance

    def execute(self):
        try:
            return self._execute()
        except Exception as exc:
            LOG.info('%s for %s failed: %s', self.__class__.__name__,
                     self.instance.uuid, exc)
            self.rollback(exc)
            raise

    def _execute(self):
        raise NotImplementedError()

    def rollback(self, ex):
        raise NotImplementedError()
