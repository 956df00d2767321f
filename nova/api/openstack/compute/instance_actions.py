"""``/servers/{server_id}/os-instance-actions``: what was asked, what ran."""

import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import client_input
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import instance_actions as schema
from nova.api.openstack.compute import servers
from nova.api.openstack.compute.views import instance_actions as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova import exception
from nova.i18n import _
from nova.policies import instance_actions as ia_policies

POLICY = ia_policies.ROOT_POLICY


def _target(instance):
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


class InstanceActionsController:
    """Actions recorded for a server, newest first, and their events."""

    def __init__(self):
        self.compute_api = compute.API()
        self._view = views.ViewBuilder()

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query_v258, '2.58')
    def index(self, req, server_id):
        context = common.get_context(req)
        instance = self._get_instance(req, context, server_id)
        context.can(POLICY % 'list', target=_target(instance))
        limit = marker = changes_since = None
        paged = api_version_request.is_supported(req, '2.58')
        if paged:
            limit, marker = common.get_limit_and_marker(req)
            changes_since = self._changes_since(req)
        try:
            actions = self.compute_api.get_instance_actions(
                context, instance.uuid, limit=limit, marker=marker,
                changes_since=changes_since)
        except exception.InstanceActionNotFound:
            # Only the marker is looked up by request id here.
            raise webob.exc.HTTPBadRequest(
                explanation=_('Marker %s could not be found.') % marker)
        body = {'instanceActions': [self._view.action(req, action)
                                    for action in actions]}
        if paged and limit and len(actions) == limit:
            body['links'] = [common.next_link(req, actions[-1].request_id)]
        return body

    @wsgi.expected_errors(404)
    def show(self, req, server_id, id):
        context = common.get_context(req)
        instance = self._get_instance(req, context, server_id)
        context.can(POLICY % 'show', target=_target(instance))
        with common.translate(exception.InstanceActionNotFound,
                              webob.exc.HTTPNotFound):
            action, events = self.compute_api.get_instance_action(
                context, instance.uuid, id)
        body = self._view.action(req, action)
        show_details = context.can(POLICY % 'events',
                                   target=_target(instance), fatal=False)
        if show_details or api_version_request.is_supported(req, '2.51'):
            body['events'] = [
                self._view.event(req, event, instance.project_id,
                                 show_details)
                for event in events]
        return {'instanceAction': body}

    def _get_instance(self, req, context, server_id):
        """The server; from 2.21 a deleted one too."""
        if api_version_request.is_supported(req, '2.21'):
            context = servers.with_read_deleted(context, 'yes')
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            return self.compute_api.get(context, server_id)

    @staticmethod
    def _changes_since(req):
        value = req.GET.get('changes-since')
        if value is None:
            return None
        return client_input.utc_datetime(value, 'changes-since')
