"""``/os-live-migration-queues``: each compute host's live-migration queue.

A project extension, not an upstream Nova resource: it needs microversion
2.65 or later (404 below) and takes no upstream microversion number of its
own, so its shape never changes with one.  Admin-only by default policy.

* ``GET /os-live-migration-queues``: a summary per host with anything
  queued or running.
* ``GET /os-live-migration-queues/{host}``: the host's migrations in the
  order its compute runs them.
* ``POST /os-live-migration-queues/{host}/action``: ``drain`` (cancel every
  queued migration, same revert as a 2.65 abort) and ``move`` (reorder).
"""

import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import live_migration_queues as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import live_migration_queue_api as queue_api
from nova import exception
from nova.policies import live_migration_queues as policies


class LiveMigrationQueuesController:
    """Thin handlers over ``LiveMigrationQueueAPI``."""

    def __init__(self):
        self.queue_api = queue_api.LiveMigrationQueueAPI()

    @staticmethod
    def _context(req, rule):
        context = common.get_context(req)
        context.can(policies.POLICY_ROOT % rule, target={})
        return context

    @wsgi.api_version('2.65')
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        """Summaries of the hosts that have a queue (200)."""
        context = self._context(req, 'list')
        return {'live_migration_queues': self.queue_api.list_queues(
            context)}

    @wsgi.api_version('2.65')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        """One host's queue in run order (200; 404: no such compute)."""
        context = self._context(req, 'show')
        with common.translate(exception.ComputeHostNotFound,
                              webob.exc.HTTPNotFound):
            queue = self.queue_api.show_queue(context, id)
        return {'live_migration_queue': queue}

    @wsgi.api_version('2.65')
    @wsgi.expected_errors((404, 409))
    @wsgi.action('drain')
    @validation.schema(schema.drain)
    def _drain(self, req, id, body):
        """Cancel the host's queue; the outcome per migration (200)."""
        context = self._context(req, 'drain')
        include_running = (body['drain'] or {}).get('include_running',
                                                    False)
        with _translate_errors():
            migrations = self.queue_api.drain(context, id, include_running)
        return {'migrations': migrations}

    @wsgi.api_version('2.65')
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('move')
    @validation.schema(schema.move)
    def _move(self, req, id, body):
        """Put a queued migration at another position (200)."""
        context = self._context(req, 'move')
        move = body['move']
        with _translate_errors():
            moved = self.queue_api.move(context, id, move['migration_id'],
                                        move['position'])
        return {'migration': moved}


class _translate_errors:
    """Domain errors of drain and move → 400/404/409."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc is None:
            return False
        message = getattr(exc, 'format_message', exc.__str__)()
        if isinstance(exc, exception.ComputeHostNotFound):
            raise webob.exc.HTTPNotFound(explanation=message) from exc
        if isinstance(exc, exception.Invalid):
            raise webob.exc.HTTPBadRequest(explanation=message) from exc
        if isinstance(exc, exception.Conflict):
            raise webob.exc.HTTPConflict(explanation=message) from exc
        return False
