"""The conductor's unshelve task for an offloaded server.

An offloaded server has no host: schedule one and claim the server's
resources there, record the host on the server (compare-and-swap on its
``unshelving`` task), then cast ``unshelve_instance`` to that compute.  No
room anywhere: the claim (if any) is released and the server stays
SHELVED_OFFLOADED with no task and a fault.
"""

from oslo_log import log as logging

from nova.compute import instance_states
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import task_states
from nova.compute import utils as compute_utils
from nova.conductor.tasks import base
import nova.conf
from nova import exception
from nova import objects
from nova.scheduler import rpcapi as scheduler_rpcapi

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

EVENT = 'conductor_unshelve_instance'


class UnshelveTask(base.TaskBase):

    def __init__(self, context, instance):
        super().__init__(context, instance)
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self.scheduler = scheduler_rpcapi.SchedulerAPI()
        self.claimed = False

    def execute(self):
        with compute_utils.EventReporter(self.context, EVENT,
                                         self.instance.uuid, host=CONF.host):
            return super().execute()

    def _execute(self):
        dest = self.scheduler.select_destinations(
            self.context, self.instance.uuid, self.instance.resources())
        self.claimed = True
        self.instance.host = dest['host']
        self.instance.node = dest['nodename']
        self.instance.save(expected_task_state=[task_states.UNSHELVING])
        self.compute_rpcapi.unshelve_instance(
            self.context, self.instance, dest['host'], dest['nodename'])

    def rollback(self, ex):
        if self.claimed:
            objects.ResourceClaim.release(self.context, self.instance.uuid)
        compute_utils.record_fault(self.context, self.instance.uuid, ex)
        self.instance.host = self.instance.node = None
        try:
            instance_states.rollback(self.instance, 'unshelve')
        except (exception.InstanceNotFound, exception.Conflict):
            LOG.info('Instance %s changed during the unshelve rollback',
                     self.instance.uuid)
