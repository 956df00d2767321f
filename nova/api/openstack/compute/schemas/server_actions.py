"""Request bodies of the server actions (``POST /servers/{id}/action``).

Actions without members (``pause``, ``os-stop``, ``lock`` ...) take
``null`` (or ``{}``), as Nova's clients send them.
"""

import copy

from nova.api.validation import parameter_types


def _action(key, members=None, required=()):
    if members is None:
        body = {'type': ['object', 'null'], 'properties': {},
                'additionalProperties': False}
    else:
        body = {'type': 'object', 'properties': members,
                'additionalProperties': False}
        if required:
            body['required'] = list(required)
    return {'type': 'object', 'properties': {key: body},
            'required': [key], 'additionalProperties': False}


def no_body(key):
    """``{key: null}``: the schema of an action without members."""
    return _action(key)


reboot = _action('reboot', {
    'type': {'type': 'string',
             'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']},
}, required=['type'])

_metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

_admin_pass = {'type': 'string'}

_rebuild_members = {
    'imageRef': {'type': 'string', 'format': 'uuid'},
    'name': parameter_types.name,
    'adminPass': _admin_pass,
    'metadata': _metadata,
    'preserve_ephemeral': parameter_types.boolean,
    'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
    'accessIPv4': {'type': 'string', 'format': 'ipv4'},
    'accessIPv6': {'type': 'string', 'format': 'ipv6'},
    'personality': {'type': 'array', 'items': {'type': 'object'}},
}
rebuild = _action('rebuild', _rebuild_members, required=['imageRef'])

_rebuild_v219_members = dict(_rebuild_members, description={
    'type': ['string', 'null'], 'maxLength': 255})
rebuild_v219 = _action('rebuild', _rebuild_v219_members,
                       required=['imageRef'])

change_password = _action('changePassword', {'adminPass': _admin_pass},
                          required=['adminPass'])

create_image = _action('createImage', {
    'name': parameter_types.name,
    'metadata': _metadata,
}, required=['name'])

create_backup = _action('createBackup', {
    'name': parameter_types.name,
    'backup_type': {'type': 'string'},
    'rotation': parameter_types.non_negative_integer,
    'metadata': _metadata,
}, required=['name', 'backup_type', 'rotation'])

reset_state = _action('os-resetState', {
    'state': {'type': 'string', 'enum': ['active', 'error']},
}, required=['state'])

_length = copy.deepcopy(parameter_types.non_negative_integer)
_length.update(type=['integer', 'string', 'null'], pattern='^-?[0-9]+$',
               minimum=-1)
get_console_output = _action('os-getConsoleOutput', {'length': _length})

resize = _action('resize', {
    'flavorRef': parameter_types.flavor_ref,
    'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
}, required=['flavorRef'])
