"""Version discovery: the root list, the choices and the v2.1 document.

``GET /`` lists the major versions (no microversion processing, no version
headers); any other path outside ``/v2.1`` answers 300 with the choices.
``GET /v2.1`` and ``/v2.1/`` are served by the v2.1 router through
:class:`VersionsController`, so microversion headers are negotiated there.
``/v2`` and ``/v2/`` only serve the legacy v2.0 document: this project has
no v2.0 API behind it.
"""

from oslo_serialization import jsonutils
import webob
import webob.dec

from nova.api.openstack import api_version_request
from nova.api.openstack import wsgi

DOCS_HREF = 'http://docs.openstack.org/'

# Fixed literals of the published documents (not deployment dates).
_VERSIONS = {
    'v2.0': {
        'id': 'v2.0',
        'status': 'DEPRECATED',
        'version': '',
        'min_version': '',
        'updated': '2025-07-04T12:00:00Z',
        'path': 'v2',
        'media_version': '2',
    },
    'v2.1': {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': api_version_request.MAX_VERSION_STRING,
        'min_version': api_version_request.MIN_VERSION_STRING,
        'updated': '2013-07-23T11:33:21Z',
        'path': 'v2.1',
        'media_version': '2.1',
    },
}


def _media_types(info):
    return [{'base': 'application/json',
             'type': 'application/vnd.openstack.compute+json;version=%s'
                     % info['media_version']}]


def _summary(info, href):
    """A version as listed by ``GET /``: no max_version, one self link."""
    return {key: info[key] for key in ('id', 'status', 'version',
                                       'min_version', 'updated')} | {
        'links': [{'rel': 'self', 'href': href}]}


def _document(info, href):
    """A version's own document: adds describedby and media-types."""
    doc = _summary(info, href)
    doc['links'].append({'rel': 'describedby', 'type': 'text/html',
                         'href': DOCS_HREF})
    doc['media-types'] = _media_types(info)
    return {'version': doc}


class VersionsController:
    """The v2.1 document, routed at ``''`` and ``'/'`` under /v2.1."""

    @wsgi.expected_errors(())
    def show(self, req):
        return _document(_VERSIONS['v2.1'], req.application_url + '/')


def _json(status, body):
    response = webob.Response(status=status,
                              content_type='application/json',
                              charset='UTF-8')
    response.body = jsonutils.dump_as_bytes(body)
    return response


class Versions:
    """The root app: the version list at ``/``, choices elsewhere."""

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        base = req.application_url
        path = req.path_info
        if req.method in ('GET', 'HEAD'):
            if path in ('', '/'):
                return _json(200, {'versions': [
                    _summary(info, '%s/%s/' % (base, info['path']))
                    for info in _VERSIONS.values()]})
            if path in ('/v2', '/v2/'):
                return _json(200, _document(_VERSIONS['v2.0'],
                                            base + '/v2/'))
        return _json(300, {'choices': [
            {'id': info['id'], 'status': info['status'],
             'links': [{'rel': 'self',
                        'href': '%s/%s%s' % (base, info['path'], path)}],
             'media-types': _media_types(info)}
            for info in _VERSIONS.values()]})
