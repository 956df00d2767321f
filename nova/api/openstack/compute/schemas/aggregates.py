"""Request and response schemas of ``/os-aggregates``."""

import copy

from nova.api.validation import parameter_types
from nova.api.validation import response_types

# Requests.

# A zone name: no ':' (it separates zone, host and node in a server
# create's availability_zone); null takes the aggregate out of any zone.
_zone = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
         'format': 'name', 'pattern': '^[^:]*$'}

create = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {'name': parameter_types.name,
                           'availability_zone': _zone},
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

update = copy.deepcopy(create)
del update['properties']['aggregate']['required']
update['properties']['aggregate']['minProperties'] = 1


def _host_action(name):
    return {
        'type': 'object',
        'properties': {
            name: {
                'type': 'object',
                'properties': {'host': parameter_types.hostname},
                'required': ['host'],
                'additionalProperties': False,
            },
        },
        'required': [name],
        'additionalProperties': False,
    }


add_host = _host_action('add_host')
remove_host = _host_action('remove_host')

set_metadata = {
    'type': 'object',
    'properties': {
        'set_metadata': {
            'type': 'object',
            'properties': {
                'metadata': {
                    'type': 'object',
                    'patternProperties': {
                        '^[a-zA-Z0-9-_:. ]{1,255}$': {
                            'type': ['string', 'null'], 'maxLength': 255},
                    },
                    'additionalProperties': False,
                },
            },
            'required': ['metadata'],
            'additionalProperties': False,
        },
    },
    'required': ['set_metadata'],
    'additionalProperties': False,
}

# Responses.

_created = {
    'type': 'object',
    'properties': {
        'id': {'type': 'integer'},
        'name': {'type': 'string'},
        'availability_zone': {'type': ['string', 'null']},
        'created_at': response_types.date_time,
        'updated_at': response_types.date_time_or_null,
        'deleted_at': response_types.date_time_or_null,
        'deleted': {'type': 'boolean'},
    },
    'required': ['id', 'name', 'availability_zone', 'created_at',
                 'updated_at', 'deleted_at', 'deleted'],
    'additionalProperties': False,
}

_full = copy.deepcopy(_created)
response_types.add_required(
    _full, hosts={'type': 'array', 'items': {'type': 'string'}},
    metadata={'type': 'object',
              'additionalProperties': {'type': 'string'}})

_uuid = {'uuid': {'type': 'string', 'format': 'uuid'}}


def _one(aggregate):
    return {'type': 'object', 'properties': {'aggregate': aggregate},
            'required': ['aggregate'], 'additionalProperties': False}


def _with_uuid(schema):
    schema = copy.deepcopy(schema)
    response_types.add_required(schema, **_uuid)
    return schema


create_response = _one(_created)
create_response_v241 = _one(_with_uuid(_created))
show_response = _one(_full)
show_response_v241 = _one(_with_uuid(_full))
index_response = {
    'type': 'object',
    'properties': {'aggregates': {'type': 'array', 'items': _full}},
    'required': ['aggregates'], 'additionalProperties': False,
}
index_response_v241 = copy.deepcopy(index_response)
index_response_v241['properties']['aggregates']['items'] = _with_uuid(
    _full)
