"""API samples of ``/servers`` per microversion.

``ServersSampleBase`` (shared with the flavors, images, services and
instance-actions samples) boots servers through the API and stabilises the
values the generic normaliser cannot know: the generated admin password,
reservation ids and the controller's host name.
"""

import nova.conf
from nova import context as nova_context
from nova import objects
from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.unit.api.openstack import fakes

CONF = nova.conf.CONF

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
STABLE = {'adminPass': 'Zs8wHxKc3Fq2', 'reservation_id': 'r-2hv7c9xq',
          'controller': 'controller'}


class ServersSampleBase(api_sample_base.ApiSampleTestBase):

    sample_dir = 'servers'

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        objects.register_all()
        self.ctxt = nova_context.get_admin_context()

    def stabilise(self, value):
        """Replace generated values with fixed ones, recursively."""
        if isinstance(value, dict):
            return {key: self._stable_item(key, item)
                    for key, item in value.items()}
        if isinstance(value, list):
            return [self.stabilise(item) for item in value]
        if value == CONF.host:
            return STABLE['controller']
        return value

    def _stable_item(self, key, item):
        if key == 'adminPass':
            return STABLE['adminPass']
        if key.endswith('reservation_id') and item:
            return STABLE['reservation_id']
        return self.stabilise(item)

    def sample(self, method, path, name, body=None, status=200, api=None):
        """Send, check the status, and check (or write) both samples."""
        if body is not None:
            self.verify_sample(name + '-req', body)
        resp = (api or self.api).request(method, path, body=body,
                                         microversion=self.microversion)
        self.assertEqual(status, resp.status_code, resp.text)
        if resp.content:
            self.verify_sample(name + '-resp', self.stabilise(resp.json()))
        return resp

    def create_body(self, name='new-server', version=None):
        """A create body valid at ``version`` (default: the class's)."""
        version = version or self.microversion or '2.1'
        server = {'name': name, 'flavorRef': '1', 'imageRef': IMAGE}
        if tuple(int(part) for part in version.split('.')) >= (2, 37):
            server['networks'] = 'none'
        return {'server': server}

    def boot(self, name='new-server', api=None):
        """An ACTIVE server; its uuid.

        On an empty cloud the scheduler's tie-break picks compute1, so
        samples showing hosts stay the same from run to run.
        """
        resp = (api or self.api).post('/servers',
                                      body=self.create_body(name, '2.65'),
                                      microversion='2.65')
        self.assertEqual(202, resp.status_code, resp.text)
        uuid = resp.json()['server']['id']
        self.wait_until_built(uuid)
        return uuid

    def wait_until_built(self, uuid):
        """ACTIVE, then every event of the create action finished.

        In that order: the compute's event has started once the server is
        ACTIVE, so no event can still be missing.
        """
        self.wait_for(lambda: objects.Instance.get_by_uuid(
            self.ctxt, uuid).vm_state == 'active')
        self.wait_for(lambda: self.finished('create', uuid))

    def finished(self, action_name, uuid):
        """Whether the action's events have all been recorded as done."""
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.ctxt, uuid):
            if action.action != action_name:
                continue
            events = objects.InstanceActionEventList.get_by_action(
                self.ctxt, action.id)
            return bool(events) and all(e.finish_time for e in events)
        return False


class ServersSampleJsonTest(ServersSampleBase):
    """2.1: create, list, details, show, delete."""

    def test_servers(self):
        resp = self.sample('POST', '/servers', 'server-create',
                           body=self.create_body(), status=202)
        uuid = resp.json()['server']['id']
        self.wait_until_built(uuid)
        self.sample('GET', '/servers', 'servers-list')
        self.sample('GET', '/servers/detail', 'servers-details')
        self.sample('GET', '/servers/%s' % uuid, 'server-get')
        self.sample('DELETE', '/servers/%s' % uuid, 'server-delete',
                    status=204)


class ShowSampleMixin:

    def test_server_get(self):
        uuid = self.boot()
        self.sample('GET', '/servers/%s' % uuid, 'server-get')


class ServersSampleV23Test(ShowSampleMixin, ServersSampleBase):
    microversion = '2.3'


class ServersSampleV29Test(ShowSampleMixin, ServersSampleBase):
    microversion = '2.9'


class ServersSampleV216Test(ShowSampleMixin, ServersSampleBase):
    microversion = '2.16'


class ServersSampleV237Test(ServersSampleBase):
    microversion = '2.37'

    def test_server_create(self):
        self.sample('POST', '/servers', 'server-create',
                    body=self.create_body(), status=202)


class ServersSampleV247Test(ServersSampleBase):
    microversion = '2.47'

    def test_server_get_and_details(self):
        uuid = self.boot()
        self.sample('GET', '/servers/%s' % uuid, 'server-get')
        self.sample('GET', '/servers/detail?status=ACTIVE&host=compute1',
                    'servers-details')


class ServersSampleErrorTest(ServersSampleBase):
    """A server whose build found no host, as an admin sees it."""

    microversion = '2.65'

    def test_server_get_error(self):
        # Bigger than any host, within quota: the scheduler refuses it.
        self.flags(ram=-1, group='quota')
        objects.Flavor(self.ctxt, flavorid='huge', name='huge', vcpus=1,
                       memory_mb=10 ** 7, root_gb=1, ephemeral_gb=0,
                       swap=0, rxtx_factor=1.0, is_public=True,
                       disabled=False).create()
        body = {'server': {'name': 'too-big', 'flavorRef': 'huge',
                           'imageRef': IMAGE, 'networks': 'none'}}
        resp = self.api.post('/servers', body=body)
        uuid = resp.json()['server']['id']
        self.wait_for(lambda: objects.Instance.get_by_uuid(
            self.ctxt, uuid).vm_state == 'error')
        self.sample('GET', '/servers/%s' % uuid, 'server-get-error')
