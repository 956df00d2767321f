"""Resize and cold migration over HTTP, with confirm, revert and failures.

The usage of every compute node is checked exactly at each step: while a
move waits in VERIFY_RESIZE the source keeps the old flavor (held by the
migration) and the destination holds the new one (held by the server);
confirm frees the source, revert frees the destination; a failed move
gives back everything.
"""

import ddt
from oslo_utils import fixture as utils_fixture

from nova.compute import power_state
from nova import exception
from nova import objects
from nova.tests.functional import test_servers
from nova.virt import fake_guest

TINY = test_servers.TINY
SMALL = test_servers.SMALL
NOTHING = {'compute1': {}, 'compute2': {}}


class ResizeTestBase(test_servers.ServersTestBase):
    """Helpers to drive moves over HTTP and read their outcome."""

    def setUp(self):
        super().setUp()
        for host in self.compute_hosts:
            self.addCleanup(self.driver(host).hooks.clear)

    def act(self, uuid, name, members=None, microversion=None):
        return self.api.post('/servers/%s/action' % uuid,
                             body={name: members},
                             microversion=microversion)

    def act_ok(self, uuid, name, members=None, status=202, **kwargs):
        resp = self.act(uuid, name, members, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp

    def migrations(self, uuid):
        return sorted(objects.MigrationList.get_by_filters(
            self.ctxt, {'instance_uuid': uuid}), key=lambda m: m.id)

    def status(self, uuid):
        return self.api.get('/servers/%s' % uuid).json()['server']['status']

    def resized(self, uuid):
        inst = self.wait_for_state(uuid, 'resized')
        self.assertEqual('VERIFY_RESIZE', self.status(uuid))
        return inst

    def guests(self):
        return {host: self.driver(host).list_instance_uuids()
                for host in self.compute_hosts}


@ddt.ddt
class ResizeTest(ResizeTestBase):

    # Resize.

    def test_resize_then_confirm(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        inst = self.resized(inst.uuid)
        self.assertEqual(('compute2', 2048), (inst.host, inst.memory_mb))
        self.assertEqual({'compute1': TINY, 'compute2': SMALL},
                         self.usages())
        self.assertEqual({'compute1': [inst.uuid], 'compute2': [inst.uuid]},
                         self.guests())
        migration = self.migrations(inst.uuid)[-1]
        self.assertEqual(('resize', 'finished', 1, 2), (
            migration.migration_type, migration.status,
            migration.old_instance_type_id, migration.new_instance_type_id))

        self.act_ok(inst.uuid, 'confirmResize', status=204)
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual('confirmed', self.migrations(inst.uuid)[-1].status)
        self.assertEqual({'compute1': {}, 'compute2': SMALL}, self.usages())
        self.assertEqual({'compute1': [], 'compute2': [inst.uuid]},
                         self.guests())
        shown = self.api.get('/servers/%s' % inst.uuid).json()['server']
        self.assertEqual(('ACTIVE', 'm1.small'), (
            shown['status'], shown['flavor']['original_name']))
        self.assertEqual(['create', 'resize', 'confirmResize'], [
            a.action for a in reversed(
                objects.InstanceActionList.get_by_instance_uuid(
                    self.ctxt, inst.uuid))])

    def test_resize_then_revert(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        self.resized(inst.uuid)
        self.act_ok(inst.uuid, 'revertResize')
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(('compute1', 'compute1', 512, 1),
                         (inst.host, inst.node, inst.memory_mb,
                          inst.instance_type_id))
        self.assertEqual('reverted', self.migrations(inst.uuid)[-1].status)
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
        self.assertEqual({'compute1': [inst.uuid], 'compute2': []},
                         self.guests())
        self.assertEqual(power_state.RUNNING,
                         self.driver('compute1').get_info(inst))

    def test_stopped_server_stays_stopped_through_resize_and_revert(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'os-stop')
        self.wait_for_state(inst.uuid, 'stopped')
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        inst = self.resized(inst.uuid)
        self.assertEqual(power_state.SHUTDOWN,
                         self.driver('compute2').get_info(inst))
        self.act_ok(inst.uuid, 'revertResize')
        inst = self.wait_for_state(inst.uuid, 'stopped')
        self.assertEqual(power_state.SHUTDOWN,
                         self.driver('compute1').get_info(inst))

    # Cold migration.

    def test_cold_migrate_to_a_named_host_then_confirm(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'migrate', {'host': 'compute2'},
                    microversion='2.56')
        inst = self.resized(inst.uuid)
        self.assertEqual({'compute1': TINY, 'compute2': TINY},
                         self.usages())
        migration = self.migrations(inst.uuid)[-1]
        self.assertEqual(('migration', 'compute1', 'compute2'), (
            migration.migration_type, migration.source_compute,
            migration.dest_compute))
        listed = self.api.get('/os-migrations',
                              microversion='2.59').json()['migrations']
        self.assertEqual([(migration.id, 'migration', 'finished')], [
            (m['id'], m['migration_type'], m['status']) for m in listed])
        self.assertNotIn('links', listed[0])
        self.assertEqual([], self.api.get(
            '/servers/%s/migrations' % inst.uuid,
            microversion='2.23').json()['migrations'])

        self.act_ok(inst.uuid, 'confirmResize', status=204)
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual('compute2', inst.host)
        self.assertEqual({'compute1': {}, 'compute2': TINY}, self.usages())

    def test_cold_migrate_lets_the_scheduler_choose(self):
        inst = self.boot(host='compute2')
        self.act_ok(inst.uuid, 'migrate')
        self.assertEqual('compute1', self.resized(inst.uuid).host)
        self.act_ok(inst.uuid, 'revertResize')
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(('compute2', {'compute1': {}, 'compute2': TINY}),
                         (inst.host, self.usages()))

    @ddt.data(('2.1', {}), ('2.55', {}), ('2.56', {}))
    @ddt.unpack
    def test_cold_migrate_with_an_empty_object(self, version, members):
        """Clients (Tempest) send {"migrate": {}} before 2.56 too."""
        inst = self.boot(host='compute2')
        self.act_ok(inst.uuid, 'migrate', members, microversion=version)
        self.assertEqual('compute1', self.resized(inst.uuid).host)

    @ddt.data(('2.1', {'host': 'compute1'}), ('2.55', {'bogus': 1}),
              ('2.56', {'bogus': 1}), ('2.1', 'now'))
    @ddt.unpack
    def test_cold_migrate_bad_members_are_400(self, version, members):
        inst = self.boot(host='compute2')
        resp = self.act(inst.uuid, 'migrate', members, microversion=version)
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual([], self.migrations(inst.uuid))

    def test_abort_and_force_complete_refuse_cold_migrations(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'migrate')
        self.resized(inst.uuid)
        migration = self.migrations(inst.uuid)[-1]
        path = '/servers/%s/migrations/%s' % (inst.uuid, migration.id)
        resp = self.api.delete(path, microversion='2.65')
        self.assertEqual(409, resp.status_code, resp.text)
        resp = self.api.post(path + '/action',
                             body={'force_complete': None},
                             microversion='2.22')
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual(404, self.api.get(path, microversion='2.23')
                         .status_code)
        self.assertEqual('finished', self.migrations(inst.uuid)[-1].status)
        self.act_ok(inst.uuid, 'confirmResize', status=204)
        self.wait_for_state(inst.uuid, 'active')

    # Refusals.

    def test_refusals_change_nothing(self):
        inst = self.boot(host='compute1')
        before = self.usages()
        cases = (
            (400, 'resize', {'flavorRef': '1'}, 'must change flavor'),
            (400, 'resize', {'flavorRef': '999'}, '999'),
            (409, 'confirmResize', None, 'vm_state active'),
            (409, 'revertResize', None, 'vm_state active'),
        )
        for status, action, members, message in cases:
            resp = self.assert_refused(
                status, 'POST', '/servers/%s/action' % inst.uuid,
                body={action: members})
            self.assertIn(message, resp.text)
        resp = self.act(inst.uuid, 'migrate', {'host': 'nowhere'},
                        microversion='2.56')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act(inst.uuid, 'migrate', {'host': 'compute2'},
                        microversion='2.55')
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual(before, self.usages())
        self.assertEqual([], self.migrations(inst.uuid))

    def test_no_valid_host_is_400_and_rolls_back(self):
        objects.Flavor(self.ctxt, flavorid='huge', name='huge', vcpus=1,
                       memory_mb=10 ** 7, root_gb=1, ephemeral_gb=0,
                       swap=0, rxtx_factor=1.0, is_public=True,
                       disabled=False).create()
        # Within quota: no host is big enough, whatever the project may use.
        self.flags(ram=-1, group='quota')
        inst = self.boot(host='compute1')
        resp = self.act(inst.uuid, 'resize', {'flavorRef': 'huge'})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('No valid host', resp.text)
        inst = self.instance(inst.uuid)
        self.assertEqual(('active', None), (inst.vm_state, inst.task_state))
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
        self.assertEqual(['error'],
                         [m.status for m in self.migrations(inst.uuid)])

    def test_member_cannot_cold_migrate(self):
        inst = self.boot(api=self.member_api)
        resp = self.member_api.post('/servers/%s/action' % inst.uuid,
                                    body={'migrate': None})
        self.assertEqual(403, resp.status_code, resp.text)

    # Driver failures roll back.

    @ddt.data(fake_guest.MIGRATE_DISK_AND_POWER_OFF,
              fake_guest.FINISH_MIGRATION)
    def test_driver_failure_rolls_back_to_the_source(self, point):
        inst = self.boot(host='compute1')
        host = 'compute2' if point == fake_guest.FINISH_MIGRATION \
            else 'compute1'
        self.driver(host).hooks.fail_at(
            point, exception.NovaException('disk copy failed'))
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        self.wait_for(lambda: self.migrations(inst.uuid)[-1].status ==
                      'error')
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(('compute1', 512), (inst.host, inst.memory_mb))
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
        self.assertEqual({'compute1': [inst.uuid], 'compute2': []},
                         self.guests())
        self.assertEqual(power_state.RUNNING,
                         self.driver('compute1').get_info(inst))
        # It can try again.
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        self.resized(inst.uuid)
        self.act_ok(inst.uuid, 'confirmResize', status=204)
        self.wait_for_state(inst.uuid, 'active')

    # Confirm window and delete.

    def test_resize_confirm_window_confirms_old_moves(self):
        self.flags(resize_confirm_window=60)
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        self.resized(inst.uuid)
        self.compute('compute2').confirm_expired_resizes()
        self.assertEqual('finished', self.migrations(inst.uuid)[-1].status)
        clock = self.useFixture(utils_fixture.TimeFixture())
        clock.advance_time_seconds(61)
        self.compute('compute2').confirm_expired_resizes()
        self.wait_for_state(inst.uuid, 'active')
        self.assertEqual('confirmed', self.migrations(inst.uuid)[-1].status)
        self.assertEqual({'compute1': {}, 'compute2': SMALL}, self.usages())

    def test_delete_while_verifying_frees_both_hosts(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        self.resized(inst.uuid)
        self.delete(inst.uuid)
        self.wait_for(lambda: self.migrations(inst.uuid)[-1].status ==
                      'confirmed')
        self.assertEqual(NOTHING, self.usages())
        self.assertEqual({'compute1': [], 'compute2': []}, self.guests())


@ddt.ddt
class ResizeQuotaTest(ResizeTestBase):
    """A resize whose growth exceeds the quota is a 403 that changes nothing.

    Tempest test_resize_server_using_overlimit_ram/_vcpus: the growth in
    cores and ram counts against the server's project, as Nova checks it.
    """

    def set_quota(self, **limits):
        resp = self.api.request('PUT', '/os-quota-sets/demo',
                                body={'quota_set': limits})
        self.assertEqual(200, resp.status_code, resp.text)

    def new_flavor(self, flavor_id, vcpus, ram):
        resp = self.api.post('/flavors', body={'flavor': {
            'name': 'f-%s' % flavor_id, 'id': flavor_id, 'vcpus': vcpus,
            'ram': ram, 'disk': 1}})
        self.assertEqual(200, resp.status_code, resp.text)

    @ddt.data(('ram', 1, 1024, dict(ram=1000),
               'Quota exceeded for ram: Requested 512, but already used '
               '512 of 1000 ram'),
              ('cores', 3, 512, dict(cores=2),
               'Quota exceeded for cores: Requested 2, but already used '
               '1 of 2 cores'))
    @ddt.unpack
    def test_growth_over_quota_is_403(self, name, vcpus, ram, limits,
                                      message):
        self.new_flavor('big', vcpus, ram)
        inst = self.boot(api=self.member_api)
        self.set_quota(**limits)
        before = self.usages()
        resp = self.assert_refused(
            403, 'POST', '/servers/%s/action' % inst.uuid,
            body={'resize': {'flavorRef': 'big'}}, api=self.member_api)
        self.assertEqual(message,
                         resp.json()['forbidden']['message'])
        self.assertEqual(before, self.usages())
        self.assertEqual([], self.migrations(inst.uuid))
        inst = self.instance(inst.uuid)
        self.assertEqual(('active', None, 'm1.tiny'), (
            inst.vm_state, inst.task_state, inst.flavor.name))

    def test_only_growth_counts(self):
        # Shrinking ram while keeping cores needs no quota at all, and a
        # resize within the quota goes ahead.
        self.new_flavor('lean', 1, 256)
        inst = self.boot(api=self.member_api)
        self.set_quota(cores=1, ram=512)
        self.act_ok(inst.uuid, 'resize', {'flavorRef': 'lean'})
        inst = self.resized(inst.uuid)
        self.assertEqual(256, inst.memory_mb)
