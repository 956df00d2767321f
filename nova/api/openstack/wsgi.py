"""The request/response machinery every compute API controller runs under.

Controllers are plain classes whose methods take ``(self, req, **path)``
(GET, DELETE) or ``(self, req, body, **path)`` (POST, PUT) and return a dict
(the JSON body), None (no body) or a :class:`ResponseObject`.  The
decorators here declare everything else about a method:

* ``@api_version('2.23', '2.64')``: the microversion window; same-named
  methods in disjoint windows are allowed (mark the redefinitions
  ``# noqa: F811``).  Must be the outermost decorator.
* ``@response(202)``: the success code when it is not 200 (204 is the
  default for a None result).
* ``@expected_errors((400, 404))``: the HTTP errors the method may raise;
  anything else becomes a logged 500 ``computeFault``.
* ``@action('os-migrateLive')``: a handler of ``POST .../action`` for the
  body key ``os-migrateLive``.

:class:`Resource` runs one controller method for the router: body parsing,
action dispatch, exception-to-fault translation and serialisation.
"""

import functools
import sys

import oslo_i18n
from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.dec
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import client_input
from nova import exception
from nova import i18n
from nova.i18n import _

LOG = logging.getLogger(__name__)

JSON_CONTENT_TYPES = ('application/json',
                      'application/vnd.openstack.compute+json')
CONTEXT_KEY = 'nova.context'
# The project id segment of the request URL, when it had one: links keep it.
URL_PROJECT_ID_KEY = 'nova.url_project_id'
API_VERSION_KEY = 'nova.api_version_request'
# Set by the HTTP server (nova.wsgi) when it can: a callable that closes
# the connection after the response instead of reading the unread rest of
# the request body.
CLOSE_CONNECTION_KEY = 'nova.wsgi.close_connection'
ACTION_METHOD = 'action'
_BODY_METHODS = ('POST', 'PUT')

_FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    408: 'requestTimeout',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}
_DEFAULT_FAULT_NAME = 'computeFault'
# Longest fault message: one that quotes a client's input whole is cut.
MAX_FAULT_MESSAGE = 1024

# Domain errors a controller may let escape whatever it declared: they
# already carry the right status (403 policy, 400 schema, 401 auth).
_ALWAYS_PASS = (exception.NotAuthorized, exception.ValidationError,
                api_version_request.VersionNotFoundForAPIMethod)
_ALWAYS_PASS_HTTP = (401, 403)


def unexpected_error_message(exc):
    """The 500 text: no internals beyond the exception's class name."""
    return _('Unexpected API Error. Please report this to your cloud '
             'operator along with the request id; the API log has the '
             'details.\n%s') % type(exc).__name__


class Request(webob.Request):
    """A webob request that knows its resolved microversion."""

    @classmethod
    def blank(cls, path, *args, version=None, **kwargs):
        """A test request already at ``version`` (default: the minimum)."""
        req = super().blank(path, *args, **kwargs)
        req.api_version_request = api_version_request.APIVersionRequest(
            version or api_version_request.MIN_VERSION_STRING)
        return req

    @property
    def api_version_request(self):
        """The negotiated version; the null version before negotiation."""
        return (self.environ.get(API_VERSION_KEY)
                or api_version_request.APIVersionRequest())

    @api_version_request.setter
    def api_version_request(self, value):
        self.environ[API_VERSION_KEY] = value

    def set_api_version_request(self):
        """Negotiate from the headers; on 406 remember what was asked."""
        try:
            self.api_version_request = api_version_request.negotiate(
                self.headers)
        except api_version_request.InvalidGlobalAPIVersion as exc:
            self.api_version_request = exc.requested
            raise

    def best_match_language(self):
        """The available locale the client prefers, or None."""
        header = self.headers.get('Accept-Language')
        if not header:
            return None
        locales = oslo_i18n.get_available_languages(i18n.DOMAIN)
        by_tag = {locale.replace('_', '-'): locale for locale in locales}
        tag = self.accept_language.lookup(list(by_tag), default='')
        return by_tag.get(tag)

    def get_content_type(self):
        """The JSON media type of the body (None if unset), else 415."""
        content_type = self.content_type
        if not content_type:
            return None
        if content_type.lower() not in JSON_CONTENT_TYPES:
            raise webob.exc.HTTPUnsupportedMediaType(
                explanation=_('Unsupported Content-Type'))
        return content_type


def add_version_headers(response, version):
    """Tell the client which microversion answered, and caches to vary."""
    version_string = version.get_string()
    response.headers[api_version_request.HEADER] = '%s %s' % (
        api_version_request.SERVICE_TYPE, version_string)
    response.headers[api_version_request.LEGACY_HEADER] = version_string
    response.headers.add('Vary', api_version_request.HEADER)
    response.headers.add('Vary', api_version_request.LEGACY_HEADER)


class Fault:
    """A webob HTTP error rendered as a Nova fault body.

    ``{"<name>": {"code": <status>, "message": <text>}}`` where the name
    depends only on the status (``_FAULT_NAMES``).
    """

    def __init__(self, http_exception):
        self.wrapped_exc = http_exception
        self.status_int = http_exception.status_int

    def __call__(self, environ, start_response):
        return self.render(Request(environ))(environ, start_response)

    def render(self, req):
        exc = self.wrapped_exc
        if self.status_int < 400:
            return exc
        message = client_input.quote(
            oslo_i18n.translate(exc.explanation, req.best_match_language()),
            MAX_FAULT_MESSAGE)
        body = fault_body(self.status_int, message)
        retry_after = exc.headers.get('Retry-After')
        if self.status_int in (413, 429) and retry_after:
            next(iter(body.values()))['retryAfter'] = retry_after
        response = webob.Response(status=self.status_int,
                                  content_type='application/json',
                                  charset='UTF-8')
        for header, value in exc.headers.items():
            if not header.lower().startswith('content-'):
                response.headers.add(header, value)
        response.body = jsonutils.dump_as_bytes(body)
        return response


def fault_body(code, message):
    """The JSON fault document of an HTTP error ``code``.

    Also used by the HTTP server (``nova.wsgi``) for the errors it answers
    itself, before any application runs.
    """
    name = _FAULT_NAMES.get(code, _DEFAULT_FAULT_NAME)
    return {name: {'code': code, 'message': message}}


def fault_response(req, http_exception):
    """Shortcut: the rendered fault response for a webob HTTP error."""
    return Fault(http_exception).render(req)


class ResponseObject:
    """A controller result with a status code and extra headers."""

    def __init__(self, obj, code=None, headers=None):
        self.obj = obj
        self.code = code
        self.headers = dict(headers or {})


def response(code):
    """Declare the success status of a controller method."""
    def decorator(func):
        @functools.wraps(func)
        def wrapped(*args, **kwargs):
            result = func(*args, **kwargs)
            if isinstance(result, webob.Response):
                return result
            if not isinstance(result, ResponseObject):
                return ResponseObject(result, code=code)
            result.code = result.code or code
            return result
        return wrapped
    return decorator


def expected_errors(errors):
    """Declare the HTTP error codes a method may raise.

    Anything else escaping the method (an undeclared webob error or an
    untranslated domain exception) is a bug: it is logged and becomes a
    500 ``computeFault``.  Policy (403), auth (401) and schema (400)
    errors always pass.
    """
    codes = (errors,) if isinstance(errors, int) else tuple(errors)

    def decorator(func):
        @functools.wraps(func)
        def wrapped(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except webob.exc.WSGIHTTPException as exc:
                if exc.code in codes or exc.code in _ALWAYS_PASS_HTTP:
                    raise
                LOG.exception('%s raised undeclared HTTP %s',
                              func.__qualname__, exc.code)
                raise webob.exc.HTTPInternalServerError(
                    explanation=unexpected_error_message(exc))
            except _ALWAYS_PASS:
                raise
            except Exception as exc:
                LOG.exception('Unexpected exception in %s',
                              func.__qualname__)
                raise webob.exc.HTTPInternalServerError(
                    explanation=unexpected_error_message(exc))
        return wrapped
    return decorator


def action(name):
    """Mark a method as the handler of ``POST .../action {name: ...}``."""
    def decorator(func):
        func.wsgi_action = name
        return func
    return decorator


class _Window:
    def __init__(self, lower, upper, func):
        self.lower = lower
        self.upper = upper
        self.func = func

    def contains(self, version):
        return version.matches(self.lower, self.upper)

    def overlaps(self, other):
        def below(window, other):
            return not window.upper.is_null() and window.upper < other.lower
        return not (below(self, other) or below(other, self))


def api_version(min_version, max_version=None):
    """Serve the method only for microversions in [min, max].

    Define the method again under the same name with another, disjoint
    window to change its behaviour by version; a request outside every
    window gets 404.  The previous definitions are found in the class body
    being executed, so this must be the outermost decorator.
    """
    lower = api_version_request.APIVersionRequest(min_version)
    upper = api_version_request.APIVersionRequest(max_version)

    def decorator(func):
        previous = sys._getframe(1).f_locals.get(func.__name__)
        windows = list(_versioned_windows(previous, func.__name__))
        new = _Window(lower, upper, func)
        for window in windows:
            if window.overlaps(new):
                raise TypeError('%s: microversion windows overlap'
                                % func.__qualname__)
        windows.append(new)
        windows.sort(key=lambda window: window.lower.as_tuple())

        @functools.wraps(func)
        def dispatcher(self, req, *args, **kwargs):
            version = req.api_version_request
            for window in windows:
                if window.contains(version):
                    return window.func(self, req, *args, **kwargs)
            raise api_version_request.VersionNotFoundForAPIMethod(
                version=version)

        dispatcher.versioned_windows = tuple(windows)
        return dispatcher
    return decorator


def _versioned_windows(previous, name):
    if previous is None:
        return ()
    windows = getattr(previous, 'versioned_windows', None)
    if windows is None:
        raise TypeError('%s is defined both with and without @api_version'
                        % name)
    return windows


class Resource:
    """One controller (plus action contributors) behind the router.

    ``action_controllers`` are extra controller instances whose
    ``@action`` handlers join the main controller's, so several modules
    can serve ``POST /servers/{id}/action``.
    """

    def __init__(self, controller, action_controllers=()):
        self.controller = controller
        self.wsgi_actions = {}
        for contributor in (controller,) + tuple(action_controllers):
            self._register_actions(contributor)

    def _register_actions(self, contributor):
        for attr in dir(type(contributor)):
            name = getattr(getattr(type(contributor), attr), 'wsgi_action',
                           None)
            if name is None:
                continue
            if name in self.wsgi_actions:
                raise ValueError('action %s is handled twice' % name)
            self.wsgi_actions[name] = getattr(contributor, attr)

    def has_method(self, method_name):
        if method_name == ACTION_METHOD:
            return bool(self.wsgi_actions)
        return callable(getattr(self.controller, method_name, None))

    def __call__(self, req, method_name, path_params):
        """Run ``method_name`` and return a webob response, never raise."""
        try:
            return self._process(req, method_name, path_params)
        except webob.exc.WSGIHTTPException as exc:
            return fault_response(req, exc)
        except api_version_request.VersionNotFoundForAPIMethod:
            return fault_response(req, webob.exc.HTTPNotFound())
        except exception.NotAuthorized as exc:
            return fault_response(req, webob.exc.HTTPForbidden(
                explanation=exc.format_message()))
        except exception.Invalid as exc:
            return fault_response(req, webob.exc.HTTPBadRequest(
                explanation=exc.format_message()))
        except Exception as exc:
            LOG.exception('Unexpected exception serving %s %s',
                          req.method, req.path)
            return fault_response(req, webob.exc.HTTPInternalServerError(
                explanation=unexpected_error_message(exc)))

    def _process(self, req, method_name, path_params):
        kwargs = dict(path_params)
        if req.method in _BODY_METHODS:
            kwargs['body'] = _read_body(req)
        if method_name == ACTION_METHOD:
            method = self._action_handler(kwargs.get('body'))
        else:
            method = getattr(self.controller, method_name)
        return _serialize(method(req, **kwargs))

    def _action_handler(self, body):
        if not isinstance(body, dict) or len(body) != 1:
            raise webob.exc.HTTPBadRequest(
                explanation=_('An action body is an object with exactly '
                              'one key, the action name.'))
        name = next(iter(body))
        try:
            return self.wsgi_actions[name]
        except KeyError:
            raise webob.exc.HTTPBadRequest(
                explanation=_('There is no such action: %s') % name)


def _read_body(req):
    """The decoded JSON body, None when empty; 415/400 when unusable.

    A body that stops arriving for the server's socket timeout is a 408,
    and the connection is closed rather than read again.
    """
    try:
        raw = req.body
    except OSError:
        req.environ.get(CLOSE_CONNECTION_KEY, lambda: None)()
        raise webob.exc.HTTPRequestTimeout(explanation=_(
            'The request body did not arrive in time.'))
    if not raw:
        return None
    req.get_content_type()
    try:
        return jsonutils.loads(raw)
    except (ValueError, RecursionError):
        raise webob.exc.HTTPBadRequest(
            explanation=_('Malformed request body'))


def _serialize(result):
    if isinstance(result, webob.Response):
        return result
    if not isinstance(result, ResponseObject):
        result = ResponseObject(result)
    if result.obj is None:
        resp = webob.Response(status=result.code or 204)
        del resp.content_type
        resp.body = b''
    else:
        resp = webob.Response(status=result.code or 200,
                              content_type='application/json',
                              charset='UTF-8')
        resp.body = jsonutils.dump_as_bytes(result.obj)
    for header, value in result.headers.items():
        resp.headers[header] = str(value)
    return resp
