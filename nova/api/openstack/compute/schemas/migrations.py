"""Query strings of ``GET /os-migrations`` per microversion.

Before 2.59 unknown parameters are ignored; from 2.59 they are refused and
paging (``limit``, ``marker``) and ``changes-since`` join the filters.
"""

import copy

from nova.api.validation import parameter_types

_FILTERS = {
    'hidden': parameter_types.common_query_param,
    'host': parameter_types.common_query_param,
    'instance_uuid': parameter_types.common_query_param,
    'source_compute': parameter_types.common_query_param,
    'status': parameter_types.common_query_param,
    'migration_type': parameter_types.common_query_param,
}

list_query_params = {
    'type': 'object',
    'properties': dict(_FILTERS),
    'additionalProperties': True,
}

list_query_params_v2_59 = copy.deepcopy(list_query_params)
list_query_params_v2_59['properties'].update({
    'limit': parameter_types.single_param(
        parameter_types.non_negative_integer),
    'marker': parameter_types.single_param({'type': 'string'}),
    'changes-since': parameter_types.single_param(
        parameter_types.datetime),
})
list_query_params_v2_59['additionalProperties'] = False
