"""Host aggregates: the rules the ``os-aggregates`` API enforces.

Hosts must be compute services; a host is in one availability zone at
most, so no change may put a host of one zone into an aggregate naming
another; an aggregate is deleted only once it holds no host.
"""

from oslo_utils import uuidutils

from nova.compute import availability_zones
from nova import exception
from nova.i18n import _
from nova import objects
from nova.objects import aggregate as aggregate_obj

AZ_KEY = aggregate_obj.AZ_KEY


def _check_zone_name(zone):
    if zone == availability_zones.INTERNAL_ZONE:
        raise exception.Invalid(reason=_(
            'The availability zone "%s" is reserved for internal '
            'services.') % zone)


def _conflicting_hosts(context, aggregate, hosts, zone):
    """Those of ``hosts`` already in another aggregate of another zone."""
    if not zone:
        return []
    conflicts = []
    for host in hosts:
        for other in objects.AggregateList.get_by_host(context, host):
            if other.id != aggregate.id and other.availability_zone and \
                    other.availability_zone != zone:
                conflicts.append(host)
    return conflicts


class AggregateAPI(object):
    """Create, change and delete aggregates and their host lists."""

    def get(self, context, aggregate_id):
        return objects.Aggregate.get_by_id(context, aggregate_id)

    def get_all(self, context):
        return objects.AggregateList.get_all(context)

    def create(self, context, name, zone=None):
        _check_zone_name(zone)
        aggregate = objects.Aggregate(
            context, uuid=uuidutils.generate_uuid(), name=name,
            metadata={AZ_KEY: zone} if zone else {})
        aggregate.create()
        return aggregate

    def update(self, context, aggregate_id, values):
        """Rename and/or move to another zone (None: out of any zone)."""
        aggregate = self.get(context, aggregate_id)
        if AZ_KEY in values:
            self._set_zone(context, aggregate, values[AZ_KEY], 'update')
        if 'name' in values:
            aggregate.name = values['name']
            aggregate.save()
        return aggregate

    def update_metadata(self, context, aggregate_id, metadata):
        aggregate = self.get(context, aggregate_id)
        if AZ_KEY in metadata:
            self._set_zone(context, aggregate, metadata[AZ_KEY],
                           'update aggregate metadata', metadata)
        else:
            aggregate.update_metadata(metadata)
        return aggregate

    def _set_zone(self, context, aggregate, zone, action, metadata=None):
        _check_zone_name(zone)
        conflicts = _conflicting_hosts(context, aggregate, aggregate.hosts,
                                       zone)
        if conflicts:
            raise exception.InvalidAggregateAction(
                action=action, aggregate_id=aggregate.id, reason=_(
                    'One or more hosts already in availability zone(s) '
                    '%s') % ', '.join(sorted(conflicts)))
        updates = dict(metadata or {})
        updates[AZ_KEY] = zone or None
        aggregate.update_metadata(updates)

    def delete(self, context, aggregate_id):
        self.get(context, aggregate_id).destroy()

    def add_host(self, context, aggregate_id, host):
        objects.Service.get_by_compute_host(context, host)
        aggregate = self.get(context, aggregate_id)
        if _conflicting_hosts(context, aggregate, [host],
                              aggregate.availability_zone):
            raise exception.InvalidAggregateActionAdd(
                aggregate_id=aggregate_id, reason=_(
                    'Host %s is already in another availability '
                    'zone') % host)
        aggregate.add_host(host)
        return aggregate

    def remove_host(self, context, aggregate_id, host):
        objects.Service.get_by_compute_host(context, host)
        aggregate = self.get(context, aggregate_id)
        aggregate.delete_host(host)
        return aggregate
