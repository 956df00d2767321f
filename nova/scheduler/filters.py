"""Host filters and the weigher: which nodes may take a request."""

from nova.db.main import allocations


class HostState(object):
    """A compute node with its service and current usage."""

    def __init__(self, node, service, usage):
        self.node = node
        self.service = service
        self.usage = usage

    @property
    def host(self):
        return self.node.host

    @property
    def nodename(self):
        return self.node.hypervisor_hostname

    def free(self, resource_class):
        return (allocations.capacity(self.node, resource_class)
                - self.usage.get(resource_class, 0))


def compute_filter(state, request, service_down_time):
    """The node's service is enabled and up."""
    service = state.service
    return (service is not None and not service.disabled
            and service.is_up(service_down_time))


def resources_filter(state, request, service_down_time):
    """vCPU, RAM and disk fit, with the node's allocation ratios."""
    return all(state.free(rc) >= amount
               for rc, amount in request['resources'].items())


def requested_host_filter(state, request, service_down_time):
    wanted = request.get('requested_host')
    return wanted is None or state.host == wanted


def ignore_hosts_filter(state, request, service_down_time):
    return state.host not in request.get('ignore_hosts', ())


FILTERS = (ignore_hosts_filter, requested_host_filter, compute_filter,
           resources_filter)

# With ``force`` an admin bypasses the scheduler's judgement of the host but
# never the capacity check of the claim itself.
FORCED_FILTERS = (ignore_hosts_filter, requested_host_filter)


def passing(states, request, service_down_time, force=False):
    filters = FORCED_FILTERS if force else FILTERS
    return [state for state in states
            if all(f(state, request, service_down_time) for f in filters)]


def weigh(states):
    """Most free RAM first, so instances spread across hosts."""
    return sorted(states, key=lambda s: (-s.free('MEMORY_MB'), s.host))
