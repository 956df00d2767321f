"""Query schemas of the flavors API."""

from nova.api.validation import parameter_types

_is_public = {'type': 'string'}

index_query = {
    'type': 'object',
    'properties': {
        # 'None' (all flavors), or a boolean string; checked by the
        # controller so the message can say which values are accepted.
        'is_public': parameter_types.multi_params(_is_public),
        'minRam': parameter_types.multi_params(
            parameter_types.non_negative_integer),
        'minDisk': parameter_types.multi_params(
            parameter_types.non_negative_integer),
        'limit': parameter_types.multi_params(
            parameter_types.non_negative_integer),
        'marker': parameter_types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}
