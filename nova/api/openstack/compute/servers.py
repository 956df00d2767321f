"""The servers API: create, list, show and delete servers.

There is no image service and no network service behind this project: a
server records its image UUID, gets no ports, and runs on the simulating
virt driver of the compute host the scheduler (or an admin) chose.
"""

import copy
import secrets
import string

import netaddr
from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import client_input
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import server_responses as response
from nova.api.openstack.compute.schemas import servers as schema
from nova.api.openstack.compute import server_filters
from nova.api.openstack.compute.views import servers as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova.compute import create_spec
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
    @validation.response_body_schemas(response.INDEX)
    def index(self, req):
        context = common.get_context(req)
        context.can(SERVERS % 'index',
                    target={'project_id': context.project_id})
        instances, limit = self._list(req, context, 'index')
        return self._view.index(req, instances, limit)

    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    @validation.response_body_schemas(response.DETAIL)
    def detail(self, req):
        context = common.get_context(req)
        context.can(SERVERS % 'detail',
                    target={'project_id': context.project_id})
        instances, limit = self._list(req, context, 'detail')
        return self._view.detail(req, context, instances, limit)

    def _list(self, req, context, action):
        """The page of instances the query asks for, and its limit."""
        limit, marker = common.get_limit_and_marker(req)
        sort_keys, sort_dirs = server_filters.sort_params(req.GET, context)
        filters = self._filters(req, context, action)
        if filters is None:
            return [], limit
        read_deleted = filters.pop('read_deleted')
        list_context = with_read_deleted(context, read_deleted)
        with common.translate(exception.MarkerNotFound,
                              webob.exc.HTTPBadRequest):
            instances = self.compute_api.get_all(
                list_context, filters, limit=limit, marker=marker,
                sort_keys=sort_keys, sort_dirs=sort_dirs)
        return list(instances), limit

    def _filters(self, req, context, action):
        """Database filters from the query; None when nothing can match."""
        params = req.GET
        filters = {'read_deleted': 'no'}
        all_tenants = self._all_tenants(params)
        if all_tenants:
            context.can(SERVERS % ('%s:get_all_tenants' % action),
                        target={'project_id': context.project_id})
            filters['all_tenants'] = True
        user_filters = server_filters.user_filters(params)
        if user_filters is None:
            return None
        filters.update(user_filters)
        filters.update(server_filters.tenant_filter(params, context,
                                                    all_tenants))
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
        """Whether ``all_tenants`` asks for every project.

        Present with no value (``?all_tenants`` or ``all_tenants=``) means
        yes, as in Nova.
        """
        value = _last(params, 'all_tenants')
        if value is None:
            return False
        if value == '':
            return True
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
    @validation.response_body_schemas(response.SHOW)
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

    # Create and update.

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403))
    @validation.schema(schema.create, '2.1', '2.18')
    @validation.schema(schema.create_v219, '2.19', '2.31')
    @validation.schema(schema.create_v232, '2.32', '2.36')
    @validation.schema(schema.create_v237, '2.37', '2.41')
    @validation.schema(schema.create_v242, '2.42')
    @validation.response_body_schemas(response.CREATE)
    def create(self, req, body):
        context = common.get_context(req)
        server = body['server']
        context.can(SERVERS % 'create',
                    target={'project_id': context.project_id,
                            'user_id': context.user_id})
        spec = self._spec(context, body)
        max_count = _check_count(server)
        with common.translate(exception.ComputeHostNotFound,
                              webob.exc.HTTPBadRequest), \
                common.translate(exception.SchedulerHintsNotSupported,
                                 webob.exc.HTTPBadRequest), \
                common.translate(exception.OverQuota,
                                 webob.exc.HTTPForbidden), \
                _translate_keypair_not_found():
            instances = self.compute_api.create(context, spec,
                                                max_count=max_count)
        if strutils.bool_from_string(server.get('return_reservation_id',
                                                False)):
            return {'reservation_id': instances[0].reservation_id}
        password = server.get('adminPass') or generate_password()
        if not CONF.api.enable_instance_password:
            password = None
        return wsgi.ResponseObject(
            self._view.create(req, instances[0], password),
            headers={'Location': self._view.self_href(req, instances[0])})

    def _spec(self, context, body):
        """The request as a ServerSpec; 400 for what cannot be honoured."""
        server = body['server']
        zone, host, node = self._availability_zone(
            context, server.get('availability_zone'))
        _check_networks(server.get('networks'))
        config_drive = server.get('config_drive')
        return create_spec.ServerSpec(
            name=server['name'],
            flavor=self._flavor(context, server['flavorRef']),
            image_ref=_image_ref(server), availability_zone=zone,
            requested_host=host, requested_node=node,
            key_name=server.get('key_name'),
            description=server.get('description'),
            access_ip_v4=_canonical_ip(server.get('accessIPv4')),
            access_ip_v6=_canonical_ip(server.get('accessIPv6')),
            user_data=server.get('user_data'),
            auto_disk_config=server.get('OS-DCF:diskConfig') == 'AUTO',
            config_drive=('True' if config_drive is not None and
                          strutils.bool_from_string(config_drive) else ''),
            metadata=server.get('metadata') or {},
            scheduler_hints=(body.get('os:scheduler_hints')
                             or body.get('OS-SCH-HNT:scheduler_hints')
                             or {}))

    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update, '2.1', '2.18')
    @validation.schema(schema.update_v219, '2.19')
    @validation.response_body_schemas(response.UPDATE)
    def update(self, req, id, body):
        context = common.get_context(req)
        instance = self._get_instance(context, id)
        context.can(SERVERS % 'update', target=_target(instance))
        changes = _update_changes(body['server'])
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            instance = self.compute_api.update(context, instance, changes)
        return self._view.update(req, context, instance)

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
    """How many servers to make: max_count (min_count alone for both)."""
    min_count = client_input.integer(server.get('min_count', 1),
                                     'min_count', minimum=1)
    max_count = client_input.integer(server.get('max_count', min_count),
                                     'max_count', minimum=1)
    if min_count > max_count:
        raise _bad_request(_('min_count must be <= max_count'))
    return max_count


def _check_networks(networks):
    """No network service runs here: only none/auto, or no ports.

    A requested network or port cannot exist, so it is refused as Nova
    refuses one its network service does not know.
    """
    if not isinstance(networks, list):
        return
    for network in networks:
        if network.get('port'):
            raise _bad_request(_('Port %s could not be found.')
                               % network['port'])
        if network.get('uuid'):
            raise _bad_request(_('Network %s could not be found.')
                               % network['uuid'])
        if network.get('fixed_ip'):
            raise _bad_request(_('Fixed IP %s needs a network, and there '
                                 'is none.') % network['fixed_ip'])


# The PUT /servers/{id} members and the instance fields they set.
_UPDATE_FIELDS = {'name': 'display_name', 'description': 'display_description',
                  'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6'}


def _canonical_ip(value):
    """An access IP as stored and shown: IPv6 compressed (RFC 5952).

    The schema has checked the format; an IPv6 address written in full
    would not fit the column, and Nova shows the canonical form anyway.
    """
    return str(netaddr.IPAddress(value)) if value else value


def _update_changes(server):
    changes = {field: server[key] for key, field in _UPDATE_FIELDS.items()
               if key in server}
    for field in ('access_ip_v4', 'access_ip_v6'):
        if field in changes:
            changes[field] = _canonical_ip(changes[field])
    if 'name' in server:
        changes['hostname'] = create_spec.hostname(server['name'])
    if 'OS-DCF:diskConfig' in server:
        changes['auto_disk_config'] = server['OS-DCF:diskConfig'] == 'AUTO'
    return changes


def _translate_keypair_not_found():
    return common.translate_with_message(
        exception.KeypairNotFound, webob.exc.HTTPBadRequest,
        _('Invalid key_name provided.'))


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
