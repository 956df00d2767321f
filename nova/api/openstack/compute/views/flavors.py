"""How flavors look, per microversion (up to 2.61)."""

from nova.api.openstack import api_version_request
from nova.api.openstack import common


class ViewBuilder:
    """Flavors on the wire: index, detail and show."""

    _collection = 'flavors'

    def index(self, req, flavors, limit=None):
        items = [self._basic(req, flavor) for flavor in flavors]
        return self._collection_body(req, items, flavors, limit)

    def detail(self, req, flavors, limit=None):
        items = [self._full(req, flavor) for flavor in flavors]
        return self._collection_body(req, items, flavors, limit)

    def show(self, req, flavor):
        return {'flavor': self._full(req, flavor)}

    def _collection_body(self, req, items, flavors, limit):
        body = {'flavors': items}
        if limit and len(flavors) == limit:
            body['flavors_links'] = [common.next_link(
                req, flavors[-1].flavorid)]
        return body

    def _basic(self, req, flavor):
        item = {'id': flavor.flavorid, 'name': flavor.name,
                'links': common.resource_links(req, self._collection,
                                               flavor.flavorid)}
        if api_version_request.is_supported(req, '2.55'):
            item['description'] = flavor.description
        return item

    def _full(self, req, flavor):
        item = self._basic(req, flavor)
        item.update({
            'vcpus': flavor.vcpus,
            'ram': flavor.memory_mb,
            'disk': flavor.root_gb,
            'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
            # Nova's quirk until 2.75: no swap is "", not 0.
            'swap': flavor.swap or '',
            'rxtx_factor': flavor.rxtx_factor,
            'OS-FLV-DISABLED:disabled': flavor.disabled,
            'os-flavor-access:is_public': flavor.is_public,
        })
        if api_version_request.is_supported(req, '2.61'):
            item['extra_specs'] = flavor.get_extra_specs()
        return item
