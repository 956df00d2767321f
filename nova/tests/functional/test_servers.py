"""Servers end to end over HTTP: boot, place, list, show, delete.

The truth is read from the database: where the server landed, what its
host's compute node has allocated, and (for every refused request) that
nothing at all was written.  ``ServersTestBase`` and the module helpers are
shared with the other functional tests of the compute API resources.
"""

import hashlib

import fixtures
from oslo_db import exception as db_exc
import sqlalchemy as sa

from nova import context as nova_context
from nova import exception
from nova import objects
from nova.tests.functional import base
from nova.tests.unit.api.openstack import fakes

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
OTHER_IMAGE = '7e4c3f58-0a7e-4a3a-9d6c-5e2f1b8d9c01'
TINY = {'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}
SMALL = {'VCPU': 1, 'MEMORY_MB': 2048, 'DISK_GB': 20}
COUNTED_TABLES = ('instances', 'instance_actions', 'instance_actions_events',
                  'allocations', 'instance_faults')


def server_body(name='vm1', flavor='1', image=IMAGE, **extra):
    server = {'name': name, 'flavorRef': flavor, 'imageRef': image,
              'networks': 'none'}
    server.update(extra)
    return {'server': server}


def add_usage(*usages):
    total = {}
    for usage in usages:
        for rc, amount in usage.items():
            total[rc] = total.get(rc, 0) + amount
    return {rc: amount for rc, amount in total.items() if amount}


class ServersTestBase(base.FunctionalTestCase):
    """Helpers to boot through the API and read the outcome from the DB."""

    def setUp(self):
        super().setUp()
        # The previous test's config fixture un-parsed CONF, which policy
        # needs to look for its file.
        self.useFixture(fakes.PolicyFixture())
        objects.register_all()
        self.ctxt = nova_context.get_admin_context()

    def instance(self, uuid, read_deleted='no'):
        ctxt = nova_context.get_admin_context(read_deleted=read_deleted)
        return objects.Instance.get_by_uuid(ctxt, uuid)

    def usage(self, host):
        node = objects.ComputeNode.get_by_host_and_nodename(
            self.ctxt, host, host)
        return {rc: n for rc, n in node.get_usage().items() if n}

    def usages(self):
        return {host: self.usage(host) for host in self.compute_hosts}

    def row_counts(self):
        """Rows of every table a server request could write to."""
        with self.db.engine.connect() as conn:
            return {table: conn.execute(sa.text(
                'SELECT COUNT(*) FROM %s' % table)).scalar()
                for table in COUNTED_TABLES}

    def assert_refused(self, status, method, path, body=None, api=None,
                       **kwargs):
        """The request fails with ``status`` and writes nothing."""
        before = self.row_counts()
        resp = (api or self.api).request(method, path, body=body, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        self.assertEqual(before, self.row_counts(), resp.text)
        return resp

    def post_server(self, body, api=None, **kwargs):
        resp = (api or self.api).post('/servers', body=body, **kwargs)
        self.assertEqual(202, resp.status_code, resp.text)
        return resp

    def wait_for_state(self, uuid, vm_state='active'):
        def settled():
            inst = self.instance(uuid)
            if inst.vm_state == vm_state and inst.task_state is None:
                return inst
            return None
        return self.wait_for(settled, message='%s never got to %s' % (
            uuid, vm_state))

    def action_done(self, uuid, action_name):
        """Whether every event of the server's action has finished."""
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.ctxt, uuid):
            if action.action == action_name:
                events = objects.InstanceActionEventList.get_by_action(
                    self.ctxt, action.id)
                return bool(events) and all(e.finish_time for e in events)
        return False

    def boot(self, name='vm1', host=None, api=None, **extra):
        """An ACTIVE server whose build is fully recorded; its instance.

        On ``host`` if given.
        """
        if host:
            extra['availability_zone'] = 'nova:%s' % host
        resp = self.post_server(server_body(name, **extra), api=api)
        uuid = resp.json()['server']['id']
        # Active first: the compute's event has started by then.
        inst = self.wait_for_state(uuid)
        self.wait_for(lambda: self.action_done(uuid, 'create'))
        if host:
            self.assertEqual(host, inst.host)
        return inst

    def wait_for_gone(self, uuid):
        def gone():
            try:
                self.instance(uuid)
            except exception.InstanceNotFound:
                return True
            return False
        self.wait_for(gone, message='%s was never deleted' % uuid)

    def delete(self, uuid, api=None):
        """Delete through the API; wait until the host has finished."""
        on_a_host = bool(self.instance(uuid).host)
        resp = (api or self.api).delete('/servers/%s' % uuid)
        self.assertEqual(204, resp.status_code, resp.text)
        self.wait_for_gone(uuid)
        if on_a_host:
            self.wait_for(lambda: self.action_done(uuid, 'delete'))


class ServerLifecycleTest(ServersTestBase):

    def test_boot_is_active_on_its_host_with_exact_usage(self):
        before = self.usages()
        resp = self.post_server(server_body('vm1'))
        created = resp.json()['server']
        self.assertEqual({'id', 'links', 'OS-DCF:diskConfig',
                          'security_groups', 'adminPass'}, set(created))
        self.assertEqual(resp.headers['Location'],
                         created['links'][0]['href'])
        inst = self.wait_for_state(created['id'])

        expected = dict(before)
        expected[inst.host] = add_usage(before[inst.host], TINY)
        self.assertEqual(expected, self.usages())
        shown = self.api.get('/servers/%s' % inst.uuid).json()['server']
        self.assertEqual('ACTIVE', shown['status'])
        self.assertEqual(inst.host, shown['OS-EXT-SRV-ATTR:host'])
        self.assertEqual(inst.host,
                         shown['OS-EXT-SRV-ATTR:hypervisor_hostname'])
        self.assertEqual(hashlib.sha224(
            ('admin' + inst.host).encode()).hexdigest(), shown['hostId'])
        self.assertEqual({'id': IMAGE, 'links': [{
            'rel': 'bookmark', 'href': shown['image']['links'][0]['href']}]},
            shown['image'])
        self.assertEqual('m1.tiny', shown['flavor']['original_name'])
        self.assertEqual('UP', shown['host_status'])

    def test_forced_host_places_the_server_there(self):
        for host in ('compute2', 'compute1', 'compute2'):
            self.boot('on-%s' % host, host=host)
        self.assertEqual({'compute1': TINY,
                          'compute2': add_usage(TINY, TINY)},
                         self.usages())

    def test_forced_node_alone_names_its_host(self):
        resp = self.post_server(server_body(
            'vm1', availability_zone='nova::compute2'))
        inst = self.wait_for_state(resp.json()['server']['id'])
        self.assertEqual('compute2', inst.host)

    def test_delete_frees_the_hosts_usage_exactly(self):
        first = self.boot('vm1', host='compute1')
        second = self.boot('vm2', host='compute1', flavor='2')
        self.assertEqual(add_usage(TINY, SMALL), self.usage('compute1'))

        self.delete(second.uuid)
        self.assertEqual(TINY, self.usage('compute1'))
        self.delete(first.uuid)
        self.assertEqual({'compute1': {}, 'compute2': {}}, self.usages())
        self.assertEqual(404, self.api.get(
            '/servers/%s' % first.uuid).status_code)

    def test_no_valid_host_goes_to_error_with_a_fault(self):
        # Bigger than any host, within quota: the scheduler refuses it.
        self.flags(ram=-1, group='quota')
        objects.Flavor(self.ctxt, flavorid='huge', name='huge', vcpus=1,
                       memory_mb=10 ** 7, root_gb=1, ephemeral_gb=0,
                       swap=0, rxtx_factor=1.0, is_public=True,
                       disabled=False).create()
        resp = self.post_server(server_body('too-big', flavor='huge'))
        uuid = resp.json()['server']['id']
        self.wait_for_state(uuid, 'error')

        shown = self.api.get('/servers/%s' % uuid).json()['server']
        self.assertEqual('ERROR', shown['status'])
        self.assertIsNone(shown['OS-EXT-STS:task_state'])
        self.assertIn('No valid host', shown['fault']['message'])
        self.assertEqual(500, shown['fault']['code'])
        self.assertIn('details', shown['fault'])
        self.assertEqual({'compute1': {}, 'compute2': {}}, self.usages())
        self.delete(uuid)

    def test_scheduler_failing_unexpectedly_goes_to_error(self):
        """A database error under the scheduler must not leave BUILD."""
        def failing(*args, **kwargs):
            raise db_exc.DBError('disk I/O error')
        self.useFixture(fixtures.MonkeyPatch(
            'nova.db.main.allocations.allocation_claim', failing))
        resp = self.post_server(server_body('unlucky'))
        uuid = resp.json()['server']['id']
        self.wait_for_state(uuid, 'error')

        shown = self.api.get('/servers/%s' % uuid).json()['server']
        self.assertEqual('ERROR', shown['status'])
        self.assertIsNone(shown['OS-EXT-STS:task_state'])
        self.assertIn('fault', shown)
        self.assertEqual({'compute1': {}, 'compute2': {}}, self.usages())
        self.delete(uuid)

    def test_boot_from_a_block_device_mapping(self):
        # nova boot --block-device: empty imageRef, boot_index a string.
        bdm = [{'uuid': OTHER_IMAGE, 'source_type': 'image',
                'destination_type': 'local', 'boot_index': '0',
                'delete_on_termination': True}]
        resp = self.post_server(server_body(
            'by-bdm', image='', block_device_mapping_v2=bdm))
        inst = self.wait_for_state(resp.json()['server']['id'])
        self.assertEqual(OTHER_IMAGE, inst.image_ref)
        # openstack server create: both, plus the counts.
        bdm[0].update(uuid=IMAGE, boot_index=0)
        resp = self.post_server(server_body(
            'both', block_device_mapping_v2=bdm, min_count=1, max_count=1))
        self.assertEqual(IMAGE, self.wait_for_state(
            resp.json()['server']['id']).image_ref)

    def test_any_image_uuid_is_recorded(self):
        inst = self.boot('vm1', image=OTHER_IMAGE)
        shown = self.api.get('/servers/%s' % inst.uuid).json()['server']
        self.assertEqual(OTHER_IMAGE, shown['image']['id'])

    def test_before_2_37_networks_may_be_omitted(self):
        body = server_body('old')
        del body['server']['networks']
        resp = self.post_server(body, microversion='2.36')
        self.wait_for_state(resp.json()['server']['id'])
        self.assert_refused(400, 'POST', '/servers', body=body,
                            microversion='2.37')

    def test_no_admin_password_when_disabled(self):
        self.flags(enable_instance_password=False, group='api')
        resp = self.post_server(server_body('quiet'))
        self.assertNotIn('adminPass', resp.json()['server'])


class ServerRefusalsTest(ServersTestBase):
    """Every refused create leaves the database exactly as it was."""

    def _refuse(self, status, api=None, **server):
        body = server_body(**server)
        for key, value in list(body['server'].items()):
            if value is None:
                del body['server'][key]
        return self.assert_refused(status, 'POST', '/servers', body=body,
                                   api=api)

    def test_bad_bodies_are_400(self):
        cases = [
            dict(flavor=None),
            dict(name=None),
            dict(name=' padded '),
            dict(flavor='no-such-flavor'),
            dict(image='not-a-uuid'),
            dict(image='', block_device_mapping_v2=[]),
            dict(image=None),
            dict(networks=None),
            dict(networks='everything'),
            dict(networks=[{'uuid': 'not-a-uuid'}]),
            dict(networks=[{'uuid': OTHER_IMAGE}]),
            dict(min_count=2, max_count=1),
            dict(key_name='no-such-key'),
            dict(accessIPv4='300.1.1.1'),
            dict(availability_zone='elsewhere'),
            dict(availability_zone='nova:no-such-host'),
            dict(availability_zone='nova:compute1:no-such-node'),
            dict(unknown_member=True),
            dict(block_device_mapping_v2=[{
                'source_type': 'volume', 'destination_type': 'volume',
                'uuid': OTHER_IMAGE, 'boot_index': 0}]),
            dict(image=IMAGE, block_device_mapping_v2=[{
                'source_type': 'image', 'destination_type': 'local',
                'uuid': OTHER_IMAGE, 'boot_index': 0}]),
        ]
        for case in cases:
            resp = self._refuse(400, **case)
            self.assertIn('badRequest', resp.json(), case)

    def test_flavor_not_found_message(self):
        resp = self._refuse(400, flavor='42')
        self.assertIn('Flavor 42 could not be found',
                      resp.json()['badRequest']['message'])

    def test_unknown_network_is_named(self):
        resp = self._refuse(400, networks=[{'uuid': OTHER_IMAGE}])
        self.assertEqual('Network %s could not be found.' % OTHER_IMAGE,
                         resp.json()['badRequest']['message'])

    def test_unknown_key_name(self):
        resp = self._refuse(400, key_name='nope')
        self.assertEqual('Invalid key_name provided.',
                         resp.json()['badRequest']['message'])

    def test_forced_host_is_admin_only(self):
        self._refuse(403, api=self.member_api,
                     availability_zone='nova:compute1')

    def test_flavor_href_is_accepted(self):
        href = self.cloud.endpoint + '/flavors/2'
        inst = self.boot('by-href', flavor=href)
        self.assertEqual(SMALL['MEMORY_MB'], inst.memory_mb)


class ServerVisibilityTest(ServersTestBase):
    """Servers of other projects do not exist for non-admins."""

    def test_member_cannot_see_or_touch_admin_servers(self):
        admins = self.boot('admins', host='compute1')
        path = '/servers/%s' % admins.uuid
        self.assertEqual(404, self.member_api.get(path).status_code)
        self.assert_refused(404, 'DELETE', path, api=self.member_api)
        self.assertEqual([], self.member_api.get(
            '/servers/detail').json()['servers'])
        self.assert_refused(403, 'GET', '/servers?all_tenants=True',
                            api=self.member_api)
        self.assertEqual('active', self.instance(admins.uuid).vm_state)

    def test_member_sees_own_servers_without_admin_fields(self):
        own = self.boot('own', api=self.member_api)
        shown = self.member_api.get(
            '/servers/%s' % own.uuid).json()['server']
        self.assertEqual('demo', shown['tenant_id'])
        self.assertFalse([key for key in shown
                          if key.startswith('OS-EXT-SRV-ATTR')])
        self.assertNotIn('host_status', shown)
        self.assertEqual(hashlib.sha224(
            ('demo' + own.host).encode()).hexdigest(), shown['hostId'])
        # host filters are silently dropped for non-admins.
        listed = self.member_api.get(
            '/servers/detail?host=no-such-host').json()['servers']
        self.assertEqual([own.uuid], [s['id'] for s in listed])

    def test_admin_sees_every_project_with_all_tenants(self):
        own = self.boot('admins')
        members = self.boot('members', api=self.member_api)
        for value in ('True', '1'):
            listed = self.api.get('/servers?all_tenants=%s' % value).json()
            self.assertEqual({own.uuid, members.uuid},
                             {s['id'] for s in listed['servers']})
        listed = self.api.get('/servers').json()['servers']
        self.assertEqual([own.uuid], [s['id'] for s in listed])
        self.assertEqual(200, self.api.get(
            '/servers/%s' % members.uuid).status_code)
        self.assert_refused(400, 'GET', '/servers?all_tenants=maybe')

    def test_locked_server_is_409_for_its_member_but_not_for_admin(self):
        own = self.boot('locked', api=self.member_api)
        own.locked = True
        own.save()
        path = '/servers/%s' % own.uuid
        resp = self.assert_refused(409, 'DELETE', path, api=self.member_api)
        self.assertIn('locked', resp.json()['conflictingRequest']['message'])
        self.delete(own.uuid)


class ServerListTest(ServersTestBase):

    def setUp(self):
        super().setUp()
        self.first = self.boot('vm-a', host='compute1')
        self.second = self.boot('vm-b', host='compute2')

    def ids(self, query, api=None, **kwargs):
        resp = (api or self.api).get('/servers/detail' + query, **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return [server['id'] for server in resp.json()['servers']]

    def test_index_lists_ids_names_and_links_newest_first(self):
        servers = self.api.get('/servers').json()['servers']
        self.assertEqual([(self.second.uuid, 'vm-b'),
                          (self.first.uuid, 'vm-a')],
                         [(s['id'], s['name']) for s in servers])
        self.assertEqual({'id', 'name', 'links'}, set(servers[0]))

    def test_filters(self):
        both = [self.second.uuid, self.first.uuid]
        self.assertEqual([self.first.uuid], self.ids('?host=compute1'))
        self.assertEqual([self.second.uuid], self.ids('?node=compute2'))
        self.assertEqual([self.first.uuid], self.ids('?name=vm-a'))
        self.assertEqual(both, self.ids('?status=ACTIVE&deleted=False'))
        self.assertEqual(both, self.ids('?status=active'))
        self.assertEqual([], self.ids('?status=MIGRATING'))
        self.assertEqual([], self.ids('?status=SUSPENDED'))
        self.assertEqual([self.second.uuid],
                         self.ids('?all_tenants=1&host=compute2'))

    def test_status_maps_task_states(self):
        self.second.task_state = 'migrating'
        self.second.save()
        self.assertEqual([self.second.uuid], self.ids('?status=MIGRATING'))
        # ACTIVE matches whatever the task of an active server.
        self.assertEqual(2, len(self.ids('?status=ACTIVE')))
        shown = self.api.get('/servers/%s' % self.second.uuid).json()
        self.assertEqual('MIGRATING', shown['server']['status'])

    def test_unknown_status_is_400_from_2_38(self):
        self.assertEqual([], self.ids('?status=BOGUS', microversion='2.37'))
        resp = self.assert_refused(400, 'GET', '/servers?status=BOGUS',
                                   microversion='2.38')
        self.assertIn('status', resp.json()['badRequest']['message'])

    def test_paging_with_limit_and_marker(self):
        page = self.api.get('/servers?limit=1').json()
        self.assertEqual([self.second.uuid],
                         [s['id'] for s in page['servers']])
        next_href = page['servers_links'][0]['href']
        self.assertIn('marker=%s' % self.second.uuid, next_href)
        page = self.api.get(next_href).json()
        self.assertEqual([self.first.uuid],
                         [s['id'] for s in page['servers']])
        # A detail page links to the next detail page.
        page = self.api.get('/servers/detail?limit=1').json()
        next_href = page['servers_links'][0]['href']
        self.assertIn('/servers/detail?', next_href)
        page = self.api.get(next_href).json()
        self.assertEqual([(self.first.uuid, 'ACTIVE')],
                         [(s['id'], s['status']) for s in page['servers']])
        self.assert_refused(400, 'GET', '/servers?marker=nope')
        self.assert_refused(400, 'GET', '/servers?limit=-1')

    def test_changes_since_and_deleted(self):
        self.delete(self.first.uuid)
        since = '2000-01-01T00:00:00Z'
        listed = self.api.get('/servers/detail?changes-since=%s' % since)
        by_id = {s['id']: s['status'] for s in listed.json()['servers']}
        self.assertEqual({self.first.uuid: 'DELETED',
                          self.second.uuid: 'ACTIVE'}, by_id)
        self.assertEqual([self.first.uuid], self.ids('?deleted=True'))
        self.assertEqual([self.second.uuid], self.ids('?deleted=False'))
        self.assert_refused(400, 'GET', '/servers?changes-since=yesterday')

    def test_host_status_follows_the_compute_service(self):
        service = objects.Service.get_by_compute_host(self.ctxt, 'compute1')
        path = '/servers/%s' % self.first.uuid
        for change, expected in ((dict(disabled=True), 'MAINTENANCE'),
                                 (dict(forced_down=True), 'DOWN')):
            for name, value in change.items():
                setattr(service, name, value)
            service.save()
            shown = self.api.get(path).json()['server']
            self.assertEqual(expected, shown['host_status'])
        self.assertNotIn('host_status', self.api.get(
            path, microversion='2.15').json()['server'])
