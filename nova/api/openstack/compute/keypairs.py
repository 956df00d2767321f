"""``/os-keypairs``: users' SSH keys and x509 certificates.

2.2 adds the key ``type`` (and 201/204 codes), 2.10 lets an admin act on
another user's key pairs (``user_id``), 2.35 pages the list.
"""

import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import keypairs as schema
from nova.api.openstack.compute.views import formats
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import keypairs as keypair_api
from nova import exception
from nova.objects import keypair as keypair_obj
from nova.policies import keypairs as kp_policies

POLICY = kp_policies.POLICY_ROOT


def _user_id(req, context, value):
    """The owner the request is about: ``user_id`` (2.10) or the caller."""
    if value and api_version_request.is_supported(req, '2.10'):
        return value
    return context.user_id


def _query_user_id(req, context):
    values = req.GET.getall('user_id')
    return _user_id(req, context, values[-1] if values else None)


def _with_type(req, body, keypair):
    if api_version_request.is_supported(req, '2.2'):
        body['type'] = keypair.type
    return body


class KeypairController:
    """Thin over nova.compute.keypairs.KeypairAPI."""

    def __init__(self):
        self.api = keypair_api.KeypairAPI()

    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create, '2.1', '2.1')
    @validation.schema(schema.create_v22, '2.2', '2.9')
    @validation.schema(schema.create_v210, '2.10')
    @validation.response_body_schema(schema.create_response, '2.1', '2.1')
    @validation.response_body_schema(schema.create_response_v22, '2.2')
    def create(self, req, body):
        context = common.get_context(req)
        params = body['keypair']
        user_id = _user_id(req, context, params.get('user_id'))
        context.can(POLICY % 'create', target={'user_id': user_id})
        key_type = params.get('type', keypair_obj.KEYPAIR_TYPE_SSH)
        with common.translate(exception.InvalidKeypair,
                              webob.exc.HTTPBadRequest), \
                common.translate(exception.KeyPairExists,
                                 webob.exc.HTTPConflict):
            keypair, private_key = self.api.create(
                context, user_id, params['name'], key_type,
                public_key=params.get('public_key'))
        result = {'name': keypair.name, 'public_key': keypair.public_key,
                  'fingerprint': keypair.fingerprint,
                  'user_id': keypair.user_id}
        if private_key is not None:
            result['private_key'] = private_key
        code = 201 if api_version_request.is_supported(req, '2.2') else 200
        return wsgi.ResponseObject(
            {'keypair': _with_type(req, result, keypair)}, code=code)

    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query_v210, '2.10', '2.34')
    @validation.query_schema(schema.index_query_v235, '2.35')
    @validation.response_body_schema(schema.index_response, '2.1', '2.1')
    @validation.response_body_schema(schema.index_response_v22, '2.2',
                                     '2.34')
    @validation.response_body_schema(schema.index_response_v235, '2.35')
    def index(self, req):
        context = common.get_context(req)
        user_id = _query_user_id(req, context)
        context.can(POLICY % 'index', target={'user_id': user_id})
        limit = marker = None
        if api_version_request.is_supported(req, '2.35'):
            limit, marker = common.get_limit_and_marker(req)
        with common.translate(exception.MarkerNotFound,
                              webob.exc.HTTPBadRequest):
            keypairs = list(self.api.get_all(context, user_id, limit=limit,
                                             marker=marker))
        body = {'keypairs': [{'keypair': _with_type(req, {
            'name': kp.name, 'public_key': kp.public_key,
            'fingerprint': kp.fingerprint}, kp)} for kp in keypairs]}
        if limit and len(keypairs) == limit:
            body['keypairs_links'] = [common.next_link(req,
                                                       keypairs[-1].name)]
        return body

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query_v210, '2.10')
    @validation.response_body_schema(schema.show_response, '2.1', '2.1')
    @validation.response_body_schema(schema.show_response_v22, '2.2')
    def show(self, req, id):
        context = common.get_context(req)
        user_id = _query_user_id(req, context)
        context.can(POLICY % 'show', target={'user_id': user_id})
        with common.translate(exception.KeypairNotFound,
                              webob.exc.HTTPNotFound):
            keypair = self.api.get(context, user_id, id)
        return {'keypair': _with_type(req, {
            'id': keypair.id, 'name': keypair.name,
            'public_key': keypair.public_key,
            'fingerprint': keypair.fingerprint, 'user_id': keypair.user_id,
            'deleted': False,
            'created_at': formats.precise_time(keypair.created_at),
            'updated_at': formats.precise_time(keypair.updated_at),
            'deleted_at': None}, keypair)}

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query_v210, '2.10')
    def delete(self, req, id):
        context = common.get_context(req)
        user_id = _query_user_id(req, context)
        context.can(POLICY % 'delete', target={'user_id': user_id})
        with common.translate(exception.KeypairNotFound,
                              webob.exc.HTTPNotFound):
            self.api.delete(context, user_id, id)
        code = 204 if api_version_request.is_supported(req, '2.2') else 202
        return wsgi.ResponseObject(None, code=code)
