"""``os-getConsoleOutput``: the tail of the guest's console log."""

import webob.exc

from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.policies import console_output as policies


class ConsoleOutputController(action_base.ServerActionController):

    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-getConsoleOutput')
    @validation.schema(schema.get_console_output)
    def get_console_output(self, req, id, body):
        """200 ``{"output": ...}``; ``length`` -1 or absent: everything."""
        length = (body['os-getConsoleOutput'] or {}).get('length')
        length = None if length is None or int(length) < 0 else int(length)
        try:
            output = self._perform(
                req, id, policies.POLICY_ROOT % '', 'get_console_output',
                lambda context, instance:
                    self.compute_api.get_console_output(context, instance,
                                                        length))
        except exception.ConsoleNotAvailable as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())
        return {'output': output}
