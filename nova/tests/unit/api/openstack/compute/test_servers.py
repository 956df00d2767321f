"""``/servers``: create, list, show and delete through the whole API stack.

A real (SQLite) database under the real WSGI app; only RPC casts leaving
the process are recorded instead of sent.  ``ServersApiFixture`` is shared
with the tests of the other resources of this helper (flavors, images,
services, instance actions).
"""

import hashlib

import ddt
import fixtures
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova.api.openstack import deploy
from nova.compute import rpcapi as compute_rpcapi
import nova.conf
from nova import context as nova_context
from nova import objects
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.unit.api.openstack import fakes

CONF = nova.conf.CONF

PROJECT = fakes.PROJECT_ID
OTHER_TOKEN = 'u2:def2'
IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
COUNTED_TABLES = ('instances', 'instance_actions', 'allocations')


class ServersApiFixture(fixtures.Fixture):
    """The API over a real database; RPC casts are recorded, not sent."""

    def _setUp(self):
        objects.register_all()
        self.db = self.useFixture(nova_fixtures.Database())
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        self.useFixture(fakes.PolicyFixture())
        compute_rpcapi.reset_auto_cap()
        self.casts = self.useFixture(fixtures.MockPatch(
            'oslo_messaging.rpc.client._BaseCallContext.cast',
            autospec=True)).mock
        self.app = deploy.loadapp(CONF)
        self.ctxt = nova_context.get_admin_context()

    def call(self, method, path, token=fakes.ADMIN_TOKEN, version=None,
             body=None):
        return fakes.call(self.app, method, '/v2.1' + path, token=token,
                          version=version, body=body)

    def cast_methods(self):
        return [call.args[2] for call in self.casts.call_args_list]

    def row_counts(self):
        with self.db.engine.connect() as conn:
            return {table: conn.execute(sa.text(
                'SELECT COUNT(*) FROM %s' % table)).scalar()
                for table in COUNTED_TABLES}

    def make_compute(self, host, **values):
        service = objects.Service(self.ctxt, host=host,
                                  binary='nova-compute', topic='compute',
                                  **values)
        service.create()
        objects.ComputeNode.create_or_update(self.ctxt, {
            'host': host, 'hypervisor_hostname': host,
            'hypervisor_type': 'fake', 'service_id': service.id,
            'vcpus': 16, 'memory_mb': 65536, 'local_gb': 1024,
            'cpu_allocation_ratio': 16.0, 'ram_allocation_ratio': 1.5,
            'disk_allocation_ratio': 1.0})
        return service

    def make_instance(self, project_id=PROJECT, host='compute1',
                      vm_state='active', task_state=None, name='vm',
                      **values):
        instance = objects.Instance(
            self.ctxt, uuid=uuidutils.generate_uuid(), user_id='u1',
            project_id=project_id, display_name=name, hostname=name,
            host=host, node=host, vm_state=vm_state, task_state=task_state,
            image_ref=values.pop('image_ref', IMAGE), instance_type_id=1,
            vcpus=1, memory_mb=512,
            root_gb=1, ephemeral_gb=0, power_state=1, reservation_id='r-1',
            launch_index=0, availability_zone='nova',
            launched_at=timeutils.utcnow(), **values)
        instance.create()
        return instance


def create_body(version='2.65', **server):
    """A create body valid at ``version``; None values are left out."""
    body = {'name': 'vm1', 'flavorRef': '1', 'imageRef': IMAGE}
    major, minor = version.split('.')
    if (int(major), int(minor)) >= (2, 37):
        body['networks'] = 'none'
    body.update(server)
    return {'server': {k: v for k, v in body.items() if v is not None}}


class ServersTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.api = self.useFixture(ServersApiFixture())
        self.api.make_compute('compute1')

    def get_server(self, uuid, token=fakes.ADMIN_TOKEN, version=None):
        resp = self.api.call('GET', '/servers/%s' % uuid, token=token,
                             version=version)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json['server']


@ddt.ddt
class CreateServerTest(ServersTestBase):

    def test_create_records_the_instance_and_casts_the_build(self):
        objects.KeyPair(self.api.ctxt, name='k1', user_id='admin',
                        fingerprint='f', public_key='k', type='ssh').create()
        resp = self.api.call('POST', '/servers', version='2.65',
                             body=create_body(key_name='k1'))
        self.assertEqual(202, resp.status_int, resp.text)
        server = resp.json['server']
        self.assertEqual('MANUAL', server['OS-DCF:diskConfig'])
        self.assertEqual([{'name': 'default'}], server['security_groups'])
        self.assertEqual(12, len(server['adminPass']))
        self.assertEqual('http://localhost/v2.1/servers/%s' % server['id'],
                         resp.headers['Location'])
        instance = objects.Instance.get_by_uuid(self.api.ctxt, server['id'])
        self.assertEqual(('vm1', IMAGE, 'building', 'scheduling', 'k1',
                          'admin', 'abc1', 512), (
            instance.display_name, instance.image_ref, instance.vm_state,
            instance.task_state, instance.key_name, instance.user_id,
            instance.project_id, instance.memory_mb))
        self.assertEqual(['build_instances'], self.api.cast_methods())

    def test_member_creates_in_own_project(self):
        resp = self.api.call('POST', '/servers', token=fakes.MEMBER_TOKEN,
                             version='2.65', body=create_body())
        self.assertEqual(202, resp.status_int, resp.text)

    @ddt.data('nova:compute1', 'nova:compute1:compute1', 'nova::compute1',
              ':compute1')
    def test_forced_host_forms(self, zone):
        resp = self.api.call('POST', '/servers', version='2.65',
                             body=create_body(availability_zone=zone))
        self.assertEqual(202, resp.status_int, resp.text)
        instance = objects.Instance.get_by_uuid(
            self.api.ctxt, resp.json['server']['id'])
        self.assertEqual('compute1', instance.requested_host)

    @ddt.data(
        (fakes.MEMBER_TOKEN, 'nova:compute1', 403),
        (fakes.ADMIN_TOKEN, 'nova:compute9', 400),
        (fakes.ADMIN_TOKEN, 'nova:compute1:node9', 400),
        (fakes.ADMIN_TOKEN, 'az2', 400),
    )
    @ddt.unpack
    def test_bad_zone_writes_nothing(self, token, zone, status):
        before = self.api.row_counts()
        resp = self.api.call('POST', '/servers', token=token,
                             version='2.65',
                             body=create_body(availability_zone=zone))
        self.assertEqual(status, resp.status_int, resp.text)
        self.assertEqual(before, self.api.row_counts())
        self.assertEqual([], self.api.cast_methods())

    @ddt.data(
        ('2.31', dict(networks=[{'uuid': 'any', 'tag': 't'}])),
        ('2.65', dict(networks=None)),
        ('2.65', dict(networks='all')),
        ('2.65', dict(networks=[{'uuid': 'x'}])),
        ('2.37', dict(networks=[{'uuid': uuidutils.generate_uuid(),
                                 'tag': 't'}])),
        ('2.1', dict(name=None)),
        ('2.1', dict(flavorRef=None)),
        ('2.1', dict(flavorRef='9')),
        ('2.1', dict(imageRef='nope')),
        ('2.1', dict(imageRef=None)),
        ('2.1', dict(min_count=0)),
        ('2.1', dict(min_count=3, max_count=2)),
        # No network service: every network or port is unknown.
        ('2.36', dict(networks=[{'uuid': 'any-string'}])),
        ('2.42', dict(networks=[{'uuid': uuidutils.generate_uuid(),
                                 'tag': 't'}])),
        ('2.65', dict(networks=[{'port': uuidutils.generate_uuid()}])),
        ('2.65', dict(key_name='no-such-key')),
        ('2.1', dict(accessIPv4='1.2.3')),
        ('2.1', dict(accessIPv6='1.2.3.4')),
        ('2.1', {'OS-DCF:diskConfig': 'SOMETIMES'}),
        ('2.18', dict(description='too early')),
        ('2.19', dict(description='x' * 256)),
        ('2.19', dict(description='bell\x07')),
        ('2.1', dict(return_reservation_id='maybe')),
        ('2.1', dict(metadata={'k': 1})),
        ('2.1', dict(user_data='x')),
        ('2.1', dict(block_device_mapping_v2=[{'boot_index': 0}])),
        ('2.1', dict(block_device_mapping_v2=[
            {'source_type': 'blank', 'destination_type': 'local',
             'boot_index': -1}])),
        ('2.1', dict(imageRef='', block_device_mapping_v2=[
            {'source_type': 'image', 'uuid': IMAGE, 'boot_index': 1}])),
    )
    @ddt.unpack
    def test_bad_bodies_are_400_and_write_nothing(self, version, server):
        before = self.api.row_counts()
        resp = self.api.call('POST', '/servers', version=version,
                             body=create_body(version, **server))
        self.assertEqual(400, resp.status_int, resp.text)
        self.assertIn('badRequest', resp.json)
        self.assertEqual(before, self.api.row_counts())

    @ddt.data(
        ('2.36', dict(networks=None)),
        ('2.36', dict(networks=[])),
        ('2.1', dict(min_count=2)),
        ('2.1', dict(max_count=2)),
        ('2.1', dict(accessIPv4='192.0.2.1', accessIPv6='2001:db8::1')),
        ('2.1', {'OS-DCF:diskConfig': 'AUTO', 'adminPass': 'secret'}),
        ('2.1', dict(user_data='aGVsbG8=', config_drive=True)),
        ('2.19', dict(description='')),
        ('2.19', dict(description=None)),
        ('2.1', dict(flavorRef='http://example.com/flavors/1')),
        ('2.1', dict(flavorRef=1)),
        ('2.1', dict(metadata={'k': 'v'}, min_count='1', max_count=1)),
        ('2.1', dict(imageRef='', block_device_mapping_v2=[
            {'source_type': 'image', 'destination_type': 'local',
             'uuid': IMAGE, 'boot_index': '0'}])),
    )
    @ddt.unpack
    def test_accepted_bodies(self, version, server):
        resp = self.api.call('POST', '/servers', version=version,
                             body=create_body(version, **server))
        self.assertEqual(202, resp.status_int, resp.text)

    def test_disabled_flavor_is_400(self):
        objects.Flavor(self.api.ctxt, flavorid='old', name='old', vcpus=1,
                       memory_mb=1, root_gb=0, ephemeral_gb=0, swap=0,
                       rxtx_factor=1.0, is_public=True,
                       disabled=True).create()
        resp = self.api.call('POST', '/servers', version='2.65',
                             body=create_body(flavorRef='old'))
        self.assertEqual(400, resp.status_int)
        self.assertIn('disabled', resp.json['badRequest']['message'])


@ddt.ddt
class ShowServerTest(ServersTestBase):

    def test_links_keep_a_project_id_segment_of_the_url(self):
        instance = self.api.make_instance()
        for prefix in ('', '/' + PROJECT):
            resp = self.api.call('GET', '%s/servers/%s' % (
                prefix, instance.uuid), version='2.1')
            self.assertEqual(200, resp.status_int, resp.text)
            server = resp.json['server']
            self.assertEqual(
                [{'rel': 'self', 'href': 'http://localhost/v2.1%s/servers/%s'
                  % (prefix, instance.uuid)},
                 {'rel': 'bookmark', 'href': 'http://localhost%s/servers/%s'
                  % (prefix, instance.uuid)}], server['links'])
            self.assertEqual('http://localhost%s/flavors/1' % prefix,
                             server['flavor']['links'][0]['href'])

    def test_fields_at_2_1(self):
        instance = self.api.make_instance()
        server = self.get_server(instance.uuid, version='2.1')
        self.assertEqual({'id': '1', 'links': [{
            'rel': 'bookmark', 'href': 'http://localhost/flavors/1'}]},
            server['flavor'])
        self.assertEqual(('ACTIVE', 'active', None, 1, 0), (
            server['status'], server['OS-EXT-STS:vm_state'],
            server['OS-EXT-STS:task_state'],
            server['OS-EXT-STS:power_state'], server['progress']))
        self.assertEqual(hashlib.sha224(b'abc1compute1').hexdigest(),
                         server['hostId'])
        self.assertEqual('instance-%08x' % instance.id,
                         server['OS-EXT-SRV-ATTR:instance_name'])
        for absent in ('locked', 'host_status',
                       'OS-EXT-SRV-ATTR:reservation_id', 'fault'):
            self.assertNotIn(absent, server)

    @ddt.data(('2.3', 'OS-EXT-SRV-ATTR:reservation_id'),
              ('2.9', 'locked'), ('2.16', 'host_status'))
    @ddt.unpack
    def test_field_appears_at(self, version, field):
        instance = self.api.make_instance()
        previous = '2.%d' % (int(version.split('.')[1]) - 1)
        self.assertNotIn(field, self.get_server(instance.uuid,
                                                version=previous))
        self.assertIn(field, self.get_server(instance.uuid,
                                             version=version))

    def test_embedded_flavor_from_2_47(self):
        instance = self.api.make_instance()
        server = self.get_server(instance.uuid, version='2.47')
        self.assertEqual({'vcpus': 1, 'ram': 512, 'disk': 1, 'ephemeral': 0,
                          'swap': 0, 'original_name': 'm1.tiny',
                          'extra_specs': {}}, server['flavor'])

    def test_member_sees_no_admin_fields(self):
        instance = self.api.make_instance()
        server = self.get_server(instance.uuid, token=fakes.MEMBER_TOKEN,
                                 version='2.65')
        self.assertEqual([], [key for key in server
                              if key.startswith('OS-EXT-SRV-ATTR')])
        self.assertNotIn('host_status', server)
        self.assertIn('OS-EXT-STS:vm_state', server)

    @ddt.data((dict(), 'UP'), (dict(disabled=True), 'MAINTENANCE'),
              (dict(forced_down=True), 'DOWN'))
    @ddt.unpack
    def test_host_status(self, service_values, expected):
        self.api.make_compute('compute2', **service_values)
        instance = self.api.make_instance(host='compute2')
        server = self.get_server(instance.uuid, version='2.16')
        self.assertEqual(expected, server['host_status'])

    def test_host_status_unknown_when_heartbeats_stopped(self):
        service = self.api.make_compute('compute2')
        service.last_seen_up = timeutils.utcnow() - \
            timeutils.datetime.timedelta(hours=1)
        service.save()
        instance = self.api.make_instance(host='compute2')
        self.assertEqual('UNKNOWN', self.get_server(
            instance.uuid, version='2.16')['host_status'])
        no_host = self.api.make_instance(host=None, vm_state='building',
                                         task_state='scheduling')
        server = self.get_server(no_host.uuid, version='2.16')
        self.assertEqual(('', 'BUILD', ''), (
            server['host_status'], server['status'], server['hostId']))

    def test_fault_details_for_admins_only_on_500(self):
        instance = self.api.make_instance(vm_state='error')
        objects.InstanceFault.record(self.api.ctxt, instance.uuid,
                                     RuntimeError('boom'), details='trace')
        admin = self.get_server(instance.uuid)['fault']
        member = self.get_server(instance.uuid,
                                 token=fakes.MEMBER_TOKEN)['fault']
        self.assertEqual((500, 'RuntimeError', 'trace'), (
            admin['code'], admin['message'], admin['details']))
        self.assertNotIn('details', member)
        self.assertNotIn('progress', member)

    def test_image_is_empty_string_without_an_image(self):
        instance = self.api.make_instance(image_ref='')
        self.assertEqual('', self.get_server(instance.uuid)['image'])

    @ddt.data(fakes.MEMBER_TOKEN, OTHER_TOKEN)
    def test_other_projects_server_is_404(self, token):
        instance = self.api.make_instance(project_id='someone-else')
        resp = self.api.call('GET', '/servers/%s' % instance.uuid,
                             token=token)
        self.assertEqual(404, resp.status_int)
        self.assertIn('itemNotFound', resp.json)

    def test_unknown_server_is_404(self):
        resp = self.api.call('GET', '/servers/%s' %
                             uuidutils.generate_uuid())
        self.assertEqual(404, resp.status_int)


class DeleteServerTest(ServersTestBase):

    def delete(self, uuid, token=fakes.ADMIN_TOKEN):
        return self.api.call('DELETE', '/servers/%s' % uuid, token=token)

    def test_on_a_host_casts_terminate(self):
        instance = self.api.make_instance()
        resp = self.delete(instance.uuid, token=fakes.MEMBER_TOKEN)
        self.assertEqual(204, resp.status_int, resp.text)
        self.assertEqual(b'', resp.body)
        self.assertEqual(['terminate_instance'], self.api.cast_methods())
        instance.refresh()
        self.assertEqual('deleting', instance.task_state)

    def test_without_a_host_is_gone_at_once(self):
        instance = self.api.make_instance(host=None, vm_state='error')
        self.assertEqual(204, self.delete(instance.uuid).status_int)
        self.assertEqual(404, self.api.call(
            'GET', '/servers/%s' % instance.uuid).status_int)
        self.assertEqual([], self.api.cast_methods())

    def test_locked_is_409_for_non_admins(self):
        instance = self.api.make_instance(locked=True)
        before = self.api.row_counts()
        resp = self.delete(instance.uuid, token=fakes.MEMBER_TOKEN)
        self.assertEqual(409, resp.status_int)
        self.assertEqual(before, self.api.row_counts())
        self.assertEqual(204, self.delete(instance.uuid).status_int)

    def test_other_projects_server_is_404(self):
        instance = self.api.make_instance(project_id='someone-else')
        before = self.api.row_counts()
        self.assertEqual(404, self.delete(
            instance.uuid, token=fakes.MEMBER_TOKEN).status_int)
        self.assertEqual(before, self.api.row_counts())
        self.assertEqual([], self.api.cast_methods())


@ddt.ddt
class ListServersTest(ServersTestBase):

    def setUp(self):
        super().setUp()
        self.api.make_compute('compute2')
        self.own = self.api.make_instance(name='own', host='compute1')
        self.other = self.api.make_instance(name='other', host='compute2',
                                            project_id='def2')

    def ids(self, query='', token=fakes.ADMIN_TOKEN, version='2.65',
            path='/servers/detail'):
        resp = self.api.call('GET', path + query, token=token,
                             version=version)
        self.assertEqual(200, resp.status_int, resp.text)
        return {server['id'] for server in resp.json['servers']}

    @ddt.data('/servers', '/servers/detail')
    def test_own_project_only(self, path):
        for token in (fakes.ADMIN_TOKEN, fakes.MEMBER_TOKEN):
            self.assertEqual({self.own.uuid}, self.ids(token=token,
                                                       path=path))
        self.assertEqual({self.other.uuid}, self.ids(token=OTHER_TOKEN,
                                                     path=path))

    @ddt.data('/servers', '/servers/detail')
    def test_all_tenants_is_admin_only(self, path):
        self.assertEqual({self.own.uuid, self.other.uuid},
                         self.ids('?all_tenants=True', path=path))
        resp = self.api.call('GET', path + '?all_tenants=1',
                             token=fakes.MEMBER_TOKEN)
        self.assertEqual(403, resp.status_int)
        # A false value asks for nothing special.
        self.assertEqual({self.own.uuid}, self.ids(
            '?all_tenants=0', token=fakes.MEMBER_TOKEN, path=path))

    def test_admin_filters_are_dropped_for_members(self):
        self.assertEqual(set(), self.ids('?host=compute2'))
        self.assertEqual({self.other.uuid},
                         self.ids('?all_tenants=1&host=compute2'))
        self.assertEqual({self.own.uuid}, self.ids(
            '?host=compute2&node=compute2&deleted=True',
            token=fakes.MEMBER_TOKEN))

    # ACTIVE means vm_state active, whatever the task (Nova's filter).
    @ddt.data(('ACTIVE', {'own', 'other'}), ('MIGRATING', {'other'}),
              ('ERROR', set()), ('SHELVED', set()),
              ('active', {'own', 'other'}))
    @ddt.unpack
    def test_status_filter(self, status, expected):
        self.other.task_state = 'migrating'
        self.other.save()
        by_name = {self.own.uuid: 'own', self.other.uuid: 'other'}
        found = self.ids('?all_tenants=1&status=%s&status=%s' % (
            status, status))
        self.assertEqual(expected, {by_name[uuid] for uuid in found})

    def test_bad_queries_are_400(self):
        for query in ('?status=NOPE', '?all_tenants=maybe', '?limit=x',
                      '?marker=nope', '?changes-since=never',
                      '?deleted=perhaps'):
            resp = self.api.call('GET', '/servers' + query, version='2.65')
            self.assertEqual(400, resp.status_int, query)
        self.assertEqual(set(), self.ids('?status=NOPE', version='2.37'))
