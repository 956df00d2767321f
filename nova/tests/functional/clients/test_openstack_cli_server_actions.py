"""``openstack server <action>`` as an operator types it, against nova-all.

Servers go through every lifecycle command the issue lists; after each the
test waits (on database writes, never on time) for the state the command
must lead to, and the usage of both computes is checked after the moves.
The commands are split over several tests to keep each one short.
"""

from nova import objects
from nova.tests.functional.clients import base

TINY = {'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}
SMALL = {'VCPU': 1, 'MEMORY_MB': 2048, 'DISK_GB': 20}
NOTHING = {'compute1': {}, 'compute2': {}}


class OpenStackCLIServerActionsTest(base.ClientsTestCase):

    def used(self, host):
        return {rc: n for rc, n in self.usage(host).items() if n}

    def usages(self):
        return {host: self.used(host) for host in ('compute1', 'compute2')}

    def run_and_wait(self, command, uuid, vm_state):
        self.openstack('server', *(command.split() + [uuid]))
        return self.wait_for_instance(uuid, vm_state)

    def events(self, uuid):
        return [e['Action'] for e in self.openstack_json(
            'server', 'event', 'list', uuid)]

    def test_pause_suspend_stop(self):
        uuid = self.boot_server('vm1', host='compute1')
        for command, vm_state in (('pause', 'paused'),
                                  ('unpause', 'active'),
                                  ('suspend', 'suspended'),
                                  ('resume', 'active'),
                                  ('stop', 'stopped'),
                                  ('start', 'active')):
            self.run_and_wait(command, uuid, vm_state)
        self.assertEqual(
            ['pause', 'unpause', 'suspend', 'resume', 'stop', 'start'],
            [a for a in reversed(self.events(uuid)) if a != 'create'])

    def test_reboot_lock_rebuild_delete(self):
        uuid = self.boot_server('vm1', host='compute1')
        self.run_and_wait('reboot', uuid, 'active')
        self.run_and_wait('reboot --hard', uuid, 'active')
        self.openstack('server', 'lock', uuid)
        self.assertTrue(self.instance(uuid).locked)
        self.openstack('server', 'unlock', uuid)
        self.assertFalse(self.instance(uuid).locked)
        self.openstack('server', 'rebuild', '--image', base.IMAGE_NAME,
                       uuid)
        self.wait_for(lambda: self.action_finished(uuid, 'rebuild'))
        self.wait_for_instance(uuid, 'active')
        self.assertEqual({'reboot', 'lock', 'unlock', 'rebuild'},
                         set(self.events(uuid)) - {'create'})
        self.openstack('server', 'delete', uuid)
        self.wait_for_instance_gone(uuid)
        self.assertEqual(NOTHING, self.usages())

    def test_resize_confirm_and_revert(self):
        uuid = self.boot_server('vm1', host='compute1')
        self.run_and_wait('resize --flavor m1.small', uuid, 'resized')
        self.assertEqual({'compute1': TINY, 'compute2': SMALL},
                         self.usages())
        self.run_and_wait('resize confirm', uuid, 'active')
        self.assertEqual({'compute1': {}, 'compute2': SMALL}, self.usages())
        self.run_and_wait('resize --flavor m1.medium', uuid, 'resized')
        self.run_and_wait('resize revert', uuid, 'active')
        self.assertEqual({'compute1': {}, 'compute2': SMALL}, self.usages())
        self.assertEqual('compute2', self.instance(uuid).host)

    def test_migrate_shelve_unshelve(self):
        uuid = self.boot_server('vm1', host='compute1')
        self.run_and_wait('migrate', uuid, 'resized')
        self.assertEqual('compute2', self.instance(uuid).host)
        self.run_and_wait('resize confirm', uuid, 'active')
        self.assertEqual({'compute1': {}, 'compute2': TINY}, self.usages())
        listed = self.openstack_json('server', 'migration', 'list',
                                     '--server', uuid)
        self.assertEqual(['migration'], [m['Type'] for m in listed])
        self.run_and_wait('shelve', uuid, 'shelved_offloaded')
        self.assertEqual(NOTHING, self.usages())
        self.run_and_wait('unshelve', uuid, 'active')
        self.assertEqual(TINY, self.used(self.instance(uuid).host))

    def action_finished(self, uuid, name):
        for action in objects.InstanceActionList.get_by_instance_uuid(
                self.admin_context, uuid):
            if action.action == name:
                events = objects.InstanceActionEventList.get_by_action(
                    self.admin_context, action.id)
                return bool(events) and all(e.finish_time for e in events)
        return False
