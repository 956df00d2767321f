"""``/os-availability-zone``: the zones the compute hosts are in.

A compute host is in the zone its host aggregate names, otherwise in the
default zone (``nova.compute.availability_zones``); the other services are
in the internal zone, which only the detailed list shows.  A zone is
available while at least one enabled nova-compute is in it.
"""

import collections

from nova.api.openstack import common
from nova.api.openstack.compute.views import formats
from nova.api.openstack import wsgi
from nova.compute import api as compute
from nova.compute import availability_zones
import nova.conf
from nova.policies import availability_zone as az_policies

CONF = nova.conf.CONF


class AvailabilityZoneController:

    def __init__(self):
        self.compute_api = compute.API()

    @wsgi.expected_errors(())
    def index(self, req):
        """Zone names and whether each can take servers (no hosts)."""
        context = common.get_context(req)
        context.can(az_policies.BASE_POLICY_NAME % 'list', target={})
        services = self._services(context)
        return {'availabilityZoneInfo': [
            _zone(name, available, None)
            for name, available in _compute_zones(services)]}

    @wsgi.expected_errors(())
    def detail(self, req):
        """Every zone with its hosts and their services' state."""
        context = common.get_context(req)
        context.can(az_policies.BASE_POLICY_NAME % 'detail', target={})
        services = self._services(context)
        hosts = _hosts_by_zone(services)
        zones = [_zone(name, available, hosts[name] if available else None)
                 for name, available in _compute_zones(services)]
        if availability_zones.INTERNAL_ZONE in hosts:
            zones.insert(0, _zone(availability_zones.INTERNAL_ZONE, True,
                                  hosts[availability_zones.INTERNAL_ZONE]))
        return {'availabilityZoneInfo': zones}

    def _services(self, context):
        """[(zone, service)] of the services that are in a zone."""
        zones = availability_zones.host_zones(context)
        return [(availability_zones.service_zone(s, zones), s)
                for s in self.compute_api.service_get_all(context)
                if s.binary not in availability_zones.API_ONLY_BINARIES]


def _zone(name, available, hosts):
    return {'zoneName': name, 'zoneState': {'available': available},
            'hosts': hosts}


def _compute_zones(services):
    """[(zone, available)] sorted by name: zones of nova-compute hosts."""
    available = {}
    for zone, service in services:
        if service.binary == availability_zones.COMPUTE_BINARY:
            available[zone] = (available.get(zone, False) or
                               not service.disabled)
    return sorted(available.items())


def _hosts_by_zone(services):
    hosts = collections.defaultdict(dict)
    for zone, service in services:
        hosts[zone].setdefault(service.host, {})[service.binary] = {
            'available': service.is_up(CONF.service_down_time),
            'active': not service.disabled,
            'updated_at': formats.precise_time(
                service.last_seen_up or service.updated_at or
                service.created_at),
        }
    return hosts
