"""Request bodies of ``os-migrateLive`` per microversion.

2.1 requires ``block_migration``, ``disk_over_commit`` and ``host``; 2.25
drops ``disk_over_commit`` and lets ``block_migration`` be ``"auto"``; 2.30
adds an optional ``force``.  Booleans take JSON booleans or their usual
string spellings (``parameter_types.boolean``).
"""

import copy

from nova.api.validation import parameter_types

_host = copy.deepcopy(parameter_types.hostname)
_host['type'] = ['string', 'null']

_block_migration_v225 = copy.deepcopy(parameter_types.boolean)
_block_migration_v225['enum'].append('auto')


def _action(members, required):
    return {
        'type': 'object',
        'properties': {
            'os-migrateLive': {
                'type': 'object',
                'properties': members,
                'required': required,
                'additionalProperties': False,
            },
        },
        'required': ['os-migrateLive'],
        'additionalProperties': False,
    }


migrate_live = _action(
    {'block_migration': parameter_types.boolean,
     'disk_over_commit': parameter_types.boolean,
     'host': _host},
    ['block_migration', 'disk_over_commit', 'host'])

migrate_live_v2_25 = _action(
    {'block_migration': _block_migration_v225,
     'host': _host},
    ['block_migration', 'host'])

migrate_live_v2_30 = _action(
    {'block_migration': _block_migration_v225,
     'host': _host,
     'force': parameter_types.boolean},
    ['block_migration', 'host'])

# ``migrate``: no members before 2.56 (null or an empty object, which is
# what clients such as Tempest send); from 2.56 an optional ``host``.
migrate = {
    'type': 'object',
    'properties': {'migrate': {'type': ['object', 'null'],
                               'additionalProperties': False}},
    'required': ['migrate'],
    'additionalProperties': False,
}

migrate_v2_56 = {
    'type': 'object',
    'properties': {
        'migrate': {
            'type': ['object', 'null'],
            'properties': {'host': _host},
            'additionalProperties': False,
        },
    },
    'required': ['migrate'],
    'additionalProperties': False,
}
