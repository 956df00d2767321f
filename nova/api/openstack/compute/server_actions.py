"""Actions of the servers resource: ``os-stop``, ``os-start``, ``reboot``,
``rebuild`` and ``createImage`` (Nova keeps them in its servers module; here
they live apart so the servers module stays about the collection).
"""

from oslo_utils import strutils

from nova.api.openstack import common
from nova.api.openstack.compute import action_base
from nova.api.openstack.compute import create_backup
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack.compute.schemas import server_responses as response
from nova.api.openstack.compute import servers
from nova.api.openstack.compute.views import servers as views
from nova.api.openstack import wsgi
from nova.api import validation
import nova.conf
from nova.policies import server_actions as policies

CONF = nova.conf.CONF
RULE = policies.POLICY_ROOT


class ServerActionsController(action_base.ServerActionController):

    def __init__(self):
        super().__init__()
        self._view = views.ViewBuilder()

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-stop')
    @validation.schema(schema.no_body('os-stop'))
    def _stop(self, req, id, body):
        self._perform(req, id, RULE % 'stop', 'stop', self.compute_api.stop)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-start')
    @validation.schema(schema.no_body('os-start'))
    def _start(self, req, id, body):
        self._perform(req, id, RULE % 'start', 'start',
                      self.compute_api.start)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('reboot')
    @validation.schema(schema.reboot)
    def _reboot(self, req, id, body):
        reboot_type = body['reboot']['type'].upper()
        self._perform(
            req, id, RULE % 'reboot', 'reboot',
            lambda context, instance: self.compute_api.reboot(
                context, instance, reboot_type))

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('rebuild')
    @validation.schema(schema.rebuild, '2.1', '2.18')
    @validation.schema(schema.rebuild_v219, '2.19')
    @validation.response_body_schemas(response.REBUILD)
    def _rebuild(self, req, id, body):
        """Re-create the guest from an image; 202 with the server."""
        params = body['rebuild']
        password = params.get('adminPass')
        if password is None and CONF.api.enable_instance_password:
            password = servers.generate_password()
        preserve = strutils.bool_from_string(
            params.get('preserve_ephemeral', False), strict=True)
        instance = self._perform(
            req, id, RULE % 'rebuild', 'rebuild',
            lambda context, instance: self._do_rebuild(
                context, instance, params, password, preserve))
        return self._view.rebuild(
            req, common.get_context(req), instance,
            admin_password=password if CONF.api.enable_instance_password
            else None)

    def _do_rebuild(self, context, instance, params, password, preserve):
        self.compute_api.rebuild(
            context, instance, params['imageRef'], password,
            name=params.get('name'), preserve_ephemeral=preserve,
            description=params.get('description'))
        return instance

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createImage')
    @validation.schema(schema.create_image)
    def _create_image(self, req, id, body):
        """Snapshot into the local image registry."""
        name = body['createImage']['name']
        image = self._perform(
            req, id, RULE % 'create_image', 'createImage',
            lambda context, instance: self.compute_api.snapshot(
                context, instance, name))
        return create_backup.image_response(req, image)
