"""How instance actions and their events look, per microversion."""

from nova.api.openstack import api_version_request
from nova.api.openstack.compute.views import formats

_ACTION_FIELDS = ('action', 'instance_uuid', 'request_id', 'user_id',
                  'project_id', 'message')


class ViewBuilder:
    """Actions (list items, show) and their events."""

    def action(self, req, action):
        item = {name: getattr(action, name) for name in _ACTION_FIELDS}
        item['start_time'] = formats.precise_time(action.start_time)
        if api_version_request.is_supported(req, '2.58'):
            item['updated_at'] = formats.precise_time(action.updated_at)
        return item

    def event(self, req, event, project_id, show_details):
        """One event; ``show_details`` is the ``events`` policy's verdict.

        The policy decides whether the traceback and the host's name are
        shown; the host's opaque per-project id is for everyone (2.62).
        """
        item = {'event': event.event,
                'start_time': formats.precise_time(event.start_time),
                'finish_time': formats.precise_time(event.finish_time),
                'result': event.result}
        if show_details:
            item['traceback'] = event.traceback
        if api_version_request.is_supported(req, '2.62'):
            item['hostId'] = formats.host_id(project_id, event.host)
            if show_details:
                item['host'] = event.host
        return item
