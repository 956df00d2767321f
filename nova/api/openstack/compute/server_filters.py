"""Server list query parameters beyond status and times: filters, sorting.

Kept apart from the controller so each parameter's parsing is one small
function.  Filters any caller may use follow Nova's list; the others
(``tenant_id`` here, ``host``/``node``/``deleted`` in the controller) are
silently dropped for callers without ``allow_all_filters``.
"""

import re

import webob.exc

from nova.i18n import _
from nova.policies import servers as server_policies

SERVERS = server_policies.SERVERS

# Sort keys the database can order by (instance columns).
VALID_SORT_KEYS = (
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone',
    'config_drive', 'created_at', 'display_description', 'display_name',
    'host', 'hostname', 'image_ref', 'instance_type_id', 'kernel_id',
    'key_name', 'launch_index', 'launched_at', 'locked_by', 'node',
    'power_state', 'progress', 'project_id', 'ramdisk_id',
    'root_device_name', 'task_state', 'terminated_at', 'updated_at',
    'user_id', 'uuid', 'vm_state')
# Keys Nova accepts and ignores.
IGNORED_SORT_KEYS = (
    'architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
    'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
    'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
    'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb',
    'shutdown_terminate', 'user_data', 'vcpus', 'vm_mode')
# Sortable by admins only (where the caller's servers run).
ADMIN_SORT_KEYS = ('host', 'node')
# Columns this project does not have: ordering by them is a no-op.
_ABSENT_COLUMNS = ('kernel_id', 'locked_by', 'ramdisk_id',
                   'root_device_name')

DEFAULT_SORT = (['created_at', 'id'], ['desc', 'desc'])


def _last(params, name):
    values = params.getall(name)
    return values[-1] if values else None


def _regex(value):
    try:
        re.compile(value)
    except re.error as exc:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid regular expression %(value)s: %(error)s') % {
                'value': value[:255], 'error': exc})
    return value


def user_filters(params):
    """Filters any caller may use: name (a regex), image, flavor...

    ``ip``/``ip6`` select on addresses; no server has any here, so they
    match nothing: the caller gets None.
    """
    filters = {}
    if _last(params, 'name'):
        filters['name'] = _regex(_last(params, 'name'))
    for param, key in (('image', 'image_ref'), ('flavor', 'flavor'),
                       ('reservation_id', 'reservation_id')):
        if _last(params, param):
            filters[key] = _last(params, param)
    if _last(params, 'ip') or _last(params, 'ip6'):
        return None
    return filters


def tenant_filter(params, context, all_tenants):
    """``tenant_id`` for admins listing every project; else nothing."""
    tenant_id = _last(params, 'tenant_id') or _last(params, 'project_id')
    if not tenant_id or not all_tenants or not _may_use_all_filters(
            context):
        return {}
    return {'project_id': tenant_id}


def _may_use_all_filters(context):
    return context.can(SERVERS % 'allow_all_filters',
                       target={'project_id': context.project_id},
                       fatal=False)


def sort_params(params, context):
    """(sort keys, sort dirs) from ``sort_key``/``sort_dir``, Nova-style.

    Keys Nova ignores are dropped with their direction; ``created_at``
    then ``id`` always end the order so paging is stable.
    """
    keys, dirs = params.getall('sort_key'), params.getall('sort_dir')
    if len(dirs) > len(keys):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Sort direction size exceeds sort key size'))
    default_dir = dirs[0] if dirs else 'desc'
    dirs = dirs + [default_dir] * (len(keys) - len(dirs))
    pairs = [(key, direction) for key, direction in zip(keys, dirs)
             if key not in IGNORED_SORT_KEYS]
    _check_admin_sort_keys([key for key, _dir in pairs], context)
    pairs = [(k, d) for k, d in pairs if k not in _ABSENT_COLUMNS]
    for key in DEFAULT_SORT[0]:
        if key not in [k for k, _d in pairs]:
            pairs.append((key, default_dir))
    return [k for k, _d in pairs], [d for _k, d in pairs]


def _check_admin_sort_keys(keys, context):
    admin_keys = [key for key in keys if key in ADMIN_SORT_KEYS]
    if admin_keys and not _may_use_all_filters(context):
        raise webob.exc.HTTPForbidden(explanation=_(
            'Only administrators can sort servers by %s')
            % ', '.join(admin_keys))
