"""JSON shapes of migration records, per microversion.

Two resources show migrations, with different keys on purpose (Nova's
wire contract): ``/os-migrations`` items name the server
``instance_uuid`` and carry flavor ids, ``migration_type`` and links;
``/servers/{id}/migrations`` items name it ``server_uuid`` and carry the
transfer progress in bytes.  Callers lacking the ``:host`` policy get the
host and node fields as ``null`` (the keys stay).
"""

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.compute import migration_states

HOST_FIELDS = ('source_compute', 'source_node', 'dest_compute',
               'dest_node', 'dest_host')

_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'

# Live migrations in these statuses are reachable under their server.
_LINKED_STATUSES = frozenset(s.value for s in migration_states.IN_PROGRESS)


def _time(value):
    return None if value is None else value.strftime(_TIME_FORMAT)


def _hosts(migration, show_host):
    return {name: getattr(migration, name) if show_host else None
            for name in HOST_FIELDS}


def _common(migration, show_host):
    view = {'id': migration.id, 'status': migration.status,
            'created_at': _time(migration.created_at),
            'updated_at': _time(migration.updated_at)}
    view.update(_hosts(migration, show_host))
    return view


def _has_server_link(migration):
    return (migration.is_live_migration
            and migration.status in _LINKED_STATUSES)


def os_migration(req, migration, show_host):
    """One item of ``GET /os-migrations``."""
    view = _common(migration, show_host)
    view.update(instance_uuid=migration.instance_uuid,
                old_instance_type_id=migration.old_instance_type_id,
                new_instance_type_id=migration.new_instance_type_id)
    if api_version_request.is_supported(req, '2.23'):
        view['migration_type'] = migration.migration_type
        if _has_server_link(migration):
            view['links'] = common.resource_links(
                req, 'servers/%s/migrations' % migration.instance_uuid,
                migration.id)
    if api_version_request.is_supported(req, '2.59'):
        view['uuid'] = migration.uuid
    return view


def server_migration(req, migration, show_host):
    """One migration under ``/servers/{id}/migrations``."""
    view = _common(migration, show_host)
    view.update(
        server_uuid=migration.instance_uuid,
        memory_total_bytes=migration.memory_total,
        memory_processed_bytes=migration.memory_processed,
        memory_remaining_bytes=migration.memory_remaining,
        disk_total_bytes=migration.disk_total,
        disk_processed_bytes=migration.disk_processed,
        disk_remaining_bytes=migration.disk_remaining)
    if api_version_request.is_supported(req, '2.59'):
        view['uuid'] = migration.uuid
    return view
