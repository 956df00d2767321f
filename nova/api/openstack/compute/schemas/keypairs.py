"""Request and response schemas of ``/os-keypairs``."""

import copy

from nova.api.validation import parameter_types
from nova.api.validation import response_types

# Requests.

create = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': {'type': 'string', 'minLength': 1,
                         'maxLength': 255},
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

# 2.2: the key type.
create_v22 = copy.deepcopy(create)
create_v22['properties']['keypair']['properties']['type'] = {
    'type': 'string', 'enum': ['ssh', 'x509']}

# 2.10: an admin may create a key pair for another user.
create_v210 = copy.deepcopy(create_v22)
create_v210['properties']['keypair']['properties']['user_id'] = {
    'type': 'string'}

# Query strings (unknown parameters are ignored before 2.75).
index_query_v210 = {
    'type': 'object',
    'properties': {
        'user_id': parameter_types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}

index_query_v235 = copy.deepcopy(index_query_v210)
index_query_v235['properties'].update({
    'limit': parameter_types.multi_params(
        parameter_types.non_negative_integer),
    'marker': parameter_types.multi_params({'type': 'string'}),
})

show_query_v210 = copy.deepcopy(index_query_v210)

# Responses.

_keypair_short = {
    'type': 'object',
    'properties': {
        'name': {'type': 'string'},
        'public_key': {'type': 'string'},
        'fingerprint': {'type': 'string'},
    },
    'required': ['name', 'public_key', 'fingerprint'],
    'additionalProperties': False,
}

create_response = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': {'type': 'string'},
                'public_key': {'type': 'string'},
                'fingerprint': {'type': 'string'},
                'user_id': {'type': 'string'},
                'private_key': {'type': 'string'},
            },
            'required': ['name', 'public_key', 'fingerprint', 'user_id'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

create_response_v22 = copy.deepcopy(create_response)
response_types.add_required(
    create_response_v22['properties']['keypair'], type={'type': 'string'})

show_response = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'id': {'type': 'integer'},
                'name': {'type': 'string'},
                'public_key': {'type': 'string'},
                'fingerprint': {'type': 'string'},
                'user_id': {'type': 'string'},
                'deleted': {'type': 'boolean'},
                'created_at': response_types.date_time,
                'updated_at': response_types.date_time_or_null,
                'deleted_at': response_types.date_time_or_null,
            },
            'required': ['id', 'name', 'public_key', 'fingerprint',
                         'user_id', 'deleted', 'created_at', 'updated_at',
                         'deleted_at'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

show_response_v22 = copy.deepcopy(show_response)
response_types.add_required(
    show_response_v22['properties']['keypair'], type={'type': 'string'})

index_response = {
    'type': 'object',
    'properties': {
        'keypairs': {
            'type': 'array',
            'items': {
                'type': 'object',
                'properties': {'keypair': _keypair_short},
                'required': ['keypair'],
                'additionalProperties': False,
            },
        },
    },
    'required': ['keypairs'],
    'additionalProperties': False,
}

index_response_v22 = copy.deepcopy(index_response)
response_types.add_required(
    index_response_v22['properties']['keypairs']['items']['properties'][
        'keypair'], type={'type': 'string'})

index_response_v235 = copy.deepcopy(index_response_v22)
index_response_v235['properties']['keypairs_links'] = response_types.links
