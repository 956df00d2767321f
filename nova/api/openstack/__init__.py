"""The v2.1 router and the middlewares that wrap the whole compute API.

* :class:`APIRouterV21` negotiates the microversion, matches a declarative
  route list (``compute/routes.py``) and runs the matched
  :class:`~nova.api.openstack.wsgi.Resource`; every response it returns
  carries the version headers once a version was resolved.
* :class:`VersionedPathMap` splits the root app, the unauthenticated
  ``/v2.1`` discovery document and the authenticated API.
* :class:`FaultWrapper` and :class:`ComputeRequestId` sit outermost.

``nova.api.openstack.deploy.loadapp`` assembles them.
"""

from oslo_log import log as logging
from oslo_middleware import request_id
import routes
import webob.dec
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import wsgi
from nova.i18n import _

LOG = logging.getLogger(__name__)

API_PREFIX = '/v2.1'
# Where the Glance v2 paths of the local image registry are also served, so
# the catalog's ``image`` endpoint can be ``http://host:port/image`` (clients
# append ``/v2`` to it) on the same server as the compute API.
IMAGE_PREFIX = '/image'
# Only hex and dashes, so the optional segment cannot swallow a resource
# name such as "servers" or "os-migrations".
PROJECT_ID_SEGMENT = '/{project_id:[0-9a-f\\-]+}'


class ComputeRequestId(request_id.RequestId):
    """oslo.middleware's request id, also sent as X-Compute-Request-ID."""

    compat_headers = ['X-Compute-Request-ID']


class FaultWrapper:
    """Last line of defence: any exception becomes a JSON 500."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        try:
            return req.get_response(self.application)
        except webob.exc.WSGIHTTPException as exc:
            return wsgi.fault_response(req, exc)
        except Exception as exc:
            LOG.exception('Unhandled error serving %s %s', req.method,
                          req.path)
            return wsgi.fault_response(
                req, webob.exc.HTTPInternalServerError(
                    explanation=wsgi.unexpected_error_message(exc)))


class VersionedPathMap:
    """Send each request to the app that owns its path prefix.

    ``/v2.1`` and ``/v2.1/`` (the discovery document) skip authentication
    so clients can negotiate before they hold a token; every other
    ``/v2.1/...`` path goes through ``api`` (auth, then the router).
    Anything else belongs to the root versions app.
    """

    def __init__(self, root, discovery, api):
        self.root = root
        self.discovery = discovery
        self.api = api

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        if _under(path, IMAGE_PREFIX + '/v2'):
            # The image endpoint: authenticated, and only the router's
            # ``/v2/...`` routes answer it.
            return self._forward(self.api, IMAGE_PREFIX, environ,
                                 start_response)
        if not _under(path, API_PREFIX):
            return self.root(environ, start_response)
        rest = path[len(API_PREFIX):]
        app = self.discovery if rest in ('', '/') else self.api
        return self._forward(app, API_PREFIX, environ, start_response)

    @staticmethod
    def _forward(app, prefix, environ, start_response):
        environ['SCRIPT_NAME'] = environ.get('SCRIPT_NAME', '') + prefix
        environ['PATH_INFO'] = environ.get('PATH_INFO', '')[len(prefix):]
        return app(environ, start_response)


def _under(path, prefix):
    """``path`` is ``prefix`` itself or below it (not ``prefix`` + more)."""
    return path.startswith(prefix) and path[len(prefix):len(prefix) + 1] in (
        '', '/')


class _Target:
    """What a matched route runs: a resource and one of its methods."""

    def __init__(self, resource, method_name):
        self.resource = resource
        self.method_name = method_name


def _resources(route_list):
    """One Resource per controller factory, shared by all its routes."""
    resources = {}
    for path, methods in route_list:
        for http_method, (factory, method_name) in methods.items():
            if factory not in resources:
                resources[factory] = factory()
            if not resources[factory].has_method(method_name):
                raise ValueError('%s %s: the controller has no %r'
                                 % (http_method, path, method_name))
    return resources


def build_mapper(route_list):
    """A routes.Mapper over ``route_list`` plus the target table.

    Every path is connected twice, without and with the project id
    segment; project-less routes first so that they win when both match.
    A catch-all per path answers a wrong method with 405.
    """
    resources = _resources(route_list)
    mapper = routes.Mapper()
    targets = []
    for prefix in ('', PROJECT_ID_SEGMENT):
        for path, methods in route_list:
            for http_method, (factory, method_name) in methods.items():
                targets.append(_Target(resources[factory], method_name))
                mapper.connect(prefix + path,
                               conditions={'method': [http_method]},
                               nova_target=str(len(targets) - 1))
            mapper.connect(prefix + path,
                           nova_allowed=', '.join(sorted(methods)))
    return mapper, targets


class APIRouterV21:
    """Negotiate the microversion, route, and run the controller."""

    def __init__(self, route_list):
        self._mapper, self._targets = build_mapper(route_list)

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        try:
            req.set_api_version_request()
            response = self._dispatch(req)
        except api_version_request.InvalidAPIVersionString as exc:
            response = wsgi.fault_response(
                req, webob.exc.HTTPBadRequest(
                    explanation=exc.format_message()))
        except api_version_request.InvalidGlobalAPIVersion as exc:
            response = wsgi.fault_response(
                req, webob.exc.HTTPNotAcceptable(
                    explanation=exc.format_message()))
        if not req.api_version_request.is_null():
            wsgi.add_version_headers(response, req.api_version_request)
        return response

    def _dispatch(self, req):
        match = self._mapper.match(environ=req.environ)
        if match is None:
            return wsgi.fault_response(req, webob.exc.HTTPNotFound())
        if 'nova_allowed' in match:
            return wsgi.fault_response(req, webob.exc.HTTPMethodNotAllowed(
                headers={'Allow': match['nova_allowed']}))
        target = self._targets[int(match.pop('nova_target'))]
        project_id = match.pop('project_id', None)
        if project_id is not None:
            mismatch = _project_mismatch(req, project_id)
            if mismatch:
                return wsgi.fault_response(
                    req, webob.exc.HTTPBadRequest(explanation=mismatch))
            req.environ[wsgi.URL_PROJECT_ID_KEY] = project_id
        return target.resource(req, target.method_name, match)


def _project_mismatch(req, project_id):
    """Why the URL's project id is refused, or None if it is the token's."""
    context = req.environ.get(wsgi.CONTEXT_KEY)
    if context is None or context.project_id == project_id:
        return None
    return _("Malformed request URL: the URL's project_id '%(url)s' does "
             "not match the token's project_id '%(token)s'") % {
                 'url': project_id, 'token': context.project_id}
