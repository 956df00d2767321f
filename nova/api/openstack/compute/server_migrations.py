"""``/servers/{server_id}/migrations``: a server's live migrations.

List and show (2.23) see only live migrations in progress (``queued``,
``preparing``, ``running``, ``post-migrating``).  Force-complete (2.22)
needs a ``running`` one.  Abort (2.24) takes a ``running`` one and, from
2.65, a ``queued`` or ``preparing`` one too; the compute API refuses
before anything is sent when the server's compute service, or the compute
RPC version cap, cannot carry an abort of a waiting migration.
``{id}`` is always the migration's integer id.
"""

import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import client_input
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import server_migrations as schema
from nova.api.openstack.compute.views import migrations as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova import exception
from nova.policies import server_migrations as sm_policies

# Why an abort or force-complete cannot be done now: 400.
_REFUSED = (exception.InvalidMigrationState,
            exception.AbortQueuedLiveMigrationNotYetSupported,
            exception.LiveMigrationAbortNotSupportedByRPC)


# Domain errors of force-complete and abort, first match first (an
# InstanceInvalidState is a 409 naming the action, see common.translate).
_ACTION_ERRORS = (
    (_REFUSED, webob.exc.HTTPBadRequest),
    ((exception.MigrationNotFound, exception.InstanceNotFound),
     webob.exc.HTTPNotFound),
    # The server's host has no compute service record: nothing could carry
    # the request.
    (exception.ComputeHostNotFound, webob.exc.HTTPBadRequest),
    (exception.Conflict, webob.exc.HTTPConflict),
)


def _target(instance):
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


class ServerMigrationsController:
    """Live migrations of one server, addressed by migration id."""

    def __init__(self):
        self.compute_api = compute.API()

    def _get_authorized_instance(self, req, server_id, rule):
        """The server (404 if absent), once ``rule`` allows the caller."""
        context = common.get_context(req)
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            instance = self.compute_api.get(context, server_id)
        context.can(sm_policies.POLICY_ROOT % rule,
                    target=_target(instance))
        return context, instance

    @staticmethod
    def _show_host(context, instance):
        return context.can(sm_policies.POLICY_ROOT % 'index:host',
                           target=_target(instance), fatal=False)

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    def index(self, req, server_id):
        """The server's live migrations in progress (no defined order)."""
        context, instance = self._get_authorized_instance(req, server_id,
                                                          'index')
        migrations = self.compute_api.get_migrations_in_progress_by_instance(
            context, instance.uuid)
        show_host = self._show_host(context, instance)
        return {'migrations': [views.server_migration(req, m, show_host)
                               for m in migrations]}

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    def show(self, req, server_id, id):
        """One live migration in progress; 404 for anything else."""
        context, instance = self._get_authorized_instance(req, server_id,
                                                          'show')
        migration_id = _migration_id(id)
        with common.translate(exception.MigrationNotFound,
                              webob.exc.HTTPNotFound):
            migration = self.compute_api.get_migration_in_progress(
                context, instance.uuid, migration_id)
        show_host = self._show_host(context, instance)
        return {'migration': views.server_migration(req, migration,
                                                    show_host)}

    @wsgi.api_version('2.22')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('force_complete')
    @validation.schema(schema.force_complete)
    def _force_complete(self, req, server_id, id, body):
        """Ask the source compute to finish a running migration now."""
        context, instance = self._get_authorized_instance(
            req, server_id, 'force_complete')
        migration_id = _migration_id(id, not_found=webob.exc.HTTPBadRequest)
        with _translate_action_errors(instance, 'force_complete'):
            self.compute_api.live_migrate_force_complete(
                context, instance, migration_id)

    @wsgi.api_version('2.24')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    def delete(self, req, server_id, id):
        """Abort a live migration; what may be aborted depends on 2.65."""
        context, instance = self._get_authorized_instance(req, server_id,
                                                          'delete')
        migration_id = _migration_id(id)
        with _translate_action_errors(instance, 'abort live migration'):
            self.compute_api.live_migrate_abort(
                context, instance, migration_id,
                support_abort_in_queue=api_version_request.is_supported(
                    req, '2.65'))


def _migration_id(value, not_found=webob.exc.HTTPNotFound):
    """The integer id in the path; anything else names no migration.

    Refused here, before the compute API: an id beyond 64 bits would
    reach the database otherwise.
    """
    return client_input.db_id(value, lambda: not_found(
        explanation=exception.MigrationNotFound(
            migration_id=client_input.quote(value)).format_message()))


def _translate_action_errors(instance, action):
    """Domain errors of force-complete and abort → 400/404/409."""
    return common.translate(_ACTION_ERRORS, action=action,
                            server_id=instance.uuid)
