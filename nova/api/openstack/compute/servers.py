"""The servers API: create, list, show and delete servers.

There is no image service and no network service behind this project: a
server records its image UUID, gets no ports, and runs on the simulating
virt driver of the compute host the scheduler (or an admin) chose.
"""

import copy
import secrets
import string

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import client_input
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import servers as schema
from nova.api.openstack.compute.views import servers as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
import nova.conf
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import servers as server_policies

CONF = nova.conf.CONF
SERVERS = server_policies.SERVERS

# Characters of generated admin passwords: no look-alikes (0/O, 1/l/I).
_PASSWORD_SYMBOLS = ''.join(c for c in string.ascii_letters + string.digits
                            if c not in '0O1lI')
_PASSWORD_LENGTH = 12


def generate_password():
    return ''.join(secrets.choice(_PASSWORD_SYMBOLS)
                   for _i in range(_PASSWORD_LENGTH))


def _bad_request(message):
    return webob.exc.HTTPBadRequest(explanation=message)


def _last(params, name):
    values = params.getall(name)
    return values[-1] if values else None


def with_read_deleted(context, read_deleted):
    """A copy of ``context`` whose queries see deleted rows as asked."""
    if context.read_deleted == read_deleted:
        return context
    other = copy.deepcopy(context)
    other.read_deleted = read_deleted
    return other


class ServersController:
    """``/servers``: the lifecycle of servers, thin over compute.API."""

    def __init__(self):
        self.compute_api = compute.API()
        self._view = views.ViewBuilder()

    # Lists.

    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    def index(self, req):
        context = common.get_context(req)
        context.can(SERVERS % 'index',
                    target={'project_id': context.project_id})
        instances, limit = self._list(req, context, 'index')
        return self._view.index(req, instances, limit)

    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        context = common.get_context(req)
        context.can(SERVERS % 'detail',
                    target={'project_id': context.project_id})
        instances, limit = self._list(req, context, 'detail')
        return self._view.detail(req, context, instances, limit)

    def _list(self, req, context, action):
        """The page of instances the query asks for, and its limit."""
        limit, marker = common.get_limit_and_marker(req)
        filters = self._filters(req, context, action)
        if filters is None:
            return [], limit
        read_deleted = filters.pop('read_deleted')
        list_context = with_read_deleted(context, read_deleted)
        with common.translate(exception.MarkerNotFound,
                              webob.exc.HTTPBadRequest):
            instances = self.compute_api.get_all(
                list_context, filters, limit=limit, marker=marker)
        return list(instances), limit

    def _filters(self, req, context, action):
        """Database filters from the query; None when nothing can match."""
        params = req.GET
        filters = {'read_deleted': 'no'}
        if self._all_tenants(params):
            context.can(SERVERS % ('%s:get_all_tenants' % action),
                        target={'project_id': context.project_id})
            filters['all_tenants'] = True
        name = _last(params, 'name')
        if name:
            filters['name'] = name
        if params.getall('status'):
            states = self._states(req, params.getall('status'))
            if states is None:
                return None
            filters.update(states)
        self._admin_filters(params, context, filters)
        changes_since = _last(params, 'changes-since')
        if changes_since:
            filters['changes-since'] = client_input.utc_datetime(
                changes_since, 'changes-since')
            if 'deleted' not in params:
                filters['read_deleted'] = 'yes'
        return filters

    @staticmethod
    def _all_tenants(params):
        value = _last(params, 'all_tenants')
        if value is None:
            return False
        try:
            return strutils.bool_from_string(value, strict=True)
        except ValueError as exc:
            raise _bad_request(str(exc))

    @staticmethod
    def _states(req, statuses):
        states = views.states_from_statuses(statuses)
        if states is None:
            if api_version_request.is_supported(req, '2.38'):
                raise _bad_request(_('Invalid status value'))
            return None
        vm_states, task_states = states
        if not vm_states:
            return None
        filters = {'vm_state': sorted(vm_states)}
        if task_states is not None:
            filters['task_state'] = sorted(task_states)
        return filters

    @staticmethod
    def _admin_filters(params, context, filters):
        """host, node and deleted count only for allowed callers."""
        wanted = {key: _last(params, key)
                  for key in ('host', 'node', 'deleted')
                  if _last(params, key) is not None}
        if not wanted or not context.can(
                SERVERS % 'allow_all_filters',
                target={'project_id': context.project_id}, fatal=False):
            return
        for key in ('host', 'node'):
            if key in wanted:
                filters[key] = wanted[key]
        if strutils.bool_from_string(wanted.get('deleted', 'false')):
            filters['read_deleted'] = 'only'

    # One server.

    @wsgi.expected_errors(404)
    def show(self, req, id):
        context = common.get_context(req)
        instance = self._get_instance(context, id)
        context.can(SERVERS % 'show', target=_target(instance))
        return self._view.show(req, context, instance)

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, id):
        context = common.get_context(req)
        instance = self._get_instance(context, id)
        context.can(SERVERS % 'delete', target=_target(instance))
        with common.translate(exception.InstanceIsLocked,
                              webob.exc.HTTPConflict), \
                common.translate(exception.InstanceNotFound,
                                 webob.exc.HTTPNotFound):
            self.compute_api.delete(context, instance)

    def _get_instance(self, context, server_id):
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            return self.compute_api.get(context, server_id)

    # Create.

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403))
    @validation.schema(schema.create, '2.1', '2.31')
    @validation.schema(schema.create_v232, '2.32', '2.36')
    @validation.schema(schema.create_v237, '2.37', '2.41')
    @validation.schema(schema.create_v242, '2.42')
    def create(self, req, body):
        context = common.get_context(req)
        server = body['server']
        context.can(SERVERS % 'create',
                    target={'project_id': context.project_id,
                            'user_id': context.user_id})
        zone, host, node = self._availability_zone(
            context, server.get('availability_zone'))
        _check_count(server)
        flavor = self._flavor(context, server['flavorRef'])
        image_ref = _image_ref(server)
        with common.translate(exception.ComputeHostNotFound,
                              webob.exc.HTTPBadRequest):
            instance = self.compute_api.create(
                context, server['name'], flavor, image_ref,
                requested_host=host, requested_node=node,
                availability_zone=zone, key_name=server.get('key_name'))
        password = (generate_password()
                    if CONF.api.enable_instance_password else None)
        return wsgi.ResponseObject(
            self._view.create(req, instance, password),
            headers={'Location': self._view.self_href(req, instance)})

    @staticmethod
    def _availability_zone(context, value):
        """``zone[:host[:node]]`` → (zone, forced host, forced node)."""
        if not value:
            return None, None, None
        zone, _sep, rest = value.partition(':')
        host, _sep, node = rest.partition(':')
        if host or node:
            context.can(SERVERS % 'create:forced_host',
                        target={'project_id': context.project_id})
        zone = zone or views.DEFAULT_AVAILABILITY_ZONE
        if zone != views.DEFAULT_AVAILABILITY_ZONE:
            raise _bad_request(
                _('The requested availability zone is not available: the '
                  'only zone is "%s".') % views.DEFAULT_AVAILABILITY_ZONE)
        return zone, host or None, node or None

    @staticmethod
    def _flavor(context, flavor_ref):
        flavor_id = str(flavor_ref).rstrip('/').rsplit('/', 1)[-1]
        with common.translate(exception.FlavorNotFound,
                              webob.exc.HTTPBadRequest):
            flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        if flavor.disabled:
            raise _bad_request(_('Flavor %s is disabled.') % flavor_id)
        return flavor


def _target(instance):
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


def _check_count(server):
    min_count = client_input.integer(server.get('min_count', 1),
                                     'min_count', minimum=1)
    max_count = client_input.integer(server.get('max_count', min_count),
                                     'max_count', minimum=1)
    if min_count > max_count:
        raise _bad_request(_('min_count must be <= max_count'))
    if max_count > 1:
        raise _bad_request(
            _('This deployment creates one server per request: min_count '
              'and max_count must be 1.'))


def _image_ref(server):
    """The image of the root disk: imageRef or the boot mapping's uuid."""
    image_ref = server.get('imageRef') or ''
    boot_image = _boot_image(server.get('block_device_mapping_v2') or [])
    if image_ref and boot_image and image_ref != boot_image:
        raise _bad_request(
            _('imageRef %(ref)s and the boot block device mapping '
              '(image %(bdm)s) name different images.') % {
                  'ref': image_ref, 'bdm': boot_image})
    image_ref = image_ref or boot_image
    if not image_ref:
        raise _bad_request(_('Missing imageRef attribute'))
    return image_ref


def _boot_image(mappings):
    """The image of the one supported mapping: an image on the local disk.

    There is no volume service, so volumes, snapshots, blank disks and
    extra disks cannot be honoured and are refused.
    """
    if not mappings:
        return None
    if len(mappings) > 1:
        raise _bad_request(_('Block Device Mapping is Invalid: only one '
                             'mapping, the boot image, is supported.'))
    mapping = mappings[0]
    supported = (mapping.get('source_type') == 'image'
                 and mapping.get('destination_type', 'local') == 'local'
                 and mapping.get('uuid')
                 and str(mapping.get('boot_index')) == '0')
    if not supported:
        raise _bad_request(_(
            'Block Device Mapping is Invalid: only an image (source_type '
            'image, with its uuid) on the local disk (destination_type '
            'local) with boot_index 0 is supported; there is no volume '
            'service.'))
    return mapping['uuid']
