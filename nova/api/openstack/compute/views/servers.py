"""How servers look: the status mapping and the views per microversion."""

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.views import formats
from nova.compute import availability_zones
from nova.compute import task_states
from nova.compute import vm_states
import nova.conf
from nova import exception
from nova import objects
from nova.policies import extended_server_attributes as esa_policies
from nova.policies import flavors as flavor_policies
from nova.policies import servers as server_policies

CONF = nova.conf.CONF

# The zone of hosts in no aggregate naming one.
DEFAULT_AVAILABILITY_ZONE = availability_zones.DEFAULT_ZONE
# Where non-compute services are listed by os-services.
INTERNAL_AVAILABILITY_ZONE = availability_zones.INTERNAL_ZONE

_DEFAULT = 'default'
# Who may see the extra specs of the flavor a server embeds (2.47).
EXTRA_SPECS_INDEX = flavor_policies.EXTRA_SPECS_POLICY_ROOT % 'index'

# vm_state -> {task_state or _DEFAULT: status}.
_REBOOTS = {task_states.REBOOTING: 'REBOOT',
            task_states.REBOOTING_HARD: 'HARD_REBOOT'}
_REBUILDS = {task_states.REBUILDING: 'REBUILD',
             task_states.REBUILD_SPAWNING: 'REBUILD'}
_RESIZES = {task_states.RESIZE_PREP: 'RESIZE',
            task_states.RESIZE_MIGRATING: 'RESIZE',
            task_states.RESIZE_MIGRATED: 'RESIZE',
            task_states.RESIZE_FINISH: 'RESIZE'}
_STATUS_BY_STATE = {
    vm_states.BUILDING: {_DEFAULT: 'BUILD'},
    vm_states.ACTIVE: dict({_DEFAULT: 'ACTIVE',
                            task_states.MIGRATING: 'MIGRATING',
                            task_states.UPDATING_PASSWORD: 'PASSWORD'},
                           **_REBOOTS, **_REBUILDS, **_RESIZES),
    vm_states.PAUSED: {_DEFAULT: 'PAUSED',
                       task_states.MIGRATING: 'MIGRATING',
                       task_states.REBOOTING_HARD: 'HARD_REBOOT'},
    vm_states.SUSPENDED: {_DEFAULT: 'SUSPENDED',
                          task_states.REBOOTING_HARD: 'HARD_REBOOT'},
    vm_states.STOPPED: dict({_DEFAULT: 'SHUTOFF'}, **_REBUILDS, **_RESIZES,
                            **{task_states.REBOOTING_HARD: 'HARD_REBOOT'}),
    vm_states.RESIZED: {_DEFAULT: 'VERIFY_RESIZE',
                        task_states.RESIZE_REVERTING: 'REVERT_RESIZE'},
    vm_states.SOFT_DELETED: {_DEFAULT: 'SOFT_DELETED'},
    vm_states.SHELVED: {_DEFAULT: 'SHELVED'},
    vm_states.SHELVED_OFFLOADED: {_DEFAULT: 'SHELVED_OFFLOADED'},
    vm_states.ERROR: dict({_DEFAULT: 'ERROR'}, **_REBUILDS,
                          **{task_states.REBOOTING_HARD: 'HARD_REBOOT'}),
    vm_states.DELETED: {_DEFAULT: 'DELETED'},
}

# Nova statuses no server here can be in: a valid filter that matches
# nothing (an unknown status is a 400 from 2.38).
_UNREACHABLE_STATUSES = frozenset(['RESCUE'])

_PROGRESS_STATUSES = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE',
                      'VERIFY_RESIZE', 'MIGRATING')
_FAULT_STATUSES = ('ERROR', 'DELETED')


def status_from_state(vm_state, task_state=None):
    """The API status of a (vm_state, task_state) pair."""
    by_task = _STATUS_BY_STATE.get(vm_state)
    if by_task is None:
        return 'UNKNOWN'
    return by_task.get(task_state, by_task[_DEFAULT])


def states_from_statuses(statuses):
    """Database filters for a list of API statuses.

    :returns: ``(vm_states, task_states)`` where ``task_states`` is None
        when any status matches regardless of the task; ``None`` when a
        status is not a Nova status at all.
    """
    wanted_vm, wanted_task, any_task = set(), set(), False
    for status in (s.upper() for s in statuses):
        known = status in _UNREACHABLE_STATUSES
        for vm_state, by_task in _STATUS_BY_STATE.items():
            for task_state, name in by_task.items():
                if name != status:
                    continue
                known = True
                wanted_vm.add(vm_state)
                if task_state == _DEFAULT:
                    any_task = True
                else:
                    wanted_task.add(task_state)
        if not known:
            return None
    return wanted_vm, (None if any_task else wanted_task)


def server_status(instance):
    """The API status of an instance; a deleted row is DELETED."""
    if instance.deleted:
        return 'DELETED'
    return status_from_state(instance.vm_state, instance.task_state)


def disk_config(instance):
    """``OS-DCF:diskConfig``: AUTO when asked to grow the root disk."""
    return 'AUTO' if instance.auto_disk_config else 'MANUAL'


def instance_name(instance):
    """The hypervisor's name of the guest."""
    return 'instance-%08x' % instance.id


class _NoFlavor:
    """The sizes of an instance that carries no flavor and lost its row."""

    name = ''
    swap = 0

    def __init__(self, instance):
        self.vcpus = instance.vcpus
        self.memory_mb = instance.memory_mb
        self.root_gb = instance.root_gb
        self.ephemeral_gb = instance.ephemeral_gb


class _Lookups:
    """What a page of servers needs from other tables, read once."""

    def __init__(self, context, instances, with_services):
        self.context = context
        self._flavors = {}
        in_fault = [i.uuid for i in instances
                    if server_status(i) in _FAULT_STATUSES]
        self.faults = {}
        if in_fault:
            self.faults = {
                fault.instance_uuid: fault for fault in
                objects.InstanceFaultList.get_latest_by_instance_uuids(
                    context, in_fault)}
        self.metadata = objects.Instance.get_metadata_by_uuids(
            context, [i.uuid for i in instances])
        self.services = {}
        if with_services:
            self.services = {
                service.host: service for service in
                objects.ServiceList.get_all(context, binary='nova-compute')}

    def flavor(self, instance):
        """The flavor the instance carries (the row only for old ones)."""
        if instance.flavor is not None:
            return instance.flavor
        flavor_id = instance.instance_type_id
        if flavor_id not in self._flavors:
            try:
                self._flavors[flavor_id] = objects.Flavor.get_by_id(
                    self.context, flavor_id)
            except exception.FlavorNotFound:
                self._flavors[flavor_id] = None
        return self._flavors[flavor_id]


def _can(context, rule, instance):
    return context.can(rule, target={'project_id': instance.project_id,
                                     'user_id': instance.user_id},
                       fatal=False)


def host_status(instance, service):
    """UP, DOWN (forced down), MAINTENANCE (disabled), UNKNOWN or ''.

    UNKNOWN means the compute service has missed its heartbeats.
    """
    if not instance.host or service is None:
        return ''
    if service.forced_down:
        return 'DOWN'
    if service.disabled:
        return 'MAINTENANCE'
    if service.is_up(CONF.service_down_time):
        return 'UP'
    return 'UNKNOWN'


class ViewBuilder:
    """Servers on the wire: create, index, detail and show."""

    _collection = 'servers'

    def create(self, req, instance, admin_password=None):
        server = {'id': instance.uuid,
                  'links': self._links(req, instance),
                  'OS-DCF:diskConfig': disk_config(instance),
                  'security_groups': [{'name': 'default'}]}
        if admin_password is not None:
            server['adminPass'] = admin_password
        return {'server': server}

    def self_href(self, req, instance):
        return common.url(req, self._collection, instance.uuid)

    def index(self, req, instances, limit=None):
        servers = [{'id': i.uuid, 'name': i.display_name,
                    'links': self._links(req, i)} for i in instances]
        return self._collection_body(req, servers, instances, limit)

    def detail(self, req, context, instances, limit=None):
        lookups = self._lookups(req, context, instances)
        servers = [self._full(req, lookups, i) for i in instances]
        return self._collection_body(req, servers, instances, limit)

    def show(self, req, context, instance):
        lookups = self._lookups(req, context, [instance])
        return {'server': self._full(req, lookups, instance)}

    def update(self, req, context, instance):
        """The PUT answer: basic and versioned fields (before 2.75)."""
        lookups = _Lookups(context, [instance], with_services=False)
        status = server_status(instance)
        server = self._basic_fields(req, lookups, instance, status)
        self._add_versioned_fields(req, server, instance, tags=True)
        return {'server': server}

    def rebuild(self, req, context, instance, admin_password=None):
        """The rebuild answer: the PUT answer and a few more members.

        key_name (2.54), user_data (2.57) and the new password if instance
        passwords are enabled; never the detail-only members
        (``OS-EXT-STS:*``, ``security_groups`` ...), which Tempest's
        rebuild schemas refuse before 2.75.
        """
        body = self.update(req, context, instance)
        server = body['server']
        if api_version_request.is_supported(req, '2.54'):
            server['key_name'] = instance.key_name
        if api_version_request.is_supported(req, '2.57'):
            server['user_data'] = instance.user_data
        if admin_password is not None:
            server['adminPass'] = admin_password
        return body

    def _collection_body(self, req, servers, instances, limit):
        body = {'servers': servers}
        if limit and len(instances) == limit:
            body['servers_links'] = [common.next_link(
                req, instances[-1].uuid)]
        return body

    @staticmethod
    def _lookups(req, context, instances):
        with_services = api_version_request.is_supported(req, '2.16')
        return _Lookups(context, instances, with_services)

    def _links(self, req, instance):
        return common.resource_links(req, self._collection, instance.uuid)

    def _full(self, req, lookups, instance):
        status = server_status(instance)
        server = self._basic_fields(req, lookups, instance, status)
        server.update(self._detail_fields(instance))
        server.update(self._extended_status(instance))
        context = lookups.context
        if _can(context, esa_policies.BASE_POLICY_NAME, instance):
            server.update(self._extended_attributes(req, instance))
        self._add_versioned_fields(req, server, instance, tags=True)
        if api_version_request.is_supported(req, '2.16'):
            self._add_host_status(server, context, instance,
                                  lookups.services.get(instance.host))
        return server

    def _basic_fields(self, req, lookups, instance, status):
        """What every full view has, the PUT answer included."""
        server = {
            'id': instance.uuid,
            'name': instance.display_name,
            'status': status,
            'tenant_id': instance.project_id,
            'user_id': instance.user_id,
            'metadata': lookups.metadata.get(instance.uuid, {}),
            'hostId': formats.host_id(instance.project_id, instance.host),
            'image': self._image(req, instance),
            'flavor': self._flavor(req, lookups, instance),
            'created': formats.isotime(instance.created_at),
            'updated': formats.isotime(instance.updated_at
                                       or instance.created_at),
            'addresses': {},
            'accessIPv4': instance.access_ip_v4 or '',
            'accessIPv6': instance.access_ip_v6 or '',
            'links': self._links(req, instance),
            'OS-DCF:diskConfig': disk_config(instance),
        }
        if status in _PROGRESS_STATUSES:
            server['progress'] = instance.progress or 0
        if status in _FAULT_STATUSES:
            fault = lookups.faults.get(instance.uuid)
            if fault is not None:
                server['fault'] = self._fault(lookups.context, fault)
        return server

    @staticmethod
    def _detail_fields(instance):
        return {
            'key_name': instance.key_name,
            'config_drive': instance.config_drive or '',
            'security_groups': [{'name': 'default'}],
            'OS-EXT-AZ:availability_zone': (instance.availability_zone
                                            or DEFAULT_AVAILABILITY_ZONE),
            'OS-SRV-USG:launched_at': formats.precise_time(
                instance.launched_at),
            'OS-SRV-USG:terminated_at': formats.precise_time(
                instance.terminated_at),
            'os-extended-volumes:volumes_attached': [],
        }

    @staticmethod
    def _add_versioned_fields(req, server, instance, tags):
        """locked (2.9), description (2.19), tags (2.26), certs (2.63).

        There is no tag API here, so a server's tags are always empty; no
        image signature verification either, hence no certificates.
        """
        if api_version_request.is_supported(req, '2.9'):
            server['locked'] = bool(instance.locked)
        if api_version_request.is_supported(req, '2.19'):
            server['description'] = instance.display_description
        if tags and api_version_request.is_supported(req, '2.26'):
            server['tags'] = []
        if api_version_request.is_supported(req, '2.63'):
            server['trusted_image_certificates'] = None

    @staticmethod
    def _extended_status(instance):
        return {'OS-EXT-STS:vm_state': instance.vm_state,
                'OS-EXT-STS:task_state': instance.task_state,
                'OS-EXT-STS:power_state': instance.power_state}

    @staticmethod
    def _extended_attributes(req, instance):
        attrs = {'OS-EXT-SRV-ATTR:host': instance.host,
                 'OS-EXT-SRV-ATTR:hypervisor_hostname': instance.node,
                 'OS-EXT-SRV-ATTR:instance_name': instance_name(instance)}
        if api_version_request.is_supported(req, '2.3'):
            attrs.update({
                'OS-EXT-SRV-ATTR:reservation_id': instance.reservation_id,
                'OS-EXT-SRV-ATTR:launch_index': instance.launch_index,
                'OS-EXT-SRV-ATTR:hostname': instance.hostname,
                'OS-EXT-SRV-ATTR:kernel_id': '',
                'OS-EXT-SRV-ATTR:ramdisk_id': '',
                'OS-EXT-SRV-ATTR:root_device_name': None,
                'OS-EXT-SRV-ATTR:user_data': instance.user_data,
            })
        return attrs

    @staticmethod
    def _image(req, instance):
        if not instance.image_ref:
            return ''
        return {'id': instance.image_ref,
                'links': [{'rel': 'bookmark', 'href': common.bookmark_url(
                    req, 'images', instance.image_ref)}]}

    @staticmethod
    def _flavor(req, lookups, instance):
        """A link to the flavor, or (2.47) the flavor the server carries.

        The embedded flavor shows extra specs only to callers who may
        list a flavor's extra specs.
        """
        flavor = lookups.flavor(instance)
        if api_version_request.is_supported(req, '2.47'):
            sizes = flavor or _NoFlavor(instance)
            body = {'vcpus': sizes.vcpus, 'ram': sizes.memory_mb,
                    'disk': sizes.root_gb, 'ephemeral': sizes.ephemeral_gb,
                    'swap': sizes.swap, 'original_name': sizes.name}
            if _can(lookups.context, EXTRA_SPECS_INDEX, instance):
                body['extra_specs'] = dict(flavor.extra_specs) \
                    if flavor else {}
            return body
        flavor_id = flavor.flavorid if flavor else ''
        return {'id': flavor_id,
                'links': [{'rel': 'bookmark', 'href': common.bookmark_url(
                    req, 'flavors', flavor_id)}]}

    @staticmethod
    def _fault(context, fault):
        body = {'code': fault.code, 'message': fault.message,
                'created': formats.isotime(fault.created_at)}
        # Internal errors keep their details for administrators.
        if fault.details and (context.is_admin or fault.code != 500):
            body['details'] = fault.details
        return body

    @staticmethod
    def _add_host_status(server, context, instance, service):
        value = host_status(instance, service)
        if _can(context, server_policies.SERVERS % 'show:host_status',
                instance):
            server['host_status'] = value
        elif value == 'UNKNOWN' and _can(
                context, server_policies.SERVERS %
                'show:host_status:unknown-only', instance):
            server['host_status'] = value
