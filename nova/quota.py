"""Compute quotas: limits per project (and user), usage, enforcement.

A limit comes, most specific first, from the user's row, the project's
row (both ``os-quota-sets``), the ``default`` quota class
(``os-quota-class-sets``) and finally ``[quota]`` in the configuration;
``-1`` is unlimited.  Only what servers use is counted and enforced here
(instances, cores, ram); the other resources are limits the API reports
and stores, as the features they would limit are not in this project.
"""

import nova.conf
from nova.db.main import quotas as db
from nova import exception

CONF = nova.conf.CONF

UNLIMITED = -1
DEFAULT_CLASS = 'default'
#: Counted and enforced when servers are created.
COUNTED = ('instances', 'cores', 'ram')
#: Configured defaults: API name -> option of ``[quota]``.
CONFIGURED = {
    'instances': 'instances', 'cores': 'cores', 'ram': 'ram',
    'metadata_items': 'metadata_items', 'key_pairs': 'key_pairs',
    'server_groups': 'server_groups',
    'server_group_members': 'server_group_members',
    'injected_files': 'injected_files',
    'injected_file_content_bytes': 'injected_file_content_bytes',
    'injected_file_path_bytes': 'injected_file_path_length',
}
#: Network resources the API shows before 2.36 (Nova's legacy defaults);
#: there is no network service here to limit.
NETWORK_DEFAULTS = {'floating_ips': 10, 'fixed_ips': UNLIMITED,
                    'security_groups': 10, 'security_group_rules': 20}
#: Gone from the API at 2.57 with file injection.
FILE_RESOURCES = ('injected_files', 'injected_file_content_bytes',
                  'injected_file_path_bytes')
ALL_RESOURCES = tuple(CONFIGURED) + tuple(NETWORK_DEFAULTS)


def defaults(context):
    """Every resource's default: the 'default' class, else the config."""
    limits = {name: getattr(CONF.quota, option)
              for name, option in CONFIGURED.items()}
    limits.update(NETWORK_DEFAULTS)
    limits.update(db.quota_class_get_all(context, DEFAULT_CLASS))
    return limits


def get_class_limits(context, class_name):
    """A quota class's limits; classes other than 'default' start empty."""
    limits = defaults(context) if class_name == DEFAULT_CLASS else {}
    limits.update(db.quota_class_get_all(context, class_name))
    return limits


def update_class(context, class_name, values):
    db.quota_class_set(context, class_name, values)
    return get_class_limits(context, class_name)


def get_limits(context, project_id, user_id=None):
    """Every resource's limit for the project, or for one of its users."""
    limits = defaults(context)
    limits.update(db.quota_get_all(context, project_id))
    if user_id:
        limits.update(db.quota_get_all(context, project_id, user_id))
    return limits


def get_usage(context, project_id, user_id=None):
    """In use per resource; 0 for what is not counted here."""
    usage = dict.fromkeys(ALL_RESOURCES, 0)
    usage.update(db.instance_usage(context, project_id, user_id))
    return usage


def update(context, project_id, values, user_id=None, force=False):
    """Set limits; refused below what is in use unless ``force``.

    A user's limit may not exceed the project's.
    """
    usage = get_usage(context, project_id, user_id)
    project_limits = get_limits(context, project_id)
    for resource, limit in values.items():
        if not force and limit != UNLIMITED and limit < usage[resource]:
            raise exception.InvalidQuotaValue(
                limit=limit, resource=resource, minimum=usage[resource])
        maximum = project_limits[resource]
        if user_id and maximum != UNLIMITED and (
                limit == UNLIMITED or limit > maximum):
            raise exception.QuotaAboveProjectLimit(
                limit=limit, resource=resource, maximum=maximum)
    db.quota_set(context, project_id, values, user_id)
    return get_limits(context, project_id, user_id)


def reset(context, project_id, user_id=None):
    """Back to the defaults: drop the project's (or the user's) limits."""
    db.quota_destroy_all(context, project_id, user_id)


def check_instance_create(context, flavor, count=1, recheck=False):
    """Raise TooManyInstances if ``count`` more servers would not fit.

    ``recheck`` counts again after the servers were recorded (they are in
    the usage then), to catch parallel creates that each fit alone.
    """
    wanted = {'instances': count, 'cores': flavor.vcpus * count,
              'ram': flavor.memory_mb * count}
    if recheck:
        wanted = dict.fromkeys(wanted, 0)
    _check_scopes(context, context.project_id, context.user_id, wanted)


def check_resize(context, instance, new_flavor):
    """Raise TooManyInstances if growing to ``new_flavor`` would not fit.

    Only what grows counts (cores and/or ram, by the difference), against
    the limits of the server's own project and user, whoever asks.
    """
    deltas = {'cores': new_flavor.vcpus - instance.vcpus,
              'ram': new_flavor.memory_mb - instance.memory_mb}
    wanted = {name: delta for name, delta in deltas.items() if delta > 0}
    if wanted:
        _check_scopes(context, instance.project_id, instance.user_id,
                      wanted)


def _check_scopes(context, project_id, user_id, wanted):
    """Check the project's limits, and the user's if it has its own."""
    scopes = [(None, get_limits(context, project_id))]
    if db.quota_get_all(context, project_id, user_id):
        scopes.append((user_id, get_limits(context, project_id, user_id)))
    for scope_user, limits in scopes:
        _check(wanted, limits, get_usage(context, project_id, scope_user))


def check_metadata_items(context, count):
    """Raise MetadataLimitExceeded if a server would have too many items."""
    allowed = get_limits(context, context.project_id,
                         context.user_id)['metadata_items']
    if allowed != UNLIMITED and count > allowed:
        raise exception.MetadataLimitExceeded(allowed=allowed)


def _check(wanted, limits, usage):
    """Raise TooManyInstances naming every resource of ``wanted`` over."""
    overs = [r for r in wanted if limits[r] != UNLIMITED and
             usage[r] + wanted[r] > limits[r]]
    if overs:
        raise exception.TooManyInstances(
            overs=', '.join(overs),
            req=', '.join(str(wanted[r]) for r in overs),
            used=', '.join(str(usage[r]) for r in overs),
            allowed=', '.join(str(limits[r]) for r in overs))
