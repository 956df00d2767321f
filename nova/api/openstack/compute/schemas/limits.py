"""Query schema of ``GET /limits``."""

from nova.api.validation import parameter_types

index_query = {
    'type': 'object',
    'properties': {
        'tenant_id': parameter_types.multi_params({'type': 'string'}),
    },
    # Unknown parameters are ignored before 2.75 (above our maximum).
    'additionalProperties': True,
}
