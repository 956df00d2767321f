"""Test helpers: the real WSGI stack with extra routes, and a request helper.

Resource tests can use them too::

    app = fakes.build_app(self, routes.ROUTE_LIST)   # or extra test routes
    resp = fakes.call(app, 'GET', '/v2.1/servers', version='2.65')
"""

import fixtures
from oslo_serialization import jsonutils
import webob
import webob.exc

from nova.api.openstack.compute import routes
from nova.api.openstack import deploy
from nova.api.openstack import wsgi
from nova.api import validation
import nova.conf
from nova import exception
from nova import policy

CONF = nova.conf.CONF

ADMIN_TOKEN = 'admin:abc1'
MEMBER_TOKEN = 'u1:abc1'
PROJECT_ID = 'abc1'


class PolicyFixture(fixtures.Fixture):
    """A fresh enforcer with the in-code defaults, and config parsed.

    oslo.policy looks its policy file up through oslo.config, which needs
    the command line parsed; the test base's config fixture resets that.
    """

    def _setUp(self):
        CONF([], project='nova', default_config_files=[])
        policy.reset()
        self.addCleanup(policy.reset)


def build_app(test, extra_routes=()):
    """``loadapp`` over ROUTE_LIST plus ``extra_routes`` (noauth2)."""
    test.useFixture(fixtures.MonkeyPatch(
        'nova.api.openstack.compute.routes.ROUTE_LIST',
        tuple(routes.ROUTE_LIST) + tuple(extra_routes)))
    return deploy.loadapp(CONF)


def call(app, method, path, token=MEMBER_TOKEN, version=None, body=None,
         headers=None, content_type='application/json'):
    """Send one request through ``app``; ``body`` dicts become JSON."""
    all_headers = {}
    if token:
        all_headers['X-Auth-Token'] = token
    if version:
        all_headers['OpenStack-API-Version'] = 'compute %s' % version
    all_headers.update(headers or {})
    req = webob.Request.blank(path, method=method, headers=all_headers)
    if body is not None:
        req.body = (body if isinstance(body, bytes)
                    else jsonutils.dump_as_bytes(body))
        if content_type:
            req.content_type = content_type
        else:
            req.environ.pop('CONTENT_TYPE', None)
    return req.get_response(app)


WIDGET_V21 = {
    'type': 'object',
    'properties': {'widget': {
        'type': 'object',
        'properties': {'name': {'type': 'string', 'maxLength': 10}},
        'required': ['name'],
        'additionalProperties': False,
    }},
    'required': ['widget'],
    'additionalProperties': False,
}

# From 2.65 a widget may also carry a "size".
WIDGET_V265 = {
    'type': 'object',
    'properties': {'widget': {
        'type': 'object',
        'properties': {'name': {'type': 'string', 'maxLength': 10},
                       'size': {'type': 'integer'}},
        'required': ['name'],
        'additionalProperties': False,
    }},
    'required': ['widget'],
    'additionalProperties': False,
}

SHRINK = {
    'type': 'object',
    'properties': {'shrink': {
        'type': 'object',
        'properties': {'by': {'type': 'integer', 'minimum': 1}},
        'required': ['by'],
    }},
    'required': ['shrink'],
}


def _trigger_error(kind, context):
    """Raise the failure named ``kind`` (see WidgetsController.trigger)."""
    if kind == 'declared':
        raise webob.exc.HTTPNotFound(explanation='no such widget')
    if kind == 'undeclared':
        raise webob.exc.HTTPConflict(explanation='secret conflict')
    if kind == 'domain':
        raise exception.InstanceNotFound(instance_id='w1')
    if kind == 'bug':
        raise KeyError('internal detail')
    if kind == 'policy':
        context.can('context_is_admin')
    if kind == 'forbidden':
        raise webob.exc.HTTPForbidden(explanation='nope')
    if kind == 'unauthorized':
        raise webob.exc.HTTPUnauthorized()
    if kind == 'validation':
        raise exception.ValidationError(detail='bad thing')


class WidgetsController:
    """A test-only resource exercising every framework feature."""

    @wsgi.expected_errors(())
    def index(self, req):
        context = req.environ[wsgi.CONTEXT_KEY]
        return {'widgets': [], 'request_id': context.request_id,
                'user_id': context.user_id,
                'project_id': context.project_id,
                'roles': sorted(context.roles)}

    @wsgi.api_version('2.1', '2.22')
    @wsgi.expected_errors(())
    def show(self, req, id):
        return {'widget': {'id': id, 'window': 'old'}}

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    def show(self, req, id):  # noqa: F811
        return {'widget': {'id': id, 'window': 'new'}}

    @wsgi.api_version('2.24')
    @wsgi.response(202)
    @wsgi.expected_errors(())
    def delete(self, req, id):
        return None

    @wsgi.response(201)
    @wsgi.expected_errors(403)
    @validation.schema(WIDGET_V21, '2.1', '2.64')
    @validation.schema(WIDGET_V265, '2.65')
    def create(self, req, body):
        context = req.environ[wsgi.CONTEXT_KEY]
        context.can('context_is_admin')
        return wsgi.ResponseObject(body, headers={'Location': 'here'})

    @wsgi.expected_errors((400, 404))
    def update(self, req, id, body):
        return None

    @wsgi.expected_errors(404)
    def trigger(self, req, id):
        _trigger_error(id, req.environ[wsgi.CONTEXT_KEY])
        return {'triggered': id}

    @wsgi.response(202)
    @wsgi.expected_errors(())
    @wsgi.action('reboot')
    def _reboot(self, req, id, body):
        return None

    @wsgi.expected_errors(400)
    @wsgi.action('shrink')
    @validation.schema(SHRINK)
    def _shrink(self, req, id, body):
        return {'shrunk': body['shrink']['by']}


class WidgetMigrationController:
    """An extra controller contributing an action to /widgets/{id}/action."""

    @wsgi.api_version('2.25')
    @wsgi.response(202)
    @wsgi.expected_errors(())
    @wsgi.action('os-migrateLive')
    def _migrate_live(self, req, id, body):
        return None


class FaultsController:
    """Raises the webob error whose status is in the path."""

    @wsgi.expected_errors((400, 401, 403, 404, 405, 406, 409, 413, 415,
                           429, 500, 501, 502, 503))
    def show(self, req, code):
        exc_class = webob.exc.status_map[int(code)]
        headers = {'Retry-After': '30'} if code in ('413', '429') else {}
        raise exc_class(explanation='status %s' % code, headers=headers)


widgets_controller = routes.controller_factory(WidgetsController,
                                               WidgetMigrationController)
faults_controller = routes.controller_factory(FaultsController)

TEST_ROUTES = (
    ('/widgets', {
        'GET': [widgets_controller, 'index'],
        'POST': [widgets_controller, 'create'],
    }),
    ('/widgets/{id}', {
        'GET': [widgets_controller, 'show'],
        'PUT': [widgets_controller, 'update'],
        'DELETE': [widgets_controller, 'delete'],
    }),
    ('/widgets/{id}/action', {
        'POST': [widgets_controller, 'action'],
    }),
    ('/widgets/{id}/trigger', {
        'GET': [widgets_controller, 'trigger'],
    }),
    ('/faults/{code}', {
        'GET': [faults_controller, 'show'],
    }),
)
