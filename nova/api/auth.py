"""Authentication in front of the v2.1 router.

Two strategies (``[api] auth_strategy``):

* ``noauth2``: development only.  ``X-Auth-Token: user:project`` is
  trusted as is; user ``admin`` is an admin.  No token is 401.
* ``keystone``: keystonemiddleware's ``auth_token`` validates the token
  (and answers 401 itself for a bad one), then
  :class:`NovaKeystoneContext` builds the context from the headers it set.

Either way the request leaves here with ``environ['nova.context']``, whose
``request_id`` is the one the request-id middleware put in the response.
"""

from keystonemiddleware import auth_token
from oslo_middleware import request_id
import webob.dec
import webob.exc

from nova.api.openstack import wsgi
from nova import context
from nova.i18n import _

NOAUTH_ADMIN_USER = 'admin'
NOAUTH_ADMIN_ROLES = ('admin', 'member', 'reader')
NOAUTH_MEMBER_ROLES = ('member', 'reader')


def _request_ids(req):
    return {'request_id': req.environ.get(request_id.ENV_REQUEST_ID),
            'global_request_id': req.environ.get(request_id.GLOBAL_REQ_ID)}


def _unauthorized(req):
    return wsgi.fault_response(req, webob.exc.HTTPUnauthorized(
        explanation=_('Authentication required')))


class NoAuthMiddleware:
    """Trust ``X-Auth-Token: user:project`` (or ``user``) blindly."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        token = req.headers.get('X-Auth-Token', '').strip()
        if not token:
            return _unauthorized(req)
        user_id, _sep, project_id = token.partition(':')
        project_id = project_id or user_id
        roles = (NOAUTH_ADMIN_ROLES if user_id == NOAUTH_ADMIN_USER
                 else NOAUTH_MEMBER_ROLES)
        req.environ[wsgi.CONTEXT_KEY] = context.RequestContext(
            user_id=user_id, project_id=project_id, roles=list(roles),
            auth_token=token, remote_address=req.remote_addr,
            **_request_ids(req))
        return self.application


class NovaKeystoneContext:
    """Turn the identity headers set by ``auth_token`` into a context."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        # auth_token rejects bad tokens itself; this guards against a
        # deployment that forgot it in front of us.
        if not req.headers.get('X-User-Id') and not req.headers.get(
                'X-User'):
            return _unauthorized(req)
        req.environ[wsgi.CONTEXT_KEY] = (
            context.RequestContext.from_environ(
                req.environ, remote_address=req.remote_addr,
                **_request_ids(req)))
        return self.application


def pipeline(conf, application):
    """Wrap ``application`` in the configured authentication."""
    if conf.api.auth_strategy == 'noauth2':
        return NoAuthMiddleware(application)
    return auth_token.AuthProtocol(NovaKeystoneContext(application),
                                   {'oslo_config_config': conf})
