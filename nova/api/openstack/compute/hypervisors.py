"""``/os-hypervisors``: the compute nodes, their capacity and usage.

Capacity is what each node reported; usage is what the claims on it hold
(the allocations), and ``running_vms`` the live instances on it.  Shapes
follow the microversions up to this project's maximum: 2.28 ``cpu_info``
as an object, 2.33 paging, 2.53 uuids as ids, ``hypervisor_hostname_pattern``
and ``with_servers`` instead of the ``search``/``servers`` paths.
"""

import json

import oslo_messaging as messaging
from oslo_utils import uuidutils
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import hypervisors as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import rpcapi as compute_rpcapi
import nova.conf
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import hypervisors as hv_policies

CONF = nova.conf.CONF

# The simulated hypervisors run on this machine.
_HOST_IP = '127.0.0.1'
_HYPERVISOR_VERSION = 1000


def _last(req, name):
    values = req.GET.getall(name)
    return values[-1] if values else None


def _cpu_info(node):
    return {'arch': 'x86_64', 'model': 'simulated', 'vendor': 'simulated',
            'topology': {'sockets': 1, 'cores': node.vcpus, 'threads': 1},
            'features': []}


class HypervisorsController:

    def __init__(self):
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    @staticmethod
    def _context(req, rule):
        context = common.get_context(req)
        context.can(hv_policies.BASE_POLICY_NAME % rule, target={})
        return context

    # Views.

    def _summary(self, req, node, service):
        uuids = api_version_request.is_supported(req, '2.53')
        return {
            'id': node.uuid if uuids else node.id,
            'hypervisor_hostname': node.hypervisor_hostname,
            'state': ('up' if service and service.is_up(
                CONF.service_down_time) else 'down'),
            'status': ('disabled' if service and service.disabled
                       else 'enabled'),
        }

    def _detail(self, req, node, service, instances):
        item = self._summary(req, node, service)
        used = node.get_usage()
        vcpus_used = used.get('VCPU', 0)
        ram_used = used.get('MEMORY_MB', 0)
        disk_used = used.get('DISK_GB', 0)
        cpu_info = _cpu_info(node)
        uuids = api_version_request.is_supported(req, '2.53')
        item.update({
            'vcpus': node.vcpus, 'vcpus_used': vcpus_used,
            'memory_mb': node.memory_mb, 'memory_mb_used': ram_used,
            'free_ram_mb': node.memory_mb - ram_used,
            'local_gb': node.local_gb, 'local_gb_used': disk_used,
            'free_disk_gb': node.local_gb - disk_used,
            'disk_available_least': node.local_gb - disk_used,
            'current_workload': sum(1 for i in instances
                                    if i.task_state is not None),
            'running_vms': len(instances),
            'hypervisor_type': node.hypervisor_type,
            'hypervisor_version': _HYPERVISOR_VERSION,
            'host_ip': _HOST_IP,
            'cpu_info': (cpu_info if api_version_request.is_supported(
                req, '2.28') else json.dumps(cpu_info)),
            'service': {
                'host': node.host,
                'id': (service.uuid if uuids else service.id)
                if service else None,
                'disabled_reason': service.disabled_reason
                if service else None},
        })
        return item

    # Data.

    def _nodes(self, context, req, pattern=None):
        nodes = sorted(objects.ComputeNodeList.get_all(context),
                       key=lambda n: n.id)
        if pattern is not None:
            nodes = [n for n in nodes if pattern in n.hypervisor_hostname]
        return nodes

    @staticmethod
    def _service(context, node):
        try:
            return objects.Service.get_by_compute_host(context, node.host)
        except exception.NotFound:
            return None

    @staticmethod
    def _instances(context, node):
        return list(objects.InstanceList.get_by_filters(
            context, {'host': node.host,
                      'node': node.hypervisor_hostname}))

    def _page(self, req, nodes):
        """2.33+: ``limit``/``marker`` (the id of this microversion)."""
        if not api_version_request.is_supported(req, '2.33'):
            return nodes, None
        limit, marker = common.get_limit_and_marker(req)
        if marker is not None:
            ids = [str(self._id(req, n)) for n in nodes]
            if marker not in ids:
                raise webob.exc.HTTPBadRequest(
                    explanation=_('marker [%s] not found') % marker)
            nodes = nodes[ids.index(marker) + 1:]
        return nodes[:limit], limit

    @staticmethod
    def _id(req, node):
        return (node.uuid if api_version_request.is_supported(req, '2.53')
                else node.id)

    def _collection(self, req, detail):
        context = self._context(req, 'list-detail' if detail else 'list')
        pattern = _last(req, 'hypervisor_hostname_pattern')
        nodes = self._nodes(context, req, pattern)
        if pattern is not None and not nodes:
            raise webob.exc.HTTPNotFound(
                explanation=_('No hypervisor matching %s could be found.')
                % pattern)
        with_servers = self._with_servers(req)
        nodes, limit = self._page(req, nodes)
        items = []
        for node in nodes:
            service = self._service(context, node)
            instances = (self._instances(context, node)
                         if detail or with_servers else [])
            item = (self._detail(req, node, service, instances) if detail
                    else self._summary(req, node, service))
            if with_servers:
                item['servers'] = [{'name': i.display_name, 'uuid': i.uuid}
                                   for i in instances]
            items.append(item)
        body = {'hypervisors': items}
        if limit and len(nodes) == limit:
            body['hypervisors_links'] = [common.next_link(
                req, self._id(req, nodes[-1]))]
        return body

    @staticmethod
    def _with_servers(req):
        if not api_version_request.is_supported(req, '2.53'):
            return False
        value = _last(req, 'with_servers')
        return value is not None and value.lower() in (
            '1', 't', 'true', 'on', 'y', 'yes')

    # Routes.

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query_v233, '2.33', '2.52')
    @validation.query_schema(schema.index_query_v253, '2.53')
    def index(self, req):
        return self._collection(req, detail=False)

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query_v233, '2.33', '2.52')
    @validation.query_schema(schema.index_query_v253, '2.53')
    def detail(self, req):
        return self._collection(req, detail=True)

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.show_query_v253, '2.53')
    def show(self, req, id):
        context = self._context(req, 'show')
        node = self._get(context, req, id)
        service = self._service(context, node)
        instances = self._instances(context, node)
        item = self._detail(req, node, service, instances)
        if self._with_servers(req):
            item['servers'] = [{'name': i.display_name, 'uuid': i.uuid}
                               for i in instances]
        return {'hypervisor': item}

    @wsgi.expected_errors((400, 404, 501))
    @validation.query_schema(schema.show_query_v253, '2.53')
    def uptime(self, req, id):
        """The host's ``uptime`` line, asked of its compute service."""
        context = self._context(req, 'uptime')
        node = self._get(context, req, id)
        service = self._service(context, node)
        if service is None or not service.is_up(CONF.service_down_time):
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Compute service of %s is unavailable at this time.')
                % node.host)
        if service.disabled:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Compute service of %s is disabled.') % node.host)
        try:
            uptime = self.compute_rpcapi.get_host_uptime(context, node.host)
        except exception.ComputeServiceTooOld as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        except NotImplementedError:
            raise webob.exc.HTTPNotImplemented(explanation=_(
                'The hypervisor of this host does not report its uptime.'))
        except messaging.MessagingTimeout:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Compute service of %s did not answer.') % node.host)
        item = self._summary(req, node, service)
        item['uptime'] = uptime
        return {'hypervisor': item}

    @wsgi.expected_errors(())
    def statistics(self, req):
        context = self._context(req, 'statistics')
        totals = dict.fromkeys(_STAT_KEYS, 0)
        nodes = self._nodes(context, req)
        for node in nodes:
            detail = self._detail(req, node, None,
                                  self._instances(context, node))
            for key in _STAT_KEYS:
                totals[key] += detail[key]
        totals['count'] = len(nodes)
        return {'hypervisor_statistics': totals}

    @wsgi.api_version('2.1', '2.52')
    @wsgi.expected_errors(404)
    def search(self, req, id):
        context = self._context(req, 'search')
        return {'hypervisors': [
            self._summary(req, node, self._service(context, node))
            for node in self._matching(context, req, id)]}

    @wsgi.api_version('2.1', '2.52')
    @wsgi.expected_errors(404)
    def servers(self, req, id):
        context = self._context(req, 'servers')
        items = []
        for node in self._matching(context, req, id):
            item = self._summary(req, node, self._service(context, node))
            item['servers'] = [{'name': i.display_name, 'uuid': i.uuid}
                               for i in self._instances(context, node)]
            items.append(item)
        return {'hypervisors': items}

    def _matching(self, context, req, pattern):
        nodes = self._nodes(context, req, pattern)
        if not nodes:
            raise webob.exc.HTTPNotFound(
                explanation=_('No hypervisor matching %s could be found.')
                % pattern)
        return nodes

    def _get(self, context, req, hypervisor_id):
        uuids = api_version_request.is_supported(req, '2.53')
        if uuids and not uuidutils.is_uuid_like(hypervisor_id):
            raise webob.exc.HTTPBadRequest(
                explanation=_('Invalid uuid %s') % hypervisor_id)
        for node in self._nodes(context, req):
            if str(node.uuid if uuids else node.id) == hypervisor_id:
                return node
        raise webob.exc.HTTPNotFound(
            explanation=_('Hypervisor with ID %s could not be found.')
            % hypervisor_id)


_STAT_KEYS = ('vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used',
              'free_ram_mb', 'local_gb', 'local_gb_used', 'free_disk_gb',
              'disk_available_least', 'current_workload', 'running_vms')
