"""Middlewares that refuse abusive requests before anything reads them.

* :class:`RequestBodySizeLimiter`: oslo.middleware's ``sizelimit``
  (``[oslo_middleware] max_request_body_size``) answering with a Nova
  ``overLimit`` fault.  A declared ``Content-Length`` over the limit is
  refused before a byte of the body is read; a chunked body is cut off
  once it passes the limit.
* :class:`Utf8QueryString`: a query string whose percent escapes are not
  UTF-8 is a 400 before a handler's first ``req.GET`` would raise.
"""

from oslo_middleware import sizelimit
import webob.dec
import webob.exc

from nova.api.openstack import client_input
from nova.api.openstack import wsgi
from nova.i18n import _


class RequestBodySizeLimiter(sizelimit.RequestBodySizeLimiter):
    """oslo.middleware's body size limit, refused as a Nova fault."""

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        max_size = self._conf_get('max_request_body_size')
        if req.content_length is not None and req.content_length > max_size:
            return wsgi.fault_response(
                req, webob.exc.HTTPRequestEntityTooLarge(
                    explanation=_('Request is too large: the body may have '
                                  'at most %d bytes.') % max_size,
                    headers=_close_connection(req.environ)))
        if req.content_length is None and _is_chunked(req):
            # The controller reads it and renders the 413 this raises.
            req.body_file = sizelimit.LimitingReader(req.body_file_raw,
                                                     max_size)
        return req.get_response(self.application)


def _close_connection(environ):
    """Close after the answer: the client may still be sending its body.

    Servers that would read and discard the rest of the body first (it
    may be gigabytes) offer a way to close at once; others are asked with
    ``Connection: close``.
    """
    close = environ.get(wsgi.CLOSE_CONNECTION_KEY)
    if close is None:
        return {'Connection': 'close'}
    close()
    return {}


def _is_chunked(req):
    return 'chunked' in req.headers.get('Transfer-Encoding', '').lower()


class Utf8QueryString:
    """Refuse query strings that do not decode as UTF-8."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        problem = client_input.non_utf8_query(environ.get('QUERY_STRING', ''))
        if problem is None:
            return self.application(environ, start_response)
        fault = wsgi.Fault(webob.exc.HTTPBadRequest(explanation=problem))
        return fault(environ, start_response)
