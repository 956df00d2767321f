"""The scheduler: filter, weigh, then claim on the best host."""

from oslo_log import log as logging
import oslo_messaging as messaging

import nova.conf
from nova import exception
from nova import manager
from nova import objects
from nova.scheduler import filters

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class SchedulerManager(manager.Manager):
    """RPC endpoint of nova-scheduler (topic ``scheduler``)."""

    target = messaging.Target(version='1.1')
    service_name = 'scheduler'

    def __init__(self, host=None):
        super().__init__(host=host, service_name='scheduler')

    @messaging.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, context, consumer_uuid, resources,
                            requested_host=None, ignore_hosts=None,
                            force=False, scheduler_hints=None):
        request = {'resources': resources, 'requested_host': requested_host,
                   'ignore_hosts': ignore_hosts or [],
                   'hints': filters.resolve_hints(context,
                                                  scheduler_hints or {})}
        candidates = filters.weigh(filters.passing(
            self._host_states(context), request, CONF.service_down_time,
            force=force))
        for state in candidates:
            try:
                objects.ResourceClaim.claim(context, consumer_uuid,
                                            state.host, state.nodename,
                                            resources)
            except (exception.InsufficientResources,
                    exception.ClaimConflict) as exc:
                LOG.info('Claim for %s on %s lost: %s', consumer_uuid,
                         state.host, exc)
                continue
            return {'host': state.host, 'nodename': state.nodename}
        raise exception.NoValidHost(
            reason='No compute host has room for %s%s.' % (
                resources, ' on %s' % requested_host if requested_host
                else ''))

    def _host_states(self, context):
        services = {s.host: s for s in objects.ServiceList.get_all(
            context, binary='nova-compute')}
        return [filters.HostState(node, services.get(node.host),
                                  node.get_usage())
                for node in objects.ComputeNodeList.get_all(context)]
