"""Request bodies of ``/servers/{server_id}/migrations``."""

# POST .../migrations/{id}/action: the action takes no argument.
force_complete = {
    'type': 'object',
    'properties': {
        'force_complete': {'type': 'null'},
    },
    'required': ['force_complete'],
    'additionalProperties': False,
}
