"""Server actions end to end over HTTP: power, lock, reset, console, images.

Each action goes through the real API server to a compute on the
simulating driver.  The tests read the outcome where it lives: the
instance row (vm_state, task_state, power_state), the driver's guest, the
instance actions and their events, and the compute nodes' usage, which no
action here may change.
"""

import ddt
import fixtures
from oslo_utils import fixture as utils_fixture
from oslo_utils import uuidutils

from nova.compute import power_state
from nova import exception
from nova import objects
from nova.tests.functional import test_servers
from nova.virt import fake_guest

TINY = test_servers.TINY


def action_body(name, members=None):
    return {name: members}


@ddt.ddt
class ServerActionsTest(test_servers.ServersTestBase):

    def setUp(self):
        super().setUp()
        for host in self.compute_hosts:
            self.addCleanup(self.driver(host).hooks.clear)

    def act(self, server_id, name, members=None, api=None, **kwargs):
        return (api or self.api).post('/servers/%s/action' % server_id,
                                      body=action_body(name, members),
                                      **kwargs)

    def act_ok(self, server_id, name, members=None, status=202, **kwargs):
        resp = self.act(server_id, name, members, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp

    def settle(self, uuid, vm_state):
        return self.wait_for_state(uuid, vm_state)

    def shown(self, uuid, **kwargs):
        resp = self.api.get('/servers/%s' % uuid, **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['server']

    def events_of(self, uuid, action_name):
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.ctxt, uuid):
            if action.action == action_name:
                return {e.event: e.result for e in
                        objects.InstanceActionEventList.get_by_action(
                            self.ctxt, action.id)}
        return None

    def wait_event(self, uuid, action_name, event):
        return self.wait_for(
            lambda: (self.events_of(uuid, action_name) or {}).get(event),
            message='%s of %s never finished' % (event, uuid))

    def guest_power(self, inst):
        return self.driver(inst.host).get_info(inst)

    # Power actions.

    @ddt.data(
        (None, 'pause', 'paused', 'PAUSED', power_state.PAUSED),
        ('pause', 'unpause', 'active', 'ACTIVE', power_state.RUNNING),
        (None, 'suspend', 'suspended', 'SUSPENDED', power_state.SUSPENDED),
        ('suspend', 'resume', 'active', 'ACTIVE', power_state.RUNNING),
        (None, 'os-stop', 'stopped', 'SHUTOFF', power_state.SHUTDOWN),
        ('os-stop', 'os-start', 'active', 'ACTIVE', power_state.RUNNING))
    @ddt.unpack
    def test_power_action(self, before, action, vm_state, status, power):
        inst = self.boot(host='compute1')
        if before:
            self.act_ok(inst.uuid, before)
            self.wait_for(lambda: self.instance(inst.uuid).vm_state !=
                          'active' and self.instance(inst.uuid).task_state
                          is None)
        usage = self.usages()
        self.act_ok(inst.uuid, action)
        inst = self.settle(inst.uuid, vm_state)
        self.assertEqual(power, inst.power_state)
        self.assertEqual(power, self.guest_power(inst))
        server = self.shown(inst.uuid)
        self.assertEqual(status, server['status'])
        self.assertEqual(power, server['OS-EXT-STS:power_state'])
        self.assertEqual(usage, self.usages())
        record = {'os-stop': 'stop', 'os-start': 'start'}.get(action, action)
        event = 'compute_%s_instance' % record
        self.assertEqual('Success', self.wait_event(inst.uuid, record,
                                                    event))

    @ddt.data('SOFT', 'HARD', 'soft')
    def test_reboot(self, reboot_type):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'reboot', {'type': reboot_type})
        inst = self.settle(inst.uuid, 'active')
        self.assertEqual(power_state.RUNNING, inst.power_state)
        self.assertEqual('Success', self.wait_event(
            inst.uuid, 'reboot', 'compute_reboot_instance'))
        output = self.act_ok(inst.uuid, 'os-getConsoleOutput', {},
                             status=200).json()['output']
        self.assertIn('Guest rebooted (%s)' % reboot_type.upper(), output)

    def test_hard_reboot_starts_a_stopped_server(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'os-stop')
        self.settle(inst.uuid, 'stopped')
        self.assert_refused(409, 'POST', '/servers/%s/action' % inst.uuid,
                            body=action_body('reboot', {'type': 'SOFT'}))
        self.act_ok(inst.uuid, 'reboot', {'type': 'HARD'})
        inst = self.settle(inst.uuid, 'active')
        self.assertEqual(power_state.RUNNING, self.guest_power(inst))

    # Wrong state, missing server, bad body.

    @ddt.data(('unpause', None, 'vm_state active', 'unpause'),
              ('resume', None, 'vm_state active', 'resume'),
              ('os-start', None, 'vm_state active', 'start'),
              ('restore', None, 'vm_state active', 'restore'))
    @ddt.unpack
    def test_wrong_state_is_409_with_novas_message(self, action, members,
                                                   state, quoted):
        inst = self.boot(host='compute1')
        resp = self.assert_refused(409, 'POST',
                                   '/servers/%s/action' % inst.uuid,
                                   body=action_body(action, members))
        self.assertEqual(
            "Cannot '%s' instance %s while it is in %s" % (
                quoted, inst.uuid, state),
            resp.json()['conflictingRequest']['message'])
        self.assertEqual(('active', None), (self.instance(inst.uuid).vm_state,
                                            self.instance(inst.uuid)
                                            .task_state))

    def test_paused_server_refuses_pause_and_suspend(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'pause')
        self.settle(inst.uuid, 'paused')
        for action in ('pause', 'suspend', 'os-start'):
            resp = self.assert_refused(409, 'POST',
                                       '/servers/%s/action' % inst.uuid,
                                       body=action_body(action))
            self.assertIn('vm_state paused', resp.text)

    @ddt.data(('pause', None), ('unpause', None), ('suspend', None),
              ('resume', None), ('os-stop', None), ('os-start', None),
              ('reboot', {'type': 'HARD'}), ('lock', None),
              ('unlock', None), ('os-resetState', {'state': 'error'}),
              ('injectNetworkInfo', None),
              ('os-getConsoleOutput', {'length': 5}),
              ('changePassword', {'adminPass': 'x'}),
              ('createImage', {'name': 'snap'}),
              ('createBackup', {'name': 'b', 'backup_type': 'daily',
                                'rotation': 1}),
              ('rebuild', {'imageRef': test_servers.IMAGE}),
              ('restore', None), ('forceDelete', None))
    @ddt.unpack
    def test_missing_server_is_404(self, action, members):
        missing = uuidutils.generate_uuid()
        resp = self.assert_refused(404, 'POST',
                                   '/servers/%s/action' % missing,
                                   body=action_body(action, members))
        self.assertIn('itemNotFound', resp.json())

    @ddt.data(('reboot', {'type': 'WARM'}), ('reboot', {}),
              ('pause', {'force': True}), ('os-resetState', {'state': 'x'}),
              ('changePassword', {}), ('createImage', {'name': ''}),
              ('createBackup', {'name': 'b', 'backup_type': 'd',
                                'rotation': -1}),
              ('os-getConsoleOutput', {'length': 'ten'}),
              ('rebuild', {'imageRef': 'not-a-uuid'}),
              ('noSuchAction', None))
    @ddt.unpack
    def test_bad_body_is_400(self, action, members):
        inst = self.boot(host='compute1')
        resp = self.assert_refused(400, 'POST',
                                   '/servers/%s/action' % inst.uuid,
                                   body=action_body(action, members))
        self.assertIn('badRequest', resp.json())

    # Driver failure: fault, rollback, event Error.

    @ddt.data(('pause', fake_guest.PAUSE, 'pause'),
              ('os-stop', fake_guest.POWER_OFF, 'stop'),
              ('suspend', fake_guest.SUSPEND, 'suspend'),
              ('reboot', fake_guest.REBOOT, 'reboot'))
    @ddt.unpack
    def test_driver_failure_rolls_back(self, action, point, record):
        inst = self.boot(host='compute1')
        self.driver('compute1').hooks.fail_at(
            point, exception.NovaException('hypervisor said no'))
        members = {'type': 'SOFT'} if action == 'reboot' else None
        self.act_ok(inst.uuid, action, members)
        event = 'compute_%s_instance' % record
        self.assertEqual('Error', self.wait_event(inst.uuid, record, event))
        inst = self.settle(inst.uuid, 'active')
        self.assertEqual(power_state.RUNNING, inst.power_state)
        self.assertEqual(power_state.RUNNING, self.guest_power(inst))
        faults = objects.InstanceFaultList.get_latest_by_instance_uuids(
            self.ctxt, [inst.uuid])
        self.assertIn('hypervisor said no', faults[0].message)
        # The server takes the action again once the driver is well.
        self.act_ok(inst.uuid, action, members)

    @ddt.data(('pause', None), ('reboot', {'type': 'SOFT'}),
              ('resize', {'flavorRef': '2'}), ('migrate', None),
              ('createImage', {'name': 'snap'}))
    @ddt.unpack
    def test_rpc_pinned_below_5_3_refuses_before_any_change(self, action,
                                                            members):
        inst = self.boot(host='compute1')
        self.flags(compute='5.2', group='upgrade_levels')
        resp = self.assert_refused(409, 'POST',
                                   '/servers/%s/action' % inst.uuid,
                                   body=action_body(action, members))
        self.assertIn('5.3', resp.text)
        inst = self.instance(inst.uuid)
        self.assertEqual(('active', None), (inst.vm_state, inst.task_state))

    def test_racing_requests_only_one_wins(self):
        """Two actions read the same idle server; the second write loses."""
        inst = self.boot(host='compute1')
        gate = self.driver('compute1').hooks.gate(fake_guest.PAUSE)
        self.act_ok(inst.uuid, 'pause')
        gate.wait_started()
        resp = self.assert_refused(409, 'POST',
                                   '/servers/%s/action' % inst.uuid,
                                   body=action_body('os-stop'))
        self.assertIn('task_state pausing', resp.text)
        gate.release()
        self.settle(inst.uuid, 'paused')

    # Lock.

    def test_lock_refuses_member_actions_until_unlocked(self):
        inst = self.boot(api=self.member_api)
        self.act_ok(inst.uuid, 'lock', api=self.member_api)
        self.assertTrue(self.shown(inst.uuid, microversion='2.9')['locked'])
        self.assertNotIn('locked', self.shown(inst.uuid,
                                              microversion='2.8'))
        for action in ('pause', 'os-stop', 'suspend'):
            resp = self.assert_refused(409, 'POST',
                                       '/servers/%s/action' % inst.uuid,
                                       body=action_body(action),
                                       api=self.member_api)
            self.assertIn('is locked', resp.text)
        self.assert_refused(409, 'DELETE', '/servers/%s' % inst.uuid,
                            api=self.member_api)
        self.act_ok(inst.uuid, 'unlock', api=self.member_api)
        self.act_ok(inst.uuid, 'pause', api=self.member_api)
        self.settle(inst.uuid, 'paused')
        self.assertEqual(['create', 'lock', 'unlock', 'pause'], [
            a.action for a in reversed(
                objects.InstanceActionList.get_by_instance_uuid(
                    self.ctxt, inst.uuid))])

    def test_admin_lock_needs_override_to_unlock(self):
        inst = self.boot(api=self.member_api)
        self.act_ok(inst.uuid, 'lock')
        self.assertEqual('admin', self.instance(inst.uuid).locked_by)
        resp = self.act(inst.uuid, 'unlock', api=self.member_api)
        self.assertEqual(403, resp.status_code, resp.text)
        # An admin acts on a locked server.
        self.act_ok(inst.uuid, 'os-stop')
        self.settle(inst.uuid, 'stopped')
        self.act_ok(inst.uuid, 'unlock')
        self.assertFalse(self.instance(inst.uuid).locked)

    # Reset state, network, console, password.

    def test_reset_state(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'os-resetState', {'state': 'error'})
        self.assertEqual('ERROR', self.shown(inst.uuid)['status'])
        self.act_ok(inst.uuid, 'os-resetState', {'state': 'active'})
        self.assertEqual('ACTIVE', self.shown(inst.uuid)['status'])
        resp = self.act(inst.uuid, 'os-resetState', {'state': 'error'},
                        api=self.member_api)
        self.assertEqual(404, resp.status_code, resp.text)

    def test_reset_state_clears_a_stuck_task(self):
        inst = self.boot(host='compute1')
        gate = self.driver('compute1').hooks.gate(fake_guest.POWER_OFF)
        self.act_ok(inst.uuid, 'os-stop')
        gate.wait_started()
        self.act_ok(inst.uuid, 'os-resetState', {'state': 'active'})
        self.assertIsNone(self.instance(inst.uuid).task_state)
        gate.release()
        # The compute's end of the stop finds its task gone and keeps out.
        self.wait_event(inst.uuid, 'stop', 'compute_stop_instance')
        self.assertEqual('active', self.instance(inst.uuid).vm_state)

    def test_inject_network_info_is_admin_only(self):
        inst = self.boot(api=self.member_api)
        resp = self.act(inst.uuid, 'injectNetworkInfo', api=self.member_api)
        self.assertEqual(403, resp.status_code, resp.text)
        driver = self.driver(inst.host)
        real = driver.inject_network_info

        def inject_then_wake_waiters(*args, **kwargs):
            # No database write follows this one: wake the waiter here.
            try:
                return real(*args, **kwargs)
            finally:
                self.waiter.poke()
        self.useFixture(fixtures.MockPatchObject(
            driver, 'inject_network_info',
            side_effect=inject_then_wake_waiters))
        self.act_ok(inst.uuid, 'injectNetworkInfo')
        self.wait_for(lambda: 'Network information injected' in
                      driver.get_console_output(None, inst))

    def test_console_output_tail(self):
        inst = self.boot(host='compute1')
        for _i in range(3):
            self.act_ok(inst.uuid, 'reboot', {'type': 'SOFT'})
            self.settle(inst.uuid, 'active')
        full = self.act_ok(inst.uuid, 'os-getConsoleOutput',
                           {'length': -1}, status=200).json()['output']
        self.assertEqual(len(fake_guest.BOOT_LOG) + 3,
                         len(full.splitlines()))
        self.assertIn('booted from image %s' % test_servers.IMAGE, full)
        tail = self.act_ok(inst.uuid, 'os-getConsoleOutput',
                           {'length': '2'}, status=200).json()['output']
        self.assertEqual(full.splitlines()[-2:], tail.splitlines())
        self.assertEqual('', self.act_ok(
            inst.uuid, 'os-getConsoleOutput', {'length': 0},
            status=200).json()['output'])

    def test_change_password_reaches_the_guest(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'changePassword', {'adminPass': 's3cret'})
        self.settle(inst.uuid, 'active')
        self.assertEqual('s3cret',
                         self.driver('compute1').admin_password_of(inst.uuid))

    # Rebuild.

    def test_rebuild_changes_image_and_name(self):
        inst = self.boot(host='compute1')
        resp = self.act_ok(inst.uuid, 'rebuild', {
            'imageRef': test_servers.OTHER_IMAGE, 'name': 'renamed',
            'adminPass': 'pw', 'preserve_ephemeral': False})
        server = resp.json()['server']
        self.assertEqual('REBUILD', server['status'])
        self.assertEqual('renamed', server['name'])
        self.assertEqual(test_servers.OTHER_IMAGE, server['image']['id'])
        self.assertEqual('pw', server['adminPass'])
        inst = self.settle(inst.uuid, 'active')
        self.assertEqual(test_servers.OTHER_IMAGE, inst.image_ref)
        self.assertEqual('pw',
                         self.driver('compute1').admin_password_of(inst.uuid))

    @ddt.data(('2.1', set()), ('2.9', {'locked'}),
              ('2.26', {'locked', 'description', 'tags'}),
              ('2.54', {'locked', 'description', 'tags', 'key_name'}),
              ('2.65', {'locked', 'description', 'tags', 'key_name',
                        'user_data', 'trusted_image_certificates'}))
    @ddt.unpack
    def test_rebuild_answer_has_the_members_of_its_microversion(
            self, version, added):
        inst = self.boot(host='compute1')
        resp = self.act_ok(inst.uuid, 'rebuild',
                           {'imageRef': test_servers.IMAGE},
                           microversion=version)
        server = resp.json()['server']
        basic = {'id', 'name', 'status', 'tenant_id', 'user_id', 'metadata',
                 'hostId', 'image', 'flavor', 'created', 'updated',
                 'addresses', 'accessIPv4', 'accessIPv6', 'links',
                 'OS-DCF:diskConfig', 'progress', 'adminPass'}
        self.assertEqual(basic | added, set(server))
        self.settle(inst.uuid, 'active')

    def test_rebuild_of_stopped_server_stays_stopped(self):
        inst = self.boot(host='compute1')
        self.act_ok(inst.uuid, 'os-stop')
        self.settle(inst.uuid, 'stopped')
        self.act_ok(inst.uuid, 'rebuild', {'imageRef': test_servers.IMAGE})
        inst = self.settle(inst.uuid, 'stopped')
        self.assertEqual(power_state.SHUTDOWN, self.guest_power(inst))

    def test_rebuild_failure_is_recorded_and_rolled_back(self):
        inst = self.boot(host='compute1')
        self.driver('compute1').hooks.fail_at(
            fake_guest.REBUILD, exception.NovaException('disk gone'))
        self.act_ok(inst.uuid, 'rebuild', {'imageRef': test_servers.IMAGE})
        self.assertEqual('Error', self.wait_event(
            inst.uuid, 'rebuild', 'compute_rebuild_instance'))
        self.settle(inst.uuid, 'active')

    # Images.

    def image(self, image_id):
        resp = self.api.get('/images/%s' % image_id, microversion='2.1')
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['image']

    def test_create_image_before_and_from_2_45(self):
        inst = self.boot(host='compute1')
        resp = self.act_ok(inst.uuid, 'createImage', {'name': 'snap1'},
                           microversion='2.44')
        image_id = resp.headers['Location'].rsplit('/', 1)[-1]
        self.settle(inst.uuid, 'active')
        self.assertEqual(('snap1', 'ACTIVE'), (
            self.image(image_id)['name'], self.image(image_id)['status']))
        resp = self.act_ok(inst.uuid, 'createImage', {'name': 'snap2'},
                           microversion='2.45')
        image_id = resp.json()['image_id']
        self.settle(inst.uuid, 'active')
        self.assertEqual('ACTIVE', self.image(image_id)['status'])

    def test_create_image_failure_marks_the_image_error(self):
        inst = self.boot(host='compute1')
        self.driver('compute1').hooks.fail_at(
            fake_guest.SNAPSHOT, exception.NovaException('no space'))
        resp = self.act_ok(inst.uuid, 'createImage', {'name': 'snap'},
                           microversion='2.45')
        self.wait_event(inst.uuid, 'createImage',
                        'compute_snapshot_instance')
        self.settle(inst.uuid, 'active')
        self.assertEqual('ERROR', self.image(resp.json()['image_id'])[
            'status'])

    def test_create_backup_keeps_rotation_newest(self):
        inst = self.boot(host='compute1')
        made = []
        for i in range(3):
            resp = self.act_ok(inst.uuid, 'createBackup', {
                'name': 'bk%d' % i, 'backup_type': 'daily',
                'rotation': 2}, microversion='2.45')
            made.append(resp.json()['image_id'])
            self.settle(inst.uuid, 'active')
        self.assertEqual(404, self.api.get(
            '/images/%s' % made[0], microversion='2.1').status_code)
        for image_id in made[1:]:
            self.assertEqual('ACTIVE', self.image(image_id)['status'])


class SoftDeleteTest(test_servers.ServersTestBase):
    """``reclaim_instance_interval``: delete, restore, forceDelete, reclaim.

    A soft-deleted server keeps its guest (powered off) and its claim
    until it is restored, force-deleted or reclaimed.
    """

    INTERVAL = 3600

    def configure(self):
        self.flags(reclaim_instance_interval=self.INTERVAL)

    def act(self, uuid, name, api=None):
        return (api or self.api).post('/servers/%s/action' % uuid,
                                      body={name: None})

    def soft_delete(self, uuid):
        resp = self.api.delete('/servers/%s' % uuid)
        self.assertEqual(204, resp.status_code, resp.text)
        return self.wait_for_state(uuid, 'soft-delete')

    def test_delete_then_restore(self):
        inst = self.boot(host='compute1')
        inst = self.soft_delete(inst.uuid)
        self.assertEqual(power_state.SHUTDOWN, inst.power_state)
        shown = self.api.get('/servers/%s' % inst.uuid).json()['server']
        self.assertEqual('SOFT_DELETED', shown['status'])
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
        self.assertEqual(202, self.act(inst.uuid, 'restore').status_code)
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(power_state.RUNNING,
                         self.driver('compute1').get_info(inst))
        resp = self.act(inst.uuid, 'restore')
        self.assertEqual(409, resp.status_code, resp.text)

    def test_force_delete_frees_everything(self):
        inst = self.boot(host='compute1')
        resp = self.act(inst.uuid, 'forceDelete')
        self.assertEqual(409, resp.status_code, resp.text)
        self.soft_delete(inst.uuid)
        self.assertEqual(202, self.act(inst.uuid, 'forceDelete').status_code)
        self.wait_for_gone(inst.uuid)
        self.assertEqual({'compute1': {}, 'compute2': {}}, self.usages())
        self.assertEqual([], self.driver('compute1').list_instance_uuids())

    def test_reclaim_deletes_only_old_enough_servers(self):
        old = self.boot('old', host='compute1')
        young = self.boot('young', host='compute1')
        self.soft_delete(old.uuid)
        # Services would look down to the scheduler from here on: boot
        # nothing more.
        clock = self.useFixture(utils_fixture.TimeFixture())
        clock.advance_time_seconds(self.INTERVAL + 1)
        self.soft_delete(young.uuid)

        self.compute('compute1').reclaim_queued_deletes()
        self.wait_for_gone(old.uuid)
        self.assertEqual('soft-delete', self.instance(young.uuid).vm_state)
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
        self.assertEqual([young.uuid],
                         self.driver('compute1').list_instance_uuids())
