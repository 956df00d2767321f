"""Request bodies and queries of ``/os-live-migration-queues``."""

# GET (list and show) take no query parameters; unknown ones are ignored,
# as on Nova's other resources below 2.75.
index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
show_query = index_query

# POST .../{host}/action {"drain": {"include_running": false}}
drain = {
    'type': 'object',
    'properties': {
        'drain': {
            'oneOf': [
                {'type': 'null'},
                {'type': 'object',
                 'properties': {
                     'include_running': {'type': 'boolean'},
                 },
                 'additionalProperties': False},
            ],
        },
    },
    'required': ['drain'],
    'additionalProperties': False,
}

# POST .../{host}/action {"move": {"migration_id": 7, "position": 2}}
move = {
    'type': 'object',
    'properties': {
        'move': {
            'type': 'object',
            'properties': {
                'migration_id': {'type': 'integer', 'minimum': 1,
                                 'maximum': 2 ** 31 - 1},
                'position': {'type': 'integer', 'minimum': 1,
                             'maximum': 2 ** 31 - 1},
            },
            'required': ['migration_id', 'position'],
            'additionalProperties': False,
        },
    },
    'required': ['move'],
    'additionalProperties': False,
}
