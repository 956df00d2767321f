"""API samples of the server actions (``POST /servers/{id}/action``).

Each test runs the action for real, waits for its outcome, and keeps the
request (and response, where there is one) as the api-ref's sample.
"""

from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import base
from nova.tests.functional import test_servers


class ServerActionSamplesBase(api_sample_base.ApiSampleTestBase,
                              test_servers.ServersTestBase):

    def boot(self, name='vm1', host=None, api=None, **extra):
        """Boot at the newest microversion, whatever the samples use."""
        api = api or base.ApiClient(self.cloud.endpoint,
                                    microversion='latest')
        return super().boot(name, host, api, **extra)

    def action(self, uuid, sample_dir, name, body, status=202):
        self.sample_dir = sample_dir
        return self.do_request('POST', '/servers/%s/action' % uuid, name,
                               body, expected_status=status)


class ServerActionSamples(ServerActionSamplesBase):

    microversion = None

    def test_power_actions(self):
        uuid = self.boot(host='compute1').uuid
        steps = (('os-pause-server', 'pause-server', {'pause': None},
                  'paused'),
                 ('os-pause-server', 'unpause-server', {'unpause': None},
                  'active'),
                 ('os-suspend-server', 'server-suspend', {'suspend': None},
                  'suspended'),
                 ('os-suspend-server', 'server-resume', {'resume': None},
                  'active'),
                 ('servers', 'server-action-stop', {'os-stop': None},
                  'stopped'),
                 ('servers', 'server-action-start', {'os-start': None},
                  'active'),
                 ('servers', 'server-action-reboot',
                  {'reboot': {'type': 'HARD'}}, 'active'))
        for sample_dir, name, body, vm_state in steps:
            self.action(uuid, sample_dir, name, body)
            self.wait_for_state(uuid, vm_state)

    def test_lock_reset_password_console(self):
        uuid = self.boot(host='compute1').uuid
        self.action(uuid, 'os-lock-server', 'lock-server', {'lock': None})
        self.action(uuid, 'os-lock-server', 'unlock-server',
                    {'unlock': None})
        self.action(uuid, 'os-admin-actions', 'admin-actions-reset-state',
                    {'os-resetState': {'state': 'active'}})
        self.action(uuid, 'os-admin-actions', 'admin-actions-inject-network'
                    '-info', {'injectNetworkInfo': None})
        self.action(uuid, 'os-admin-password', 'admin-password-change-'
                    'password', {'changePassword': {'adminPass': 'foo'}})
        self.wait_for_state(uuid, 'active')
        self.action(uuid, 'os-console-output', 'console-output-post',
                    {'os-getConsoleOutput': {'length': 1}}, status=200)

    def test_rebuild_resize_confirm_revert(self):
        uuid = self.boot(host='compute1').uuid
        self.action(uuid, 'servers', 'server-action-rebuild', {
            'rebuild': {'imageRef': test_servers.OTHER_IMAGE,
                        'name': 'foobar', 'adminPass': 'seekr3t'}})
        self.wait_for_state(uuid, 'active')
        self.action(uuid, 'servers', 'server-action-resize',
                    {'resize': {'flavorRef': '2'}})
        self.wait_for_state(uuid, 'resized')
        self.action(uuid, 'servers', 'server-action-revert-resize',
                    {'revertResize': None})
        self.wait_for_state(uuid, 'active')
        self.action(uuid, 'servers', 'server-action-resize',
                    {'resize': {'flavorRef': '2'}})
        self.wait_for_state(uuid, 'resized')
        self.action(uuid, 'servers', 'server-action-confirm-resize',
                    {'confirmResize': None}, status=204)
        self.wait_for_state(uuid, 'active')
        self.action(uuid, 'os-migrate-server', 'migrate-server',
                    {'migrate': None})
        self.wait_for_state(uuid, 'resized')

    def test_shelve_unshelve_and_soft_delete(self):
        uuid = self.boot(host='compute1').uuid
        self.action(uuid, 'os-shelve', 'os-shelve', {'shelve': None})
        self.wait_for_state(uuid, 'shelved_offloaded')
        self.action(uuid, 'os-shelve', 'os-unshelve', {'unshelve': None})
        self.wait_for_state(uuid, 'active')


class ServerActionSamplesV245(ServerActionSamplesBase):

    microversion = '2.45'

    def test_images(self):
        uuid = self.boot(host='compute1').uuid
        self.action(uuid, 'servers', 'server-action-create-image',
                    {'createImage': {'name': 'foo-image',
                                     'metadata': {'meta_var': 'meta_val'}}})
        self.wait_for_state(uuid, 'active')
        self.action(uuid, 'os-create-backup', 'create-backup',
                    {'createBackup': {'name': 'Backup 1',
                                      'backup_type': 'daily',
                                      'rotation': 1}})
        self.wait_for_state(uuid, 'active')


class ServerActionSamplesV256(ServerActionSamplesBase):

    microversion = '2.56'

    def test_migrate_to_host(self):
        uuid = self.boot(host='compute1').uuid
        self.action(uuid, 'os-migrate-server', 'migrate-server',
                    {'migrate': {'host': 'compute2'}})
        self.wait_for_state(uuid, 'resized')


class DeferredDeleteSamples(ServerActionSamplesBase):

    microversion = None

    def configure(self):
        self.flags(reclaim_instance_interval=3600)

    def test_restore_and_force_delete(self):
        uuid = self.boot(host='compute1').uuid
        self.api.delete('/servers/%s' % uuid)
        self.wait_for_state(uuid, 'soft-delete')
        self.action(uuid, 'os-deferred-delete', 'restore', {'restore': None})
        self.wait_for_state(uuid, 'active')
        self.api.delete('/servers/%s' % uuid)
        self.wait_for_state(uuid, 'soft-delete')
        self.action(uuid, 'os-deferred-delete', 'force-delete',
                    {'forceDelete': None})
        self.wait_for_gone(uuid)
