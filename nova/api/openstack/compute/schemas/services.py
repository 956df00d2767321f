"""Query schema of ``GET /os-services``."""

from nova.api.validation import parameter_types

index_query = {
    'type': 'object',
    'properties': {
        'host': parameter_types.multi_params({'type': 'string'}),
        'binary': parameter_types.multi_params({'type': 'string'}),
    },
    # Unknown parameters are ignored until 2.75, which is above this
    # project's maximum.
    'additionalProperties': True,
}
