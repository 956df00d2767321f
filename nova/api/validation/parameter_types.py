"""Reusable JSON Schema fragments for request bodies and query strings.

Query-string values always arrive as lists of strings (a parameter may be
repeated), so query schemas wrap these in :func:`multi_params` or
:func:`single_param`.
"""

import copy

from nova.api.openstack import client_input

_TRUE_STRINGS = ('True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES',
                 'Yes', 'yes', 'y', 't')
_FALSE_STRINGS = ('False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO',
                  'No', 'no', 'n', 'f')

boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, False, *_TRUE_STRINGS, *_FALSE_STRINGS],
}

none = {'enum': ['None', None, {}]}

name = {
    'type': 'string', 'minLength': 1, 'maxLength': 255, 'format': 'name',
}

uuid = {'type': 'string', 'format': 'uuid'}

server_id = uuid

hostname = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': '^[a-zA-Z0-9-._]*$',
}

# Strings of digits or JSON integers; a string of thousands of digits is
# refused here rather than by int() in a handler.
positive_integer = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minLength': 1,
    'maxLength': client_input.MAX_INT_DIGITS, 'minimum': 1,
}

non_negative_integer = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minLength': 1,
    'maxLength': client_input.MAX_INT_DIGITS, 'minimum': 0,
}

flavor_ref = {'type': ['string', 'integer'], 'minLength': 1}

image_ref = {'type': 'string'}

datetime = {'type': 'string', 'format': 'date-time'}


def multi_params(schema):
    """A query parameter that may be repeated; each value must match."""
    return {'type': 'array', 'items': copy.deepcopy(schema)}


def single_param(schema):
    """A query parameter given at most once."""
    return {'type': 'array', 'items': copy.deepcopy(schema),
            'minItems': 1, 'maxItems': 1}


common_query_param = multi_params({'type': 'string'})
