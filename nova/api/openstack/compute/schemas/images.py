"""Query schemas of the image proxy and of its Glance-shaped twin."""

from nova.api.validation import parameter_types

index_query = {
    'type': 'object',
    'properties': {
        'name': parameter_types.multi_params({'type': 'string'}),
        # Glance's "in:<id>,<id>" list, or a single id.
        'id': parameter_types.multi_params({'type': 'string'}),
        'limit': parameter_types.multi_params(
            parameter_types.non_negative_integer),
        'marker': parameter_types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}
