"""``/os-aggregates``: host aggregates and their availability zones (admin).

Create answers without ``hosts`` and ``metadata`` (as Nova does); every
other answer is the whole aggregate.  2.41 adds the ``uuid``.  Ids are
the integer ids: a non-integer is a 400, an unknown one a 404.
"""

import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import aggregates as schema
from nova.api.openstack.compute.views import formats
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import aggregates as aggregate_api
from nova import exception
from nova.i18n import _
from nova.policies import aggregates as agg_policies

POLICY = agg_policies.POLICY_ROOT

# Domain errors of the aggregates API, first match first.
_ERRORS = (
    ((exception.AggregateNotFound, exception.AggregateHostNotFound,
      exception.ComputeHostNotFound), webob.exc.HTTPNotFound),
    ((exception.AggregateNameExists, exception.AggregateHostExists,
      exception.InvalidAggregateActionAdd), webob.exc.HTTPConflict),
    (exception.Invalid, webob.exc.HTTPBadRequest),
)


def _aggregate_id(value):
    try:
        return int(value)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid aggregate id %s: it must be an '
                          'integer.') % value)


class AggregateController:
    """Thin over nova.compute.aggregates.AggregateAPI."""

    def __init__(self):
        self.api = aggregate_api.AggregateAPI()

    @staticmethod
    def _context(req, rule):
        context = common.get_context(req)
        context.can(POLICY % rule, target={})
        return context

    @wsgi.expected_errors(())
    @validation.response_body_schema(schema.index_response, '2.1', '2.40')
    @validation.response_body_schema(schema.index_response_v241, '2.41')
    def index(self, req):
        context = self._context(req, 'index')
        return {'aggregates': [self._view(req, aggregate)
                               for aggregate in self.api.get_all(context)]}

    @wsgi.expected_errors((400, 409))
    @validation.schema(schema.create)
    @validation.response_body_schema(schema.create_response, '2.1', '2.40')
    @validation.response_body_schema(schema.create_response_v241, '2.41')
    def create(self, req, body):
        context = self._context(req, 'create')
        params = body['aggregate']
        with common.translate(_ERRORS):
            aggregate = self.api.create(
                context, params['name'], params.get('availability_zone'))
        return {'aggregate': self._view(req, aggregate, full=False)}

    @wsgi.expected_errors((400, 404))
    @validation.response_body_schema(schema.show_response, '2.1', '2.40')
    @validation.response_body_schema(schema.show_response_v241, '2.41')
    def show(self, req, id):
        context = self._context(req, 'show')
        with common.translate(_ERRORS):
            aggregate = self.api.get(context, _aggregate_id(id))
        return {'aggregate': self._view(req, aggregate)}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    @validation.response_body_schema(schema.show_response, '2.1', '2.40')
    @validation.response_body_schema(schema.show_response_v241, '2.41')
    def update(self, req, id, body):
        context = self._context(req, 'update')
        with common.translate(_ERRORS):
            aggregate = self.api.update(context, _aggregate_id(id),
                                        body['aggregate'])
        return {'aggregate': self._view(req, aggregate)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    def delete(self, req, id):
        context = self._context(req, 'delete')
        with common.translate(_ERRORS):
            self.api.delete(context, _aggregate_id(id))

    @wsgi.action('add_host')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.add_host)
    @validation.response_body_schema(schema.show_response, '2.1', '2.40')
    @validation.response_body_schema(schema.show_response_v241, '2.41')
    def _add_host(self, req, id, body):
        context = self._context(req, 'add_host')
        with common.translate(_ERRORS):
            aggregate = self.api.add_host(context, _aggregate_id(id),
                                          body['add_host']['host'])
        return {'aggregate': self._view(req, aggregate)}

    @wsgi.action('remove_host')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.remove_host)
    @validation.response_body_schema(schema.show_response, '2.1', '2.40')
    @validation.response_body_schema(schema.show_response_v241, '2.41')
    def _remove_host(self, req, id, body):
        context = self._context(req, 'remove_host')
        with common.translate(_ERRORS):
            aggregate = self.api.remove_host(context, _aggregate_id(id),
                                             body['remove_host']['host'])
        return {'aggregate': self._view(req, aggregate)}

    @wsgi.action('set_metadata')
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.set_metadata)
    @validation.response_body_schema(schema.show_response, '2.1', '2.40')
    @validation.response_body_schema(schema.show_response_v241, '2.41')
    def _set_metadata(self, req, id, body):
        context = self._context(req, 'set_metadata')
        with common.translate(_ERRORS):
            aggregate = self.api.update_metadata(
                context, _aggregate_id(id),
                body['set_metadata']['metadata'])
        return {'aggregate': self._view(req, aggregate)}

    @staticmethod
    def _view(req, aggregate, full=True):
        view = {
            'id': aggregate.id, 'name': aggregate.name,
            'availability_zone': aggregate.availability_zone,
            'created_at': formats.precise_time(aggregate.created_at),
            'updated_at': formats.precise_time(aggregate.updated_at),
            'deleted_at': None, 'deleted': False,
        }
        if full:
            view['hosts'] = list(aggregate.hosts)
            view['metadata'] = dict(aggregate.metadata)
        if api_version_request.is_supported(req, '2.41'):
            view['uuid'] = aggregate.uuid
        return view
