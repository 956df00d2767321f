"""The route table of the compute API v2.1.

``ROUTE_LIST`` is a tuple of ``(path, {HTTP method: [factory, method]})``.
The router (``nova.api.openstack.APIRouterV21``) connects every path twice,
as written and below a ``/{project_id}`` segment, and answers a known path
with an unlisted method by 405 and an ``Allow`` header.

Conventions:

* A *factory* is a module-level ``functools.partial`` made with
  :func:`controller_factory`; all routes naming the same factory share one
  controller instance.  Declare each factory once, near the top.
* ``method`` names a method of the main controller.  The special name
  ``'action'`` dispatches on the single key of the JSON body to the
  ``@wsgi.action(key)`` handlers of the main controller *and* of the extra
  controllers given to :func:`controller_factory` (unknown key: 400).
* Order matters where paths overlap: put literal segments before
  placeholders (``/servers/detail`` before ``/servers/{id}``).
* Do not put regular expressions in placeholders; let the controller say
  why an id is not found.

Adding a resource, e.g. server migrations::

    from nova.api.openstack.compute import server_metadata
from nova.api.openstack.compute import server_migrations

    server_migrations_controller = controller_factory(
        server_migrations.ServerMigrationsController)

    ('/servers/{server_id}/migrations', {
        'GET': [server_migrations_controller, 'index'],
    }),
    ('/servers/{server_id}/migrations/{id}', {
        'GET': [server_migrations_controller, 'show'],
        'DELETE': [server_migrations_controller, 'delete'],
    }),
    ('/servers/{server_id}/migrations/{id}/action', {
        'POST': [server_migrations_controller, 'action'],
    }),

and an action contributed by another module to ``/servers/{id}/action``::

    server_controller = controller_factory(
        servers.ServersController,
        migrate_server.MigrateServerController)

    ('/servers/{id}/action', {
        'POST': [server_controller, 'action'],
    }),
"""

import functools

from nova.api.openstack.compute import admin_actions
from nova.api.openstack.compute import admin_password
from nova.api.openstack.compute import aggregates
from nova.api.openstack.compute import availability_zone
from nova.api.openstack.compute import console_output
from nova.api.openstack.compute import create_backup
from nova.api.openstack.compute import deferred_delete
from nova.api.openstack.compute import extensions
from nova.api.openstack.compute import flavor_manage
from nova.api.openstack.compute import flavors
from nova.api.openstack.compute import hypervisors
from nova.api.openstack.compute import images
from nova.api.openstack.compute import instance_actions
from nova.api.openstack.compute import keypairs
from nova.api.openstack.compute import limits
from nova.api.openstack.compute import live_migration_queues
from nova.api.openstack.compute import lock_server
from nova.api.openstack.compute import migrate_server
from nova.api.openstack.compute import migrations
from nova.api.openstack.compute import move_server
from nova.api.openstack.compute import pause_server
from nova.api.openstack.compute import quota_classes
from nova.api.openstack.compute import quota_sets
from nova.api.openstack.compute import server_actions
from nova.api.openstack.compute import server_metadata
from nova.api.openstack.compute import server_migrations
from nova.api.openstack.compute import servers
from nova.api.openstack.compute import services
from nova.api.openstack.compute import shelve
from nova.api.openstack.compute import suspend_server
from nova.api.openstack.compute import versions
from nova.api.openstack import wsgi


def _make_resource(controller_class, action_controller_classes):
    return wsgi.Resource(
        controller_class(),
        action_controllers=[cls() for cls in action_controller_classes])


def controller_factory(controller_class, *action_controller_classes):
    """A factory of the Resource serving ``controller_class``.

    ``action_controller_classes`` contribute ``@wsgi.action`` handlers to
    the routes whose method is ``'action'``.
    """
    return functools.partial(_make_resource, controller_class,
                             action_controller_classes)


version_controller = controller_factory(versions.VersionsController)
# Controllers contributing actions to ``POST /servers/{id}/action``.
SERVER_ACTION_CONTROLLERS = (
    migrate_server.MigrateServerController,
    server_actions.ServerActionsController,
    move_server.MoveServerController,
    pause_server.PauseServerController,
    suspend_server.SuspendServerController,
    lock_server.LockServerController,
    admin_actions.AdminActionsController,
    admin_password.AdminPasswordController,
    console_output.ConsoleOutputController,
    create_backup.CreateBackupController,
    deferred_delete.DeferredDeleteController,
    shelve.ShelveController,
)
server_controller = controller_factory(
    servers.ServersController, *SERVER_ACTION_CONTROLLERS)
instance_actions_controller = controller_factory(
    instance_actions.InstanceActionsController)
flavors_controller = controller_factory(flavors.FlavorsController)
flavor_manage_controller = controller_factory(
    flavor_manage.FlavorManageController)
flavor_access_controller = controller_factory(
    flavor_manage.FlavorAccessController)
flavor_extra_specs_controller = controller_factory(
    flavors.FlavorExtraSpecsController)
images_controller = controller_factory(images.ImagesController)
glance_images_controller = controller_factory(
    images.GlanceImagesController)
services_controller = controller_factory(services.ServiceController)
migrations_controller = controller_factory(
    migrations.MigrationsController)
server_migrations_controller = controller_factory(
    server_migrations.ServerMigrationsController)
server_metadata_controller = controller_factory(
    server_metadata.ServerMetadataController)
keypairs_controller = controller_factory(keypairs.KeypairController)
extensions_controller = controller_factory(
    extensions.ExtensionInfoController)
limits_controller = controller_factory(limits.LimitsController)
hypervisors_controller = controller_factory(
    hypervisors.HypervisorsController)
quota_set_controller = controller_factory(quota_sets.QuotaSetsController)
quota_class_set_controller = controller_factory(
    quota_classes.QuotaClassSetsController)
live_migration_queues_controller = controller_factory(
    live_migration_queues.LiveMigrationQueuesController)
aggregates_controller = controller_factory(aggregates.AggregateController)
availability_zone_controller = controller_factory(
    availability_zone.AvailabilityZoneController)


ROUTE_LIST = (
    # The v2.1 version document: "/v2.1" and "/v2.1/" (and, authenticated,
    # "/v2.1/{project_id}").
    ('', {
        'GET': [version_controller, 'show'],
    }),
    ('/', {
        'GET': [version_controller, 'show'],
    }),
    ('/servers', {
        'GET': [server_controller, 'index'],
        'POST': [server_controller, 'create'],
    }),
    ('/servers/detail', {
        'GET': [server_controller, 'detail'],
    }),
    ('/servers/{id}', {
        'GET': [server_controller, 'show'],
        'PUT': [server_controller, 'update'],
        'DELETE': [server_controller, 'delete'],
    }),
    ('/servers/{id}/action', {
        'POST': [server_controller, 'action'],
    }),
    ('/servers/{server_id}/metadata', {
        'GET': [server_metadata_controller, 'index'],
        'POST': [server_metadata_controller, 'create'],
        'PUT': [server_metadata_controller, 'update_all'],
    }),
    ('/servers/{server_id}/metadata/{id}', {
        'GET': [server_metadata_controller, 'show'],
        'PUT': [server_metadata_controller, 'update'],
        'DELETE': [server_metadata_controller, 'delete'],
    }),
    ('/os-keypairs', {
        'GET': [keypairs_controller, 'index'],
        'POST': [keypairs_controller, 'create'],
    }),
    ('/os-keypairs/{id}', {
        'GET': [keypairs_controller, 'show'],
        'DELETE': [keypairs_controller, 'delete'],
    }),
    ('/servers/{server_id}/os-instance-actions', {
        'GET': [instance_actions_controller, 'index'],
    }),
    ('/servers/{server_id}/os-instance-actions/{id}', {
        'GET': [instance_actions_controller, 'show'],
    }),
    ('/flavors', {
        'GET': [flavors_controller, 'index'],
        'POST': [flavor_manage_controller, 'create'],
    }),
    ('/flavors/detail', {
        'GET': [flavors_controller, 'detail'],
    }),
    ('/flavors/{id}', {
        'GET': [flavors_controller, 'show'],
        'PUT': [flavor_manage_controller, 'update'],
        'DELETE': [flavor_manage_controller, 'delete'],
    }),
    ('/flavors/{id}/action', {
        'POST': [flavor_manage_controller, 'action'],
    }),
    ('/flavors/{flavor_id}/os-flavor-access', {
        'GET': [flavor_access_controller, 'index'],
    }),
    ('/flavors/{flavor_id}/os-extra_specs', {
        'GET': [flavor_extra_specs_controller, 'index'],
        'POST': [flavor_extra_specs_controller, 'create'],
    }),
    ('/flavors/{flavor_id}/os-extra_specs/{id}', {
        'GET': [flavor_extra_specs_controller, 'show'],
        'PUT': [flavor_extra_specs_controller, 'update'],
        'DELETE': [flavor_extra_specs_controller, 'delete'],
    }),
    # The image proxy (2.1-2.35) and the Glance v2 paths that
    # python-novaclient asks the compute endpoint for.
    ('/images', {
        'GET': [images_controller, 'index'],
    }),
    ('/images/detail', {
        'GET': [images_controller, 'detail'],
    }),
    ('/images/{id}', {
        'GET': [images_controller, 'show'],
    }),
    ('/v2/images', {
        'GET': [glance_images_controller, 'index'],
    }),
    ('/v2/images/{id}', {
        'GET': [glance_images_controller, 'show'],
    }),
    ('/os-services', {
        'GET': [services_controller, 'index'],
    }),
    ('/os-availability-zone', {
        'GET': [availability_zone_controller, 'index'],
    }),
    ('/os-availability-zone/detail', {
        'GET': [availability_zone_controller, 'detail'],
    }),
    ('/os-migrations', {
        'GET': [migrations_controller, 'index'],
    }),
    ('/servers/{server_id}/migrations', {
        'GET': [server_migrations_controller, 'index'],
    }),
    ('/servers/{server_id}/migrations/{id}', {
        'GET': [server_migrations_controller, 'show'],
        'DELETE': [server_migrations_controller, 'delete'],
    }),
    ('/servers/{server_id}/migrations/{id}/action', {
        'POST': [server_migrations_controller, 'action'],
    }),
    ('/extensions', {
        'GET': [extensions_controller, 'index'],
    }),
    ('/extensions/{id}', {
        'GET': [extensions_controller, 'show'],
    }),
    ('/limits', {
        'GET': [limits_controller, 'index'],
    }),
    ('/os-quota-sets/{id}', {
        'GET': [quota_set_controller, 'show'],
        'PUT': [quota_set_controller, 'update'],
        'DELETE': [quota_set_controller, 'delete'],
    }),
    ('/os-quota-sets/{id}/defaults', {
        'GET': [quota_set_controller, 'defaults'],
    }),
    ('/os-quota-sets/{id}/detail', {
        'GET': [quota_set_controller, 'detail'],
    }),
    ('/os-quota-class-sets/{id}', {
        'GET': [quota_class_set_controller, 'show'],
        'PUT': [quota_class_set_controller, 'update'],
    }),
    ('/os-hypervisors', {
        'GET': [hypervisors_controller, 'index'],
    }),
    ('/os-hypervisors/detail', {
        'GET': [hypervisors_controller, 'detail'],
    }),
    ('/os-hypervisors/statistics', {
        'GET': [hypervisors_controller, 'statistics'],
    }),
    ('/os-hypervisors/{id}', {
        'GET': [hypervisors_controller, 'show'],
    }),
    ('/os-hypervisors/{id}/uptime', {
        'GET': [hypervisors_controller, 'uptime'],
    }),
    ('/os-hypervisors/{id}/search', {
        'GET': [hypervisors_controller, 'search'],
    }),
    ('/os-hypervisors/{id}/servers', {
        'GET': [hypervisors_controller, 'servers'],
    }),
    ('/os-aggregates', {
        'GET': [aggregates_controller, 'index'],
        'POST': [aggregates_controller, 'create'],
    }),
    ('/os-aggregates/{id}', {
        'GET': [aggregates_controller, 'show'],
        'PUT': [aggregates_controller, 'update'],
        'DELETE': [aggregates_controller, 'delete'],
    }),
    ('/os-aggregates/{id}/action', {
        'POST': [aggregates_controller, 'action'],
    }),
    # A project extension (2.65 and later, admin only).
    ('/os-live-migration-queues', {
        'GET': [live_migration_queues_controller, 'index'],
    }),
    ('/os-live-migration-queues/{id}', {
        'GET': [live_migration_queues_controller, 'show'],
    }),
    ('/os-live-migration-queues/{id}/action', {
        'POST': [live_migration_queues_controller, 'action'],
    }),
)
