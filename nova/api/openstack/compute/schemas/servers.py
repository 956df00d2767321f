"""Request schemas of the servers API.

Only the members this project acts on are accepted; an unknown member is
a 400 rather than a silently ignored wish.
"""

import copy

from nova.api.openstack.compute import server_filters
from nova.api.validation import parameter_types

# "" is what ``nova boot --block-device`` sends when a block device mapping
# supplies the root disk.
_image_ref = {'oneOf': [
    {'type': 'string', 'format': 'uuid'},
    {'type': 'string', 'maxLength': 0},
]}

# Clients send the boot index as a number or a string of digits ("0").
_boot_index = {'type': ['integer', 'string', 'null'],
               'pattern': '^-?[0-9]+$'}

_block_device_mapping_v2_item = {
    'type': 'object',
    'properties': {
        'uuid': parameter_types.uuid,
        'source_type': {'type': 'string',
                        'enum': ['image', 'volume', 'snapshot', 'blank']},
        'destination_type': {'type': 'string',
                             'enum': ['local', 'volume']},
        'boot_index': _boot_index,
        'delete_on_termination': parameter_types.boolean,
        'device_name': {'type': ['string', 'null'], 'maxLength': 255},
        'volume_size': {'type': ['integer', 'string', 'null'],
                        'pattern': '^[0-9]*$'},
        'disk_bus': {'type': ['string', 'null']},
        'device_type': {'type': ['string', 'null']},
        'guest_format': {'type': ['string', 'null']},
    },
    'additionalProperties': False,
}

_network_v21 = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string'},
        'port': {'type': ['string', 'null'], 'format': 'uuid'},
        'fixed_ip': {'type': 'string'},
    },
    'additionalProperties': False,
}

_metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

_access_ip_v4 = {'type': 'string', 'format': 'ipv4'}
_access_ip_v6 = {'type': 'string', 'format': 'ipv6'}

_server_v21 = {
    'type': 'object',
    'properties': {
        'name': parameter_types.name,
        'adminPass': {'type': 'string'},
        'accessIPv4': _access_ip_v4,
        'accessIPv6': _access_ip_v6,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'user_data': {'type': 'string', 'format': 'base64',
                      'maxLength': 65535},
        'config_drive': parameter_types.boolean,
        'return_reservation_id': parameter_types.boolean,
        'imageRef': _image_ref,
        'flavorRef': parameter_types.flavor_ref,
        'networks': {'type': 'array', 'items': _network_v21},
        'availability_zone': {'type': 'string', 'minLength': 1,
                              'maxLength': 255},
        'key_name': parameter_types.name,
        'metadata': _metadata,
        'min_count': parameter_types.positive_integer,
        'max_count': parameter_types.positive_integer,
        'block_device_mapping_v2': {
            'type': 'array', 'items': _block_device_mapping_v2_item},
    },
    'required': ['name', 'flavorRef'],
    'additionalProperties': False,
}

# Hints for the scheduler's filters; unknown hints are accepted (other
# filters may use them) and ignored.
_uuid_or_uuids = {'oneOf': [
    parameter_types.uuid,
    {'type': 'array', 'items': parameter_types.uuid},
]}
_scheduler_hints = {
    'type': 'object',
    'properties': {
        'same_host': _uuid_or_uuids,
        'different_host': _uuid_or_uuids,
        'group': parameter_types.uuid,
    },
    'additionalProperties': True,
}

create = {
    'type': 'object',
    'properties': {
        'server': _server_v21,
        'os:scheduler_hints': _scheduler_hints,
        'OS-SCH-HNT:scheduler_hints': _scheduler_hints,
    },
    'required': ['server'],
    'additionalProperties': False,
}

description = {'type': ['string', 'null'], 'minLength': 0,
               'maxLength': 255, 'format': 'description'}

_network_tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
                'pattern': '^[^,/]*$'}

# 2.19: a description.
_server_v219 = copy.deepcopy(_server_v21)
_server_v219['properties']['description'] = description

create_v219 = copy.deepcopy(create)
create_v219['properties']['server'] = _server_v219

# 2.32-2.36: network items may carry a tag.
_server_v232 = copy.deepcopy(_server_v219)
_server_v232['properties']['networks']['items']['properties'][
    'tag'] = _network_tag

create_v232 = copy.deepcopy(create)
create_v232['properties']['server'] = _server_v232

# 2.37: networks becomes required: "auto", "none" or a list whose uuid
# values are UUIDs.
_network_v237 = copy.deepcopy(_network_v21)
_network_v237['properties']['uuid'] = parameter_types.uuid

_server_v237 = copy.deepcopy(_server_v219)
_server_v237['properties']['networks'] = {'oneOf': [
    {'type': 'array', 'items': _network_v237},
    {'type': 'string', 'enum': ['auto', 'none']},
]}
_server_v237['required'] = ['name', 'flavorRef', 'networks']

create_v237 = copy.deepcopy(create)
create_v237['properties']['server'] = _server_v237

# 2.42: network items may carry a tag again.
_server_v242 = copy.deepcopy(_server_v237)
_server_v242['properties']['networks']['oneOf'][0]['items'][
    'properties']['tag'] = _network_tag

create_v242 = copy.deepcopy(create)
create_v242['properties']['server'] = _server_v242

# PUT /servers/{id}.
_update_server = {
    'type': 'object',
    'properties': {
        'name': parameter_types.name,
        'accessIPv4': _access_ip_v4,
        'accessIPv6': _access_ip_v6,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
    },
    'additionalProperties': False,
}

update = {
    'type': 'object',
    'properties': {'server': _update_server},
    'required': ['server'],
    'additionalProperties': False,
}

update_v219 = copy.deepcopy(update)
update_v219['properties']['server']['properties']['description'] = \
    description

# Query strings: unknown parameters are ignored (up to 2.74 in Nova), so
# these only constrain the values of the parameters this project reads.
index_query = {
    'type': 'object',
    'properties': {
        'name': parameter_types.multi_params({'type': 'string'}),
        'status': parameter_types.multi_params({'type': 'string'}),
        'host': parameter_types.multi_params({'type': 'string'}),
        'node': parameter_types.multi_params({'type': 'string'}),
        'all_tenants': parameter_types.multi_params({'type': 'string'}),
        'deleted': parameter_types.multi_params(parameter_types.boolean),
        'changes-since': parameter_types.multi_params(
            parameter_types.datetime),
        'limit': parameter_types.multi_params(
            parameter_types.non_negative_integer),
        'marker': parameter_types.multi_params({'type': 'string'}),
        'sort_key': parameter_types.multi_params({
            'type': 'string',
            'enum': list(server_filters.VALID_SORT_KEYS
                         + server_filters.IGNORED_SORT_KEYS)}),
        'sort_dir': parameter_types.multi_params({
            'type': 'string', 'enum': ['asc', 'desc']}),
    },
    'additionalProperties': True,
}
