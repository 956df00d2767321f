"""Response schemas of ``/servers`` per microversion.

Each list below pairs a schema with the microversion window it describes,
for :func:`nova.api.validation.response_body_schemas`.  The schemas are
strict (no unknown member, every always-sent member required) so that a
field added or lost in a view fails the tests at once.
"""

import copy

from nova.api.validation import response_types

_links = response_types.links

_access_ip_v4 = {'type': 'string', 'oneOf': [{'format': 'ipv4'},
                                             {'enum': ['']}]}
_access_ip_v6 = {'type': 'string', 'oneOf': [{'format': 'ipv6'},
                                             {'enum': ['']}]}

_image = {'oneOf': [
    {'type': 'object',
     'properties': {'id': {'type': 'string'}, 'links': _links},
     'required': ['id', 'links'], 'additionalProperties': False},
    {'type': 'string', 'enum': ['']},
]}

_flavor_link = {
    'type': 'object',
    'properties': {'id': {'type': 'string'}, 'links': _links},
    'required': ['id', 'links'],
    'additionalProperties': False,
}

# 2.47: the flavor as it was when the server was built.
_flavor_embedded = {
    'type': 'object',
    'properties': {
        'original_name': {'type': 'string'},
        'vcpus': {'type': 'integer'},
        'ram': {'type': 'integer'},
        'disk': {'type': 'integer'},
        'ephemeral': {'type': 'integer'},
        'swap': {'type': 'integer'},
        'extra_specs': {'type': 'object',
                        'additionalProperties': {'type': 'string'}},
    },
    # extra_specs only for callers who may list a flavor's extra specs.
    'required': ['original_name', 'vcpus', 'ram', 'disk', 'ephemeral',
                 'swap'],
    'additionalProperties': False,
}

_fault = {
    'type': 'object',
    'properties': {
        'code': {'type': 'integer'},
        'message': {'type': 'string'},
        'created': response_types.date_time,
        'details': {'type': 'string'},
    },
    'required': ['code', 'message', 'created'],
    'additionalProperties': False,
}

_metadata = {'type': 'object', 'additionalProperties': {'type': 'string'}}

_nullable_string = {'type': ['string', 'null']}
_nullable_time = response_types.date_time_or_null

# The members of the PUT answer (and of every full view).
_basic = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string', 'format': 'uuid'},
        'name': {'type': 'string'},
        'status': {'type': 'string'},
        'tenant_id': {'type': 'string'},
        'user_id': {'type': 'string'},
        'metadata': _metadata,
        'hostId': {'type': 'string'},
        'image': _image,
        'flavor': _flavor_link,
        'created': response_types.date_time,
        'updated': response_types.date_time,
        'addresses': {'type': 'object'},
        'accessIPv4': _access_ip_v4,
        'accessIPv6': _access_ip_v6,
        'links': _links,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'progress': {'type': 'integer'},
        'fault': _fault,
    },
    'required': ['id', 'name', 'status', 'tenant_id', 'user_id', 'metadata',
                 'hostId', 'image', 'flavor', 'created', 'updated',
                 'addresses', 'accessIPv4', 'accessIPv6', 'links',
                 'OS-DCF:diskConfig'],
    'additionalProperties': False,
}

_detail_v21 = copy.deepcopy(_basic)
response_types.add_required(
    _detail_v21,
    key_name=_nullable_string,
    config_drive={'type': 'string'},
    security_groups={'type': 'array', 'items': {
        'type': 'object', 'properties': {'name': {'type': 'string'}},
        'required': ['name'], 'additionalProperties': False}},
    **{'OS-EXT-AZ:availability_zone': {'type': 'string'},
       'OS-SRV-USG:launched_at': _nullable_time,
       'OS-SRV-USG:terminated_at': _nullable_time,
       'os-extended-volumes:volumes_attached': {'type': 'array'},
       'OS-EXT-STS:vm_state': {'type': 'string'},
       'OS-EXT-STS:task_state': _nullable_string,
       'OS-EXT-STS:power_state': {'type': 'integer'}})
# Extended server attributes: for callers the policy lets see them.
response_types.add_optional(
    _detail_v21, **{
        'OS-EXT-SRV-ATTR:host': _nullable_string,
        'OS-EXT-SRV-ATTR:hypervisor_hostname': _nullable_string,
        'OS-EXT-SRV-ATTR:instance_name': {'type': 'string'}})

_detail_v23 = copy.deepcopy(_detail_v21)
response_types.add_optional(
    _detail_v23, **{
        'OS-EXT-SRV-ATTR:reservation_id': _nullable_string,
        'OS-EXT-SRV-ATTR:launch_index': {'type': 'integer'},
        'OS-EXT-SRV-ATTR:hostname': {'type': 'string'},
        'OS-EXT-SRV-ATTR:kernel_id': _nullable_string,
        'OS-EXT-SRV-ATTR:ramdisk_id': _nullable_string,
        'OS-EXT-SRV-ATTR:root_device_name': _nullable_string,
        'OS-EXT-SRV-ATTR:user_data': _nullable_string})


def _with(schema, required=None, optional=None, replace=None):
    schema = copy.deepcopy(schema)
    response_types.add_required(schema, **(required or {}))
    response_types.add_optional(schema, **(optional or {}))
    schema['properties'].update(replace or {})
    return schema


_locked = {'locked': {'type': 'boolean'}}
_description = {'description': _nullable_string}
_tags = {'tags': {'type': 'array', 'maxItems': 50,
                  'items': {'type': 'string', 'maxLength': 60}}}
_certs = {'trusted_image_certificates': {
    'type': ['array', 'null'], 'items': {'type': 'string'}}}
_host_status = {'host_status': {
    'type': 'string', 'enum': ['UP', 'DOWN', 'MAINTENANCE', 'UNKNOWN', '']}}
_embedded_flavor = {'flavor': _flavor_embedded}

_detail_v29 = _with(_detail_v23, required=_locked)
_detail_v216 = _with(_detail_v29, optional=_host_status)
_detail_v219 = _with(_detail_v216, required=_description)
_detail_v226 = _with(_detail_v219, required=_tags)
_detail_v247 = _with(_detail_v226, replace=_embedded_flavor)
_detail_v263 = _with(_detail_v247, required=_certs)

_update_v29 = _with(_basic, required=_locked)
_update_v219 = _with(_update_v29, required=_description)
_update_v226 = _with(_update_v219, required=_tags)
_update_v247 = _with(_update_v226, replace=_embedded_flavor)
_update_v263 = _with(_update_v247, required=_certs)

# The rebuild answer: the PUT answer, with key_name (2.54) and user_data
# (2.57), and adminPass when instance passwords are enabled.
_admin_pass = {'adminPass': {'type': 'string'}}
_key_name = {'key_name': _nullable_string}
_user_data = {'user_data': _nullable_string}
_rebuild_v21 = _with(_basic, optional=_admin_pass)
_rebuild_v29 = _with(_update_v29, optional=_admin_pass)
_rebuild_v219 = _with(_update_v219, optional=_admin_pass)
_rebuild_v226 = _with(_update_v226, optional=_admin_pass)
_rebuild_v247 = _with(_update_v247, optional=_admin_pass)
_rebuild_v254 = _with(_rebuild_v247, required=_key_name)
_rebuild_v257 = _with(_rebuild_v254, required=_user_data)
_rebuild_v263 = _with(_rebuild_v257, required=_certs)


def _one(server):
    return {'type': 'object', 'properties': {'server': server},
            'required': ['server'], 'additionalProperties': False}


def _many(server):
    return {'type': 'object',
            'properties': {'servers': {'type': 'array', 'items': server},
                           'servers_links': _links},
            'required': ['servers'], 'additionalProperties': False}


_DETAIL_WINDOWS = (
    (_detail_v21, '2.1', '2.2'),
    (_detail_v23, '2.3', '2.8'),
    (_detail_v29, '2.9', '2.15'),
    (_detail_v216, '2.16', '2.18'),
    (_detail_v219, '2.19', '2.25'),
    (_detail_v226, '2.26', '2.46'),
    (_detail_v247, '2.47', '2.62'),
    (_detail_v263, '2.63', None),
)

SHOW = [(_one(server), low, high) for server, low, high in _DETAIL_WINDOWS]
DETAIL = [(_many(server), low, high)
          for server, low, high in _DETAIL_WINDOWS]
UPDATE = [
    (_one(_basic), '2.1', '2.8'),
    (_one(_update_v29), '2.9', '2.18'),
    (_one(_update_v219), '2.19', '2.25'),
    (_one(_update_v226), '2.26', '2.46'),
    (_one(_update_v247), '2.47', '2.62'),
    (_one(_update_v263), '2.63', None),
]

REBUILD = [
    (_one(_rebuild_v21), '2.1', '2.8'),
    (_one(_rebuild_v29), '2.9', '2.18'),
    (_one(_rebuild_v219), '2.19', '2.25'),
    (_one(_rebuild_v226), '2.26', '2.46'),
    (_one(_rebuild_v247), '2.47', '2.53'),
    (_one(_rebuild_v254), '2.54', '2.56'),
    (_one(_rebuild_v257), '2.57', '2.62'),
    (_one(_rebuild_v263), '2.63', None),
]

INDEX = [(_many({
    'type': 'object',
    'properties': {'id': {'type': 'string', 'format': 'uuid'},
                   'name': {'type': 'string'}, 'links': _links},
    'required': ['id', 'name', 'links'],
    'additionalProperties': False,
}), None, None)]

CREATE = [({'oneOf': [
    _one({
        'type': 'object',
        'properties': {
            'id': {'type': 'string', 'format': 'uuid'},
            'links': _links,
            'OS-DCF:diskConfig': {'type': 'string',
                                  'enum': ['AUTO', 'MANUAL']},
            'security_groups': {'type': 'array'},
            'adminPass': {'type': 'string'},
        },
        'required': ['id', 'links', 'OS-DCF:diskConfig', 'security_groups'],
        'additionalProperties': False,
    }),
    {'type': 'object',
     'properties': {'reservation_id': {'type': 'string'}},
     'required': ['reservation_id'], 'additionalProperties': False},
]}, None, None)]
