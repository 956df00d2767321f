"""``/servers/{server_id}/metadata``: a server's key/value metadata.

Reading works in any state; changes need a server that is not locked
(or an admin) and in a steady state (409 otherwise), as in Nova.
"""

import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import server_metadata as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute
from nova import exception
from nova.i18n import _
from nova.policies import server_metadata as md_policies

POLICY = md_policies.POLICY_ROOT


class ServerMetadataController:
    """Thin over compute.API's metadata methods."""

    def __init__(self):
        self.compute_api = compute.API()

    def _instance(self, req, server_id, rule):
        context = common.get_context(req)
        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            instance = self.compute_api.get(context, server_id)
        context.can(POLICY % rule,
                    target={'project_id': instance.project_id,
                            'user_id': instance.user_id})
        return context, instance

    def _change(self, req, server_id, rule, change):
        """Run ``change(context, instance)`` with the 404/409 mapping."""
        context, instance = self._instance(req, server_id, rule)
        try:
            with common.translate(exception.InstanceIsLocked,
                                  webob.exc.HTTPConflict), \
                    common.translate(exception.InstanceNotFound,
                                     webob.exc.HTTPNotFound):
                return change(context, instance)
        except exception.InstanceInvalidState as exc:
            common.raise_http_conflict_for_instance_invalid_state(
                exc, 'update metadata', server_id)

    @wsgi.expected_errors(404)
    @validation.response_body_schema(schema.metadata_response)
    def index(self, req, server_id):
        context, instance = self._instance(req, server_id, 'index')
        return {'metadata': self.compute_api.get_metadata(context,
                                                          instance)}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.create)
    @validation.response_body_schema(schema.metadata_response)
    def create(self, req, server_id, body):
        metadata = self._change(
            req, server_id, 'create',
            lambda context, instance: self.compute_api.update_metadata(
                context, instance, body['metadata']))
        return {'metadata': metadata}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update_all)
    @validation.response_body_schema(schema.metadata_response)
    def update_all(self, req, server_id, body):
        metadata = self._change(
            req, server_id, 'update_all',
            lambda context, instance: self.compute_api.update_metadata(
                context, instance, body['metadata'], replace=True))
        return {'metadata': metadata}

    @wsgi.expected_errors(404)
    @validation.response_body_schema(schema.meta_response)
    def show(self, req, server_id, id):
        context, instance = self._instance(req, server_id, 'show')
        metadata = self.compute_api.get_metadata(context, instance)
        if id not in metadata:
            raise webob.exc.HTTPNotFound(
                explanation=_('Metadata item was not found'))
        return {'meta': {id: metadata[id]}}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    @validation.response_body_schema(schema.meta_response)
    def update(self, req, server_id, id, body):
        meta = body['meta']
        if id not in meta:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Request body and URI mismatch'))
        self._change(
            req, server_id, 'update',
            lambda context, instance: self.compute_api.update_metadata(
                context, instance, meta))
        return {'meta': meta}

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, server_id, id):
        deleted = self._change(
            req, server_id, 'delete',
            lambda context, instance: self.compute_api.delete_metadata_key(
                context, instance, id))
        if not deleted:
            raise webob.exc.HTTPNotFound(
                explanation=_('Metadata item was not found'))
