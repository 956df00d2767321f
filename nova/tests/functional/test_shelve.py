"""Shelve, offload and unshelve over HTTP.

With the default ``shelved_offload_time`` (0) a shelved server is
offloaded at once: no guest, no host, no claim; unshelving schedules it
again and spawns it from the shelved image, which is then deleted.
"""

from oslo_utils import fixture as utils_fixture

from nova.compute import power_state
from nova import exception
from nova import objects
from nova.tests.functional import test_servers
from nova.virt import fake_guest

TINY = test_servers.TINY
NOTHING = {'compute1': {}, 'compute2': {}}


class ShelveTestBase(test_servers.ServersTestBase):

    def setUp(self):
        super().setUp()
        for host in self.compute_hosts:
            self.addCleanup(self.driver(host).hooks.clear)

    def act(self, uuid, name):
        resp = self.api.post('/servers/%s/action' % uuid, body={name: None})
        self.assertEqual(202, resp.status_code, resp.text)

    def status(self, uuid):
        return self.api.get('/servers/%s' % uuid).json()['server']['status']

    def shelved_image(self, uuid):
        return objects.Image.get_shelved(self.ctxt, uuid)

    def guests(self):
        return {host: self.driver(host).list_instance_uuids()
                for host in self.compute_hosts}


class ShelveOffloadTest(ShelveTestBase):

    def test_shelve_offloads_and_unshelve_spawns_again(self):
        inst = self.boot(host='compute1')
        self.act(inst.uuid, 'shelve')
        inst = self.wait_for_state(inst.uuid, 'shelved_offloaded')
        self.assertEqual('SHELVED_OFFLOADED', self.status(inst.uuid))
        self.assertEqual((None, None), (inst.host, inst.node))
        self.assertEqual(NOTHING, self.usages())
        self.assertEqual({'compute1': [], 'compute2': []}, self.guests())
        image = self.shelved_image(inst.uuid)
        self.assertEqual(('vm1-shelved', 'ACTIVE'),
                         (image.name, image.status))

        self.act(inst.uuid, 'unshelve')
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(power_state.RUNNING,
                         self.driver(inst.host).get_info(inst))
        self.assertEqual(TINY, self.usage(inst.host))
        self.assertIsNone(self.shelved_image(inst.uuid))
        self.assertEqual(['create', 'shelve', 'unshelve'], [
            a.action for a in reversed(
                objects.InstanceActionList.get_by_instance_uuid(
                    self.ctxt, inst.uuid))])

    def test_offloaded_server_refuses_other_actions(self):
        inst = self.boot(host='compute1')
        self.act(inst.uuid, 'shelve')
        self.wait_for_state(inst.uuid, 'shelved_offloaded')
        for action in ('pause', 'os-start', 'shelve', 'shelveOffload'):
            resp = self.assert_refused(
                409, 'POST', '/servers/%s/action' % inst.uuid,
                body={action: None})
            self.assertIn('vm_state shelved_offloaded', resp.text)

    def test_delete_offloaded_server_deletes_its_image(self):
        inst = self.boot(host='compute1')
        self.act(inst.uuid, 'shelve')
        self.wait_for_state(inst.uuid, 'shelved_offloaded')
        image_id = self.shelved_image(inst.uuid).id
        self.delete(inst.uuid)
        self.assertEqual(404, self.api.get('/images/%s' % image_id,
                                           microversion='2.1').status_code)

    def test_unshelve_spawn_failure_stays_offloaded(self):
        inst = self.boot(host='compute1')
        self.act(inst.uuid, 'shelve')
        self.wait_for_state(inst.uuid, 'shelved_offloaded')
        for host in self.compute_hosts:
            self.driver(host).hooks.fail_at(
                fake_guest.SPAWN, exception.NovaException('no disk'))
        self.act(inst.uuid, 'unshelve')
        self.wait_for(lambda: self.action_done(inst.uuid, 'unshelve'))
        inst = self.wait_for_state(inst.uuid, 'shelved_offloaded')
        self.assertEqual((None, None), (inst.host, inst.node))
        self.assertEqual(NOTHING, self.usages())
        self.assertIsNotNone(self.shelved_image(inst.uuid))


class ShelveKeepTest(ShelveTestBase):
    """``shelved_offload_time = -1``: shelved servers stay on their host."""

    OFFLOAD_TIME = -1

    def configure(self):
        self.flags(shelved_offload_time=self.OFFLOAD_TIME)

    def test_shelve_keeps_host_and_claim_then_unshelve_powers_on(self):
        inst = self.boot(host='compute1')
        self.act(inst.uuid, 'shelve')
        inst = self.wait_for_state(inst.uuid, 'shelved')
        self.assertEqual('SHELVED', self.status(inst.uuid))
        self.assertEqual(power_state.SHUTDOWN,
                         self.driver('compute1').get_info(inst))
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
        self.act(inst.uuid, 'unshelve')
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual('compute1', inst.host)
        self.assertEqual(power_state.RUNNING,
                         self.driver('compute1').get_info(inst))

    def test_shelve_offload_action(self):
        inst = self.boot(host='compute1')
        self.act(inst.uuid, 'shelve')
        self.wait_for_state(inst.uuid, 'shelved')
        self.act(inst.uuid, 'shelveOffload')
        inst = self.wait_for_state(inst.uuid, 'shelved_offloaded')
        self.assertEqual(NOTHING, self.usages())
        self.assertEqual({'compute1': [], 'compute2': []}, self.guests())

    def test_shelve_snapshot_failure_rolls_back(self):
        inst = self.boot(host='compute1')
        self.driver('compute1').hooks.fail_at(
            fake_guest.SNAPSHOT, exception.NovaException('upload failed'))
        self.act(inst.uuid, 'shelve')
        self.wait_for(lambda: self.action_done(inst.uuid, 'shelve'))
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(power_state.RUNNING,
                         self.driver('compute1').get_info(inst))
        self.assertEqual('ERROR', self.shelved_image(inst.uuid).status)


class ShelveTimedOffloadTest(ShelveKeepTest):
    """A positive ``shelved_offload_time``: the compute offloads later."""

    OFFLOAD_TIME = 600

    def test_periodic_offloads_only_old_enough_servers(self):
        old = self.boot('old', host='compute1')
        young = self.boot('young', host='compute1')
        self.act(old.uuid, 'shelve')
        self.wait_for_state(old.uuid, 'shelved')
        clock = self.useFixture(utils_fixture.TimeFixture())
        clock.advance_time_seconds(self.OFFLOAD_TIME + 1)
        self.act(young.uuid, 'shelve')
        self.wait_for_state(young.uuid, 'shelved')
        self.compute('compute1').offload_shelved_instances()
        self.wait_for_state(old.uuid, 'shelved_offloaded')
        self.assertEqual('shelved', self.instance(young.uuid).vm_state)
        self.assertEqual({'compute1': TINY, 'compute2': {}}, self.usages())
