"""Query schemas of ``os-instance-actions``."""

from nova.api.validation import parameter_types

# 2.58: paging and changes-since.
index_query_v258 = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.single_param(
            parameter_types.non_negative_integer),
        'marker': parameter_types.single_param({'type': 'string'}),
        'changes-since': parameter_types.single_param(
            parameter_types.datetime),
    },
    'additionalProperties': False,
}
