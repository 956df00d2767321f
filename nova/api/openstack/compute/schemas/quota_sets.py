"""Request schemas of ``os-quota-sets`` and ``os-quota-class-sets``.

The resources a body may name shrink with the microversion: the network
ones go at 2.36, the injected-file ones at 2.57.
"""

import copy

from nova.api.validation import parameter_types
from nova import quota

# An integer or a string of one; -1 is unlimited.
quota_limit = {
    'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
    'minimum': -1, 'maximum': 0x7FFFFFFF,
}


def _body(key, resources, extra=None):
    properties = {name: quota_limit for name in resources}
    properties.update(extra or {})
    return {
        'type': 'object',
        'properties': {key: {'type': 'object', 'properties': properties,
                             'additionalProperties': False}},
        'required': [key],
        'additionalProperties': False,
    }


_V21 = quota.ALL_RESOURCES
_V236 = tuple(r for r in _V21 if r not in quota.NETWORK_DEFAULTS)
_V257 = tuple(r for r in _V236 if r not in quota.FILE_RESOURCES)
_FORCE = {'force': parameter_types.boolean}

update = _body('quota_set', _V21, _FORCE)
update_v236 = _body('quota_set', _V236, _FORCE)
update_v257 = _body('quota_set', _V257, _FORCE)

update_class = _body('quota_class_set', _V21)
update_class_v250 = _body('quota_class_set', _V236)
update_class_v257 = _body('quota_class_set', _V257)

query = {
    'type': 'object',
    'properties': {
        'user_id': parameter_types.multi_params({'type': 'string'}),
    },
    # Unknown parameters are ignored before 2.75 (above our maximum).
    'additionalProperties': True,
}
show_query = copy.deepcopy(query)
