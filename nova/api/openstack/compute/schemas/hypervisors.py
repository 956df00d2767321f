"""Query schemas of ``/os-hypervisors`` (2.33 paging, 2.53 filters)."""

from nova.api.validation import parameter_types

_paging = {
    'limit': parameter_types.single_param(
        parameter_types.non_negative_integer),
    'marker': parameter_types.single_param({'type': 'string'}),
}

index_query_v233 = {
    'type': 'object',
    'properties': dict(_paging),
    # Other parameters are ignored before 2.53.
    'additionalProperties': True,
}

index_query_v253 = {
    'type': 'object',
    'properties': dict(
        _paging,
        hypervisor_hostname_pattern=parameter_types.single_param(
            {'type': 'string', 'minLength': 1}),
        with_servers=parameter_types.single_param(parameter_types.boolean)),
    'additionalProperties': False,
}

show_query_v253 = {
    'type': 'object',
    'properties': {
        'with_servers': parameter_types.single_param(parameter_types.boolean),
    },
    'additionalProperties': False,
}
