"""Servers carry their flavor: deleting the flavor changes nothing for them.

Tempest's test_resize_server_revert_deleted_flavor found a server stuck
in REVERT_RESIZE: the revert looked the old flavor up by row id after the
flavor had been deleted, and ``GET /servers/{id}`` showed flavor id ''.
Each instance now keeps its flavor (and, while resized, the old and new
ones) in ``instance_extra``.
"""

from nova import policy
from nova.tests.functional import test_flavor_manage
from nova.tests.functional import test_resize

SPECS = {'hw:cpu_policy': 'shared', 'trait:CUSTOM_GOLD': 'required'}
DOOMED = {'VCPU': 2, 'MEMORY_MB': 256, 'DISK_GB': 3}


class InstanceFlavorsTest(test_resize.ResizeTestBase):

    def doomed_flavor(self):
        """A flavor with extra specs, made to be deleted."""
        body = test_flavor_manage.flavor_body(
            name='doomed', id='doomed', vcpus=2, disk=2, swap=64,
            **{'OS-FLV-EXT-DATA:ephemeral': 1})
        resp = self.api.post('/flavors', body=body)
        self.assertEqual(200, resp.status_code, resp.text)
        resp = self.api.post('/flavors/doomed/os-extra_specs',
                             body={'extra_specs': SPECS})
        self.assertEqual(200, resp.status_code, resp.text)

    def delete_flavor(self, flavor_id):
        resp = self.api.delete('/flavors/%s' % flavor_id)
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(404, self.api.get(
            '/flavors/%s' % flavor_id).status_code)

    def shown_flavor(self, uuid, microversion, api=None):
        resp = (api or self.api).get('/servers/%s' % uuid,
                                     microversion=microversion)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['server']['flavor']

    def test_deleted_flavor_still_shows_at_2_1_and_2_47(self):
        self.doomed_flavor()
        inst = self.boot(flavor='doomed', host='compute1')
        self.delete_flavor('doomed')

        at_2_1 = self.shown_flavor(inst.uuid, '2.1')
        self.assertEqual('doomed', at_2_1['id'])
        self.assertTrue(at_2_1['links'][0]['href'].endswith(
            '/flavors/doomed'), at_2_1)
        expected = {'original_name': 'doomed', 'vcpus': 2, 'ram': 256,
                    'disk': 2, 'ephemeral': 1, 'swap': 64,
                    'extra_specs': SPECS}
        self.assertEqual(expected, self.shown_flavor(inst.uuid, '2.47'))
        detail = self.api.get('/servers/detail', microversion='2.47').json()
        self.assertEqual([expected],
                         [s['flavor'] for s in detail['servers']])

    def test_extra_specs_follow_the_extra_specs_index_policy(self):
        self.doomed_flavor()
        inst = self.boot(flavor='doomed', api=self.member_api)
        self.assertEqual(SPECS, self.shown_flavor(
            inst.uuid, '2.47', api=self.member_api)['extra_specs'])
        policy.set_rules({
            'os_compute_api:os-flavor-extra-specs:index': '!'},
            overwrite=False)
        shown = self.shown_flavor(inst.uuid, '2.47', api=self.member_api)
        self.assertNotIn('extra_specs', shown)
        self.assertEqual('doomed', shown['original_name'])

    def test_revert_after_the_old_flavor_was_deleted(self):
        self.doomed_flavor()
        inst = self.boot(flavor='doomed', host='compute1')
        self.assertEqual({'compute1': DOOMED, 'compute2': {}},
                         self.usages())
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        inst = self.resized(inst.uuid)
        self.assertEqual(('doomed', 'm1.small', 'm1.small'), (
            inst.old_flavor.name, inst.new_flavor.name, inst.flavor.name))
        self.delete_flavor('doomed')

        self.act_ok(inst.uuid, 'revertResize')
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual('ACTIVE', self.status(inst.uuid))
        self.assertEqual(('compute1', 2, 256, 2, 1), (
            inst.host, inst.vcpus, inst.memory_mb, inst.root_gb,
            inst.ephemeral_gb))
        self.assertEqual(('doomed', None, None), (
            inst.flavor.name, inst.old_flavor, inst.new_flavor))
        self.assertEqual('reverted', self.migrations(inst.uuid)[-1].status)
        self.assertEqual({'compute1': DOOMED, 'compute2': {}},
                         self.usages())
        self.assertEqual('doomed', self.shown_flavor(inst.uuid, '2.1')['id'])

    def test_confirm_keeps_only_the_new_flavor(self):
        inst = self.boot(host='compute1')
        self.assertEqual(('m1.tiny', None, None), (
            inst.flavor.name, inst.old_flavor, inst.new_flavor))
        self.act_ok(inst.uuid, 'resize', {'flavorRef': '2'})
        self.resized(inst.uuid)
        self.act_ok(inst.uuid, 'confirmResize', status=204)
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(('m1.small', None, None), (
            inst.flavor.name, inst.old_flavor, inst.new_flavor))
        self.assertEqual({'compute1': {}, 'compute2': test_resize.SMALL},
                         self.usages())

    def test_cold_migrate_after_the_flavor_was_deleted(self):
        self.doomed_flavor()
        inst = self.boot(flavor='doomed', host='compute1')
        self.delete_flavor('doomed')
        self.act_ok(inst.uuid, 'migrate')
        inst = self.resized(inst.uuid)
        self.assertEqual({'compute1': DOOMED, 'compute2': DOOMED},
                         self.usages())
        self.act_ok(inst.uuid, 'confirmResize', status=204)
        inst = self.wait_for_state(inst.uuid, 'active')
        self.assertEqual(('compute2', 'doomed'), (inst.host,
                                                  inst.flavor.name))
        self.assertEqual({'compute1': {}, 'compute2': DOOMED},
                         self.usages())
