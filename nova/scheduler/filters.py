"""Host filters and the weigher: which nodes may take a request."""

from nova.db.main import allocations
from nova import exception
from nova import objects


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


def _uuids(value):
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _hosts_of(context, uuids):
    """The hosts of the caller's instances among ``uuids``."""
    hosts = set()
    for uuid in uuids:
        try:
            instance = objects.Instance.get_by_uuid(context, uuid)
        except exception.InstanceNotFound:
            continue
        if instance.project_id == context.project_id or context.is_admin:
            hosts.add(instance.host)
    return hosts


def resolve_hints(context, hints):
    """Scheduler hints as host sets: ``same_host``/``different_host``.

    Read when scheduling, so they follow instances that moved since the
    request was made.  A hint naming no instance of the caller matches
    no host for ``same_host`` and excludes none for ``different_host``.
    """
    resolved = {}
    for name in ('same_host', 'different_host'):
        uuids = _uuids(hints.get(name))
        if uuids:
            resolved[name] = _hosts_of(context, uuids)
    return resolved


def same_host_filter(state, request, service_down_time):
    """Only hosts running one of the ``same_host`` instances."""
    wanted = request.get('hints', {}).get('same_host')
    return wanted is None or state.host in wanted


def different_host_filter(state, request, service_down_time):
    """No host running one of the ``different_host`` instances."""
    avoided = request.get('hints', {}).get('different_host')
    return not avoided or state.host not in avoided


FILTERS = (ignore_hosts_filter, requested_host_filter, compute_filter,
           resources_filter, same_host_filter, different_host_filter)

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
