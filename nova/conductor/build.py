"""The conductor's build task: schedule with a claim, then cast to compute."""

from oslo_log import log as logging

from nova.compute import rpcapi as compute_rpcapi
from nova.compute import utils as compute_utils
from nova.compute import vm_states
import nova.conf
from nova import exception
from nova import objects
from nova.scheduler import rpcapi as scheduler_rpcapi

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class BuildTask(object):
    """Find a host for a new instance and hand it to that compute."""

    EVENT = 'conductor_schedule_and_build_instances'

    def __init__(self, context, instance, requested_host=None,
                 scheduler_hints=None):
        self.context = context
        self.instance = instance
        self.requested_host = requested_host
        self.scheduler_hints = scheduler_hints
        self.scheduler = scheduler_rpcapi.SchedulerAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    def execute(self):
        with compute_utils.EventReporter(self.context, self.EVENT,
                                         self.instance.uuid, host=CONF.host):
            try:
                dest = self.scheduler.select_destinations(
                    self.context, self.instance.uuid,
                    self.instance.resources(), self.requested_host,
                    scheduler_hints=self.scheduler_hints)
            except exception.NoValidHost as exc:
                # Expected, and the scheduler's answer says it all: no
                # remote traceback in the fault's details.
                self._set_error(exc, details=exc.format_message())
                raise
            except Exception as exc:
                # The database or the bus failed under the scheduler: the
                # instance must not stay BUILD, nor keep a claim it may
                # have got before the answer was lost.
                self._release_claim()
                self._set_error(exc)
                raise
            self._assign(dest)

    def _release_claim(self):
        try:
            objects.ResourceClaim.release(self.context, self.instance.uuid)
        except Exception:
            LOG.exception('Could not release the claim of instance %s',
                          self.instance.uuid)

    def _assign(self, dest):
        try:
            self.instance.host = dest['host']
            self.instance.node = dest['nodename']
            self.instance.save(expected_task_state=['scheduling'])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            # Deleted while we scheduled: give back what we claimed.
            objects.ResourceClaim.release(self.context, self.instance.uuid)
            LOG.info('Instance %s went away while scheduling',
                     self.instance.uuid)
            return
        self.compute_rpcapi.build_and_run_instance(
            self.context, self.instance, host=dest['host'],
            node=dest['nodename'])

    def _set_error(self, exc, details=None):
        objects.InstanceFault.record(self.context, self.instance.uuid, exc,
                                     details=details)
        self.instance.vm_state = vm_states.ERROR
        self.instance.task_state = None
        try:
            self.instance.save()
        except exception.InstanceNotFound:
            pass
