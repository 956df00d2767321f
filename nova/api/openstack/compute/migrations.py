"""``GET /os-migrations``: the migrations of the whole deployment.

Every type and status is listed (unlike ``/servers/{id}/migrations``), so
operators can watch a host's queue, e.g. ``?host=compute1&status=queued``.
Hidden records are never shown.  From 2.59 the list is sorted newest
first and paged by migration uuid, with a ``next`` link built from the
request's own URL so that clients can follow it.
"""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import client_input
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import migrations as schema
from nova.api.openstack.compute.views import migrations as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova import exception
from nova.policies import migrations as migrations_policies

# Query parameters that filter the list (at every version).
FILTERS = ('host', 'instance_uuid', 'source_compute', 'status',
           'migration_type')


def _filters(req):
    """The filters asked for; a repeated parameter counts by its last value.

    Before 2.59 parameters that are not filters are ignored.
    """
    query = dict(req.GET.items())
    filters = {name: query[name] for name in FILTERS if name in query}
    if 'changes-since' in query and \
            api_version_request.is_supported(req, '2.59'):
        filters['changes-since'] = client_input.utc_datetime(
            query['changes-since'], 'changes-since')
    return filters


def _hidden_requested(req):
    """``hidden=true`` asks for hidden records only, and none are shown."""
    return strutils.bool_from_string(req.GET.get('hidden', False))


class MigrationsController:
    """Lists migration records across projects (admin by default)."""

    def __init__(self):
        self.compute_api = compute.API()

    def _authorize(self, context):
        target = {'project_id': context.project_id,
                  'user_id': context.user_id}
        context.can(migrations_policies.POLICY_ROOT % 'index',
                    target=target)
        # At these microversions the list always spans every project.
        context.can(migrations_policies.POLICY_ROOT % 'index:all_projects',
                    target={})
        return context.can(migrations_policies.POLICY_ROOT % 'index:host',
                           target={}, fatal=False)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.list_query_params, '2.1', '2.58')
    @validation.query_schema(schema.list_query_params_v2_59, '2.59')
    def index(self, req):
        """Migrations matching the query; paged from 2.59."""
        context = common.get_context(req)
        show_host = self._authorize(context)
        paged = api_version_request.is_supported(req, '2.59')
        limit, marker = (common.get_limit_and_marker(req) if paged
                         else (None, None))
        with common.translate(exception.MarkerNotFound,
                              webob.exc.HTTPBadRequest):
            migrations = self.compute_api.get_migrations(
                context, _filters(req), limit=limit, marker=marker,
                sort_newest=paged)
        if _hidden_requested(req):
            migrations = []
        body = {'migrations': [views.os_migration(req, m, show_host)
                               for m in migrations if not m.hidden]}
        if paged and migrations and len(migrations) == limit:
            body['migrations_links'] = [common.next_link(
                req, migrations[-1].uuid)]
        return body
