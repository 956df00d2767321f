"""``createBackup``: an image of the server in a rotation of backups."""

from nova.api.openstack import api_version_request
from nova.api.openstack import common
from nova.api.openstack.compute import action_base
from nova.api.openstack.compute.schemas import server_actions as schema
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import create_backup as policies


def image_response(req, image):
    """202 with ``{"image_id"}`` from 2.45, a ``Location`` before."""
    if api_version_request.is_supported(req, '2.45'):
        return {'image_id': image.id}
    return wsgi.ResponseObject(None, headers={
        'Location': common.url(req, 'images', image.id)})


class CreateBackupController(action_base.ServerActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createBackup')
    @validation.schema(schema.create_backup)
    def _create_backup(self, req, id, body):
        params = body['createBackup']
        image = self._perform(
            req, id, policies.POLICY_ROOT % '', 'createBackup',
            lambda context, instance: self.compute_api.snapshot(
                context, instance, params['name'],
                backup_type=params['backup_type'],
                rotation=int(params['rotation'])))
        return image_response(req, image)
