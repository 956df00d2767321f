"""Helpers shared by compute API controllers: context, paging, links."""

from urllib import parse

import webob.exc

from nova.api.openstack import client_input
from nova.api.openstack import wsgi
import nova.conf
from nova import exception
from nova.i18n import _

CONF = nova.conf.CONF


def get_context(req):
    """The RequestContext the auth middleware attached to the request."""
    return req.environ[wsgi.CONTEXT_KEY]


def get_pagination_params(req):
    """``limit`` (int) and ``marker`` from the query string, if given.

    :raises HTTPBadRequest: ``limit`` is not a non-negative integer.
    """
    paging = {}
    if 'limit' in req.GET:
        paging['limit'] = client_input.integer(req.GET['limit'], 'limit')
    if 'marker' in req.GET:
        paging['marker'] = req.GET['marker']
    return paging


def get_limit_and_marker(req):
    """The page size (capped by ``[api] max_limit``) and the marker."""
    params = get_pagination_params(req)
    limit = min(params.get('limit', CONF.api.max_limit), CONF.api.max_limit)
    return limit, params.get('marker')


def url(req, *parts):
    """An absolute href under the API root the client used (``/v2.1``).

    If the request URL carried a project id segment, so does the href, as
    clients with such an endpoint in their catalog expect.
    """
    return '/'.join([req.application_url] + _path(req, parts))


def bookmark_url(req, *parts):
    """An href without the version prefix (Nova's ``bookmark`` links)."""
    return '/'.join([req.host_url] + _path(req, parts))


def _path(req, parts):
    project_id = req.environ.get(wsgi.URL_PROJECT_ID_KEY)
    return ([project_id] if project_id else []) + [str(p) for p in parts]


def resource_links(req, collection, resource_id):
    """The ``self`` and ``bookmark`` links of one resource."""
    return [{'rel': 'self', 'href': url(req, collection, resource_id)},
            {'rel': 'bookmark',
             'href': bookmark_url(req, collection, resource_id)}]


def next_link(req, marker):
    """The ``next`` link of a page: same resource and query, new ``marker``.

    Built from the request's own URL, so that it keeps ``/detail`` and any
    project id segment, and the client can follow it as it is.
    """
    params = [(key, value) for key, value in req.GET.items()
              if key != 'marker']
    params.append(('marker', str(marker)))
    return {'rel': 'next',
            'href': '%s?%s' % (req.path_url, parse.urlencode(params))}


def raise_http_conflict_for_instance_invalid_state(exc, action, server_id):
    """Map InstanceInvalidState to a 409 that names the action."""
    attr = exc.kwargs.get('attr')
    state = exc.kwargs.get('state')
    if attr and state:
        msg = _("Cannot '%(action)s' instance %(server_id)s while it is in "
                "%(attr)s %(state)s") % {
                    'action': action, 'attr': attr, 'state': state,
                    'server_id': server_id}
    else:
        msg = _("Instance %(server_id)s is in an invalid state for "
                "'%(action)s'") % {'action': action, 'server_id': server_id}
    raise webob.exc.HTTPConflict(explanation=msg)


def translate(exc_class, http_class=None, action=None, server_id=None):
    """Domain exceptions → webob HTTP errors carrying their message.

    The one exception-to-HTTP mapping of the controllers.  One pair::

        with common.translate(exception.InstanceNotFound,
                              webob.exc.HTTPNotFound):
            instance = self.compute_api.get(context, id)

    or, with ``http_class`` omitted, a table of ``(exception class(es),
    http class)`` rows where the first match wins.  Given ``action`` and
    ``server_id``, ``InstanceInvalidState`` becomes the 409 naming the
    action (see ``raise_http_conflict_for_instance_invalid_state``).
    Anything not listed passes through unchanged.
    """
    table = exc_class if http_class is None else ((exc_class, http_class),)
    return _Translate(table, action, server_id)


class _Translate:
    def __init__(self, table, action, server_id):
        self.table = table
        self.action = action
        self.server_id = server_id

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc is None:
            return False
        if self.action is not None and isinstance(
                exc, exception.InstanceInvalidState):
            raise_http_conflict_for_instance_invalid_state(
                exc, self.action, self.server_id)
        for exc_classes, http_class in self.table:
            if isinstance(exc, exc_classes):
                message = getattr(exc, 'format_message', exc.__str__)()
                raise http_class(explanation=message) from exc
        return False


def translate_with_message(exc_class, http_class, message):
    """Like :func:`translate` for one pair, with a fixed client message."""
    return _TranslateWithMessage(exc_class, http_class, message)


class _TranslateWithMessage:
    def __init__(self, exc_class, http_class, message):
        self.exc_class = exc_class
        self.http_class = http_class
        self.message = message

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc is not None and isinstance(exc, self.exc_class):
            raise self.http_class(explanation=self.message) from exc
        return False
