"""Request schemas of flavor management (POST/PUT/DELETE /flavors, access
lists and extra specs)."""

import copy

from nova.api.validation import parameter_types

# A string, a number (kept as its text) or null (generate a UUID).
_flavor_id = {
    'type': ['string', 'number', 'null'],
    'minLength': 1, 'maxLength': 255,
    'pattern': '^(?! )[a-zA-Z0-9. _-]+(?<! )$',
}
_description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 65535,
}
_int_max = 0x7FFFFFFF

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'id': _flavor_id,
                'ram': dict(parameter_types.positive_integer,
                            maximum=_int_max),
                'vcpus': dict(parameter_types.positive_integer,
                              maximum=_int_max),
                'disk': dict(parameter_types.non_negative_integer,
                             maximum=_int_max),
                'OS-FLV-EXT-DATA:ephemeral': dict(
                    parameter_types.non_negative_integer, maximum=_int_max),
                'swap': dict(parameter_types.non_negative_integer,
                             maximum=_int_max),
                'rxtx_factor': {
                    'type': ['number', 'string'],
                    'pattern': r'^[0-9]+(\.[0-9]+)?$',
                    'minimum': 0, 'exclusiveMinimum': True,
                    'maximum': 3.40282e+38},
                'os-flavor-access:is_public': parameter_types.boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

create_v255 = copy.deepcopy(create)
create_v255['properties']['flavor']['properties']['description'] = (
    _description)

update_v255 = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {'description': _description},
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}


def _tenant_action(name):
    return {
        'type': 'object',
        'properties': {
            name: {
                'type': 'object',
                'properties': {'tenant': {'type': 'string', 'minLength': 1,
                                          'maxLength': 255}},
                'required': ['tenant'],
                'additionalProperties': False,
            },
        },
        'required': [name],
        'additionalProperties': False,
    }


add_tenant_access = _tenant_action('addTenantAccess')
remove_tenant_access = _tenant_action('removeTenantAccess')

_spec_key = '^[a-zA-Z0-9-_:. ]{1,255}$'
_spec_value = {'type': ['string', 'number', 'boolean'], 'minLength': 0,
               'maxLength': 255}

extra_specs_create = {
    'type': 'object',
    'properties': {
        'extra_specs': {
            'type': 'object',
            'patternProperties': {_spec_key: _spec_value},
            'additionalProperties': False,
        },
    },
    'required': ['extra_specs'],
    'additionalProperties': False,
}

extra_spec_update = {
    'type': 'object',
    'patternProperties': {_spec_key: _spec_value},
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': False,
}
