"""Request and response schemas of ``/servers/{id}/metadata``."""

import copy

_items = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

# POST (merge) and PUT (replace) of the whole metadata.
create = {
    'type': 'object',
    'properties': {'metadata': _items},
    'required': ['metadata'],
    'additionalProperties': False,
}

update_all = copy.deepcopy(create)

# PUT of one key: exactly one item, named as in the URL.
_one_item = copy.deepcopy(_items)
_one_item.update({'minProperties': 1, 'maxProperties': 1})

update = {
    'type': 'object',
    'properties': {'meta': _one_item},
    'required': ['meta'],
    'additionalProperties': False,
}

# Responses.

_stored = {'type': 'object', 'additionalProperties': {'type': 'string'}}

metadata_response = {
    'type': 'object',
    'properties': {'metadata': _stored},
    'required': ['metadata'],
    'additionalProperties': False,
}

meta_response = {
    'type': 'object',
    'properties': {'meta': dict(_stored, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'],
    'additionalProperties': False,
}
