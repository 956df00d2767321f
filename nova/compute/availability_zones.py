"""Availability zones: what the ``availability_zone`` metadata of host
aggregates makes of the compute hosts.

A host is in the zone of an aggregate it belongs to that names one, and
otherwise in the default zone; services that are not computes are in the
internal zone.  A host is never in two zones (the aggregates API refuses
what would do that).
"""

from nova import objects

DEFAULT_ZONE = 'nova'
INTERNAL_ZONE = 'internal'
COMPUTE_BINARY = 'nova-compute'
# Services that serve the API itself: in no zone, and not listed.
API_ONLY_BINARIES = ('nova-osapi_compute', 'nova-metadata')


def host_zones(context):
    """{host: zone} of every host in an aggregate with a zone."""
    zones = {}
    for aggregate in objects.AggregateList.get_all(context):
        zone = aggregate.availability_zone
        if zone:
            for host in aggregate.hosts:
                zones[host] = zone
    return zones


def service_zone(service, zones):
    """The zone of ``service``, given ``zones`` from ``host_zones``."""
    if service.binary != COMPUTE_BINARY:
        return INTERNAL_ZONE
    return zones.get(service.host, DEFAULT_ZONE)


def zone_of(context, host):
    for aggregate in objects.AggregateList.get_by_host(context, host):
        if aggregate.availability_zone:
            return aggregate.availability_zone
    return DEFAULT_ZONE


def known_zones(context):
    """The default zone and every zone an aggregate names."""
    return {DEFAULT_ZONE} | {aggregate.availability_zone for aggregate in
                             objects.AggregateList.get_all(context)
                             if aggregate.availability_zone}
