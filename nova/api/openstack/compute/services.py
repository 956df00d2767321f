"""``GET /os-services``: which services run and whether they are alive."""

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import services as schema
from nova.api.openstack.compute.views import formats
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova.compute import availability_zones
import nova.conf
from nova.policies import services as services_policies

CONF = nova.conf.CONF


def _last(req, name):
    values = req.GET.getall(name)
    return values[-1] if values else None


class ServiceController:
    """``/os-services`` (list only; there is no update or delete here)."""

    def __init__(self):
        self.compute_api = compute.API()

    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        context = common.get_context(req)
        context.can(services_policies.BASE_POLICY_NAME % 'list',
                    target={})
        services = self.compute_api.service_get_all(
            context, host=_last(req, 'host'), binary=_last(req, 'binary'))
        zones = availability_zones.host_zones(context)
        return {'services': [self._view(req, service, zones)
                             for service in services
                             if service.binary not in
                             availability_zones.API_ONLY_BINARIES]}

    @staticmethod
    def _view(req, service, zones):
        uuid_ids = api_version_request.is_supported(req, '2.53')
        item = {
            'id': service.uuid if uuid_ids else service.id,
            'binary': service.binary,
            'host': service.host,
            'zone': availability_zones.service_zone(service, zones),
            'status': 'disabled' if service.disabled else 'enabled',
            'state': ('up' if service.is_up(CONF.service_down_time)
                      else 'down'),
            'updated_at': formats.precise_time(
                service.last_seen_up or service.updated_at
                or service.created_at),
            'disabled_reason': service.disabled_reason,
        }
        if api_version_request.is_supported(req, '2.11'):
            item['forced_down'] = service.forced_down
        return item
