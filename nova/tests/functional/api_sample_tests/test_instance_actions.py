"""API samples of ``/servers/{server_id}/os-instance-actions``."""

from nova.tests.functional.api_sample_tests import test_servers


class InstanceActionsSampleJsonTest(test_servers.ServersSampleBase):
    """2.1, as an administrator: events with their tracebacks."""

    sample_dir = 'os-instance-actions'

    def actions_path(self, uuid):
        return '/servers/%s/os-instance-actions' % uuid

    def test_list_and_show(self):
        uuid = self.boot()
        resp = self.sample('GET', self.actions_path(uuid),
                           'instance-actions-list')
        request_id = resp.json()['instanceActions'][0]['request_id']
        self.sample('GET', '%s/%s' % (self.actions_path(uuid), request_id),
                    'instance-action-get')


class InstanceActionsSampleV251Test(InstanceActionsSampleJsonTest):
    """2.51, as a project member: events without tracebacks."""

    microversion = '2.51'

    def test_list_and_show(self):
        uuid = self.boot(api=self.member_api)
        resp = self.sample('GET', self.actions_path(uuid),
                           'instance-actions-list', api=self.member_api)
        request_id = resp.json()['instanceActions'][0]['request_id']
        self.sample('GET', '%s/%s' % (self.actions_path(uuid), request_id),
                    'instance-action-get-non-admin', api=self.member_api)


class InstanceActionsSampleV258Test(InstanceActionsSampleJsonTest):
    """2.58: updated_at and paging."""

    microversion = '2.58'

    def test_paged_list(self):
        uuid = self.boot()
        self.api.delete('/servers/%s' % uuid)
        self.wait_for(lambda: self.finished('delete', uuid))
        self.sample('GET', self.actions_path(uuid) + '?limit=1',
                    'instance-actions-list-with-limit')


class InstanceActionsSampleV262Test(InstanceActionsSampleJsonTest):
    """2.62: events name their host (admin) and its hostId."""

    microversion = '2.62'
