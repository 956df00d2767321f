"""``POST /servers/{id}/action`` ``os-migrateLive``: start a live migration.

The handler checks the body (per microversion), finds the server, asks
policy, and hands over to ``compute.API.live_migrate``, which checks the
lock, the server's state and the host, sets ``task_state=migrating`` with
compare-and-swap and casts to the conductor.  Everything after that (the
destination's checks included) happens after the 202, so its outcome shows
in the migration's status and the ``live-migration`` instance action.
"""

import collections

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute import move_server
from nova.api.openstack.compute.schemas import migrate_server as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova import exception
from nova.i18n import _
from nova.policies import migrate_server as ms_policies

LiveMigrateArgs = collections.namedtuple(
    'LiveMigrateArgs', ['host', 'block_migration', 'force'])


# Domain errors of os-migrateLive, first match first (an
# InstanceInvalidState is a 409 naming the action, see common.translate).
_MIGRATE_LIVE_ERRORS = (
    (exception.InstanceNotFound, webob.exc.HTTPNotFound),
    ((exception.ComputeHostNotFound, exception.Invalid),
     webob.exc.HTTPBadRequest),
    # Locked, or another request changed task_state first.
    (exception.Conflict, webob.exc.HTTPConflict),
)


def live_migrate_args(req, body):
    """The host, block_migration and force a request asks for.

    ``block_migration`` is None for ``"auto"`` (the compute decides).
    Before 2.30 a named host is always forced, as the API never asked the
    scheduler then; from 2.30 ``force`` says so, and needs a host.
    """
    params = body['os-migrateLive']
    host = params['host']
    block_migration = params['block_migration']
    if block_migration == 'auto':
        block_migration = None
    else:
        block_migration = strutils.bool_from_string(block_migration,
                                                    strict=True)
    if not api_version_request.is_supported(req, '2.30'):
        return LiveMigrateArgs(host, block_migration, host is not None)
    force = strutils.bool_from_string(params.get('force', False),
                                      strict=True)
    if force and host is None:
        raise webob.exc.HTTPBadRequest(explanation=_(
            "'force' is only allowed together with a 'host'."))
    return LiveMigrateArgs(host, block_migration, force)


class MigrateServerController:
    """Contributes ``os-migrateLive`` to ``POST /servers/{id}/action``."""

    def __init__(self):
        self.compute_api = compute.API()

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('os-migrateLive')
    @validation.schema(schema.migrate_live, '2.1', '2.24')
    @validation.schema(schema.migrate_live_v2_25, '2.25', '2.29')
    @validation.schema(schema.migrate_live_v2_30, '2.30')
    def _migrate_live(self, req, id, body):
        """Start a live migration; 202 once the conductor has it."""
        context = common.get_context(req)
        args = live_migrate_args(req, body)
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            instance = self.compute_api.get(context, id)
        self._authorize(context, instance, args.host)
        with common.translate(_MIGRATE_LIVE_ERRORS, action='os-migrateLive',
                              server_id=id):
            self.compute_api.live_migrate(
                context, instance, args.block_migration, args.host,
                force=args.force)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('migrate')
    @validation.schema(schema.migrate, '2.1', '2.55')
    @validation.schema(schema.migrate_v2_56, '2.56')
    def _migrate(self, req, id, body):
        """Cold-migrate: 202 once a destination is claimed."""
        context = common.get_context(req)
        host = (body['migrate'] or {}).get('host')
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            instance = self.compute_api.get(context, id)
        target = {'project_id': instance.project_id,
                  'user_id': instance.user_id}
        context.can(ms_policies.POLICY_ROOT % 'migrate', target=target)
        if host is not None:
            context.can(ms_policies.POLICY_ROOT % 'migrate:host',
                        target=target)
        move_server.call_move(
            id, 'migrate', lambda: self.compute_api.migrate(
                context, instance, host))

    @staticmethod
    def _authorize(context, instance, host):
        target = {'project_id': instance.project_id,
                  'user_id': instance.user_id}
        context.can(ms_policies.POLICY_ROOT % 'migrate_live', target=target)
        if host is not None:
            context.can(ms_policies.POLICY_ROOT % 'migrate_live:host',
                        target=target)
