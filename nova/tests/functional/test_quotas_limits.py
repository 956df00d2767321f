"""Quotas, limits and extensions over HTTP, with enforcement on create.

The member token ``member:demo`` is user ``member`` of project ``demo``;
the admin token is user ``admin`` of project ``admin``.
"""

import threading

import ddt
import fixtures

from nova import quota
from nova.tests.functional import test_servers

DEMO = 'demo'
COMPUTE_KEYS = {'instances', 'cores', 'ram', 'metadata_items', 'key_pairs',
                'server_groups', 'server_group_members'}
NETWORK_KEYS = {'floating_ips', 'fixed_ips', 'security_groups',
                'security_group_rules'}
FILE_KEYS = {'injected_files', 'injected_file_content_bytes',
             'injected_file_path_bytes'}


@ddt.ddt
class QuotaSetsTest(test_servers.ServersTestBase):

    def show(self, project=DEMO, suffix='', api=None, **kwargs):
        resp = (api or self.api).get('/os-quota-sets/%s%s' % (project,
                                                              suffix),
                                     **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['quota_set']

    def update(self, values, project=DEMO, query='', status=200, **kwargs):
        resp = self.api.request('PUT', '/os-quota-sets/%s%s' % (
            project, query), body={'quota_set': values}, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text)
        return resp.json()

    @ddt.data(('2.1', COMPUTE_KEYS | NETWORK_KEYS | FILE_KEYS),
              ('2.35', COMPUTE_KEYS | NETWORK_KEYS | FILE_KEYS),
              ('2.36', COMPUTE_KEYS | FILE_KEYS),
              ('2.56', COMPUTE_KEYS | FILE_KEYS),
              ('2.57', COMPUTE_KEYS), ('2.65', COMPUTE_KEYS))
    @ddt.unpack
    def test_resources_per_microversion(self, version, keys):
        for suffix in ('', '/defaults'):
            shown = self.show(suffix=suffix, microversion=version)
            self.assertEqual(keys | {'id'}, set(shown), suffix)
            self.assertEqual(DEMO, shown['id'])
        detail = self.show(suffix='/detail', microversion=version)
        self.assertEqual(keys | {'id'}, set(detail))
        self.assertEqual({'limit': 10, 'in_use': 0, 'reserved': 0},
                         detail['instances'])
        updated = self.update({'instances': 7}, microversion=version)
        self.assertEqual(keys, set(updated['quota_set']))

    def test_defaults_come_from_the_configuration(self):
        self.assertEqual((10, 20, 51200), tuple(
            self.show()[r] for r in ('instances', 'cores', 'ram')))
        self.flags(cores=3, group='quota')
        self.assertEqual(3, self.show(suffix='/defaults')['cores'])

    def test_update_show_and_delete(self):
        updated = self.update({'ram': '5120', 'cores': -1})['quota_set']
        self.assertEqual((5120, -1), (updated['ram'], updated['cores']))
        self.assertEqual(5120, self.show()['ram'])
        self.assertEqual(51200, self.show(suffix='/defaults')['ram'])
        resp = self.api.delete('/os-quota-sets/%s' % DEMO)
        self.assertEqual(202, resp.status_code)
        self.assertEqual((51200, 20), (self.show()['ram'],
                                       self.show()['cores']))

    def test_user_quotas_sit_within_the_project(self):
        self.update({'ram': 2048}, query='?user_id=member')
        self.assertEqual(2048, self.show(
            suffix='?user_id=member')['ram'])
        self.assertEqual(51200, self.show()['ram'])
        body = self.update({'ram': 60000}, query='?user_id=member',
                           status=400)
        self.assertIn('must be less than or equal to 51200',
                      body['badRequest']['message'])
        self.api.delete('/os-quota-sets/%s?user_id=member' % DEMO)
        self.assertEqual(51200, self.show(suffix='?user_id=member')['ram'])

    @ddt.data({'instances': -2}, {'instances': 'many'}, {'bogus': 1},
              {'instances': 2 ** 31}, {'force': 'perhaps'})
    def test_invalid_updates_are_400_and_change_nothing(self, values):
        before = self.show()
        body = self.update(values, status=400)
        self.assertIn('badRequest', body)
        self.assertEqual(before, self.show())

    def test_network_and_file_resources_follow_the_microversion(self):
        self.update({'floating_ips': 3}, microversion='2.35')
        self.update({'floating_ips': 3}, microversion='2.36', status=400)
        self.update({'injected_files': 3}, microversion='2.56')
        self.update({'injected_files': 3}, microversion='2.57', status=400)

    def test_limit_below_usage_needs_force(self):
        self.boot('vm1', api=self.member_api)
        body = self.update({'instances': 0}, status=400)
        self.assertIn('must be greater than or equal to already used',
                      body['badRequest']['message'])
        self.update({'instances': 0, 'force': True})
        self.assertEqual({'limit': 0, 'in_use': 1, 'reserved': 0},
                         self.show(suffix='/detail')['instances'])

    def test_policies(self):
        member = self.member_api
        self.assertEqual(10, self.show(api=member)['instances'])
        self.assertEqual(10, self.show(project='admin', suffix='/defaults',
                                       api=member)['instances'])
        for method, path in (('GET', '/os-quota-sets/admin'),
                             ('GET', '/os-quota-sets/admin/detail'),
                             ('PUT', '/os-quota-sets/demo'),
                             ('DELETE', '/os-quota-sets/demo'),
                             ('GET', '/os-quota-class-sets/default')):
            resp = member.request(method, path,
                                  body={'quota_set': {'instances': 1}})
            self.assertEqual(403, resp.status_code, path)
        self.assertEqual(10, self.show()['instances'])


class QuotaEnforcementTest(test_servers.ServersTestBase):

    def set_quota(self, **values):
        resp = self.api.request('PUT', '/os-quota-sets/%s' % DEMO,
                                body={'quota_set': values})
        self.assertEqual(200, resp.status_code, resp.text)

    def assert_over_quota(self, resource, flavor='1'):
        resp = self.assert_refused(
            403, 'POST', '/servers', test_servers.server_body(
                'over', flavor=flavor), api=self.member_api)
        message = resp.json()['forbidden']['message']
        self.assertIn('Quota exceeded for %s' % resource, message)

    def test_instances(self):
        self.set_quota(instances=1)
        self.boot('vm1', api=self.member_api)
        self.assert_over_quota('instances')
        # Other projects are not affected.
        self.boot('admin-vm')

    def test_cores_and_ram(self):
        self.set_quota(cores=1)
        self.assert_over_quota('cores', flavor='3')
        self.set_quota(cores=-1, ram=800)
        self.boot('vm1', api=self.member_api)
        self.assert_over_quota('ram')

    def test_metadata_items(self):
        self.set_quota(metadata_items=2)
        body = test_servers.server_body(
            'over', metadata={'a': '1', 'b': '2', 'c': '3'})
        resp = self.assert_refused(403, 'POST', '/servers', body,
                                   api=self.member_api)
        self.assertIn('Maximum number of metadata items exceeds 2',
                      resp.json()['forbidden']['message'])
        self.boot('vm1', api=self.member_api, metadata={'a': '1', 'b': '2'})

    def test_deleted_servers_free_their_quota(self):
        self.set_quota(instances=1)
        first = self.boot('vm1', api=self.member_api)
        self.delete(first.uuid, api=self.member_api)
        self.boot('vm2', api=self.member_api)

    def test_user_quota_is_enforced(self):
        resp = self.api.request('PUT', '/os-quota-sets/demo?user_id=member',
                                body={'quota_set': {'instances': 0}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assert_over_quota('instances')

    def test_parallel_creates_stay_within_quota(self):
        """Each request passes the first check; the recheck undoes one."""
        self.set_quota(instances=1)
        barrier = threading.Barrier(2, timeout=30)
        real_check = quota.check_instance_create

        def check_together(context, flavor, count=1, recheck=False):
            real_check(context, flavor, count, recheck)
            if not recheck:
                barrier.wait()
        self.useFixture(fixtures.MockPatch(
            'nova.quota.check_instance_create', check_together))
        results = []

        def post(name):
            results.append(self.member_api.post(
                '/servers', body=test_servers.server_body(name)).status_code)
        threads = [threading.Thread(target=post, args=('vm%d' % i,))
                   for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertIn(403, results)
        self.assertLessEqual(results.count(202), 1)
        live = self.api.get('/servers?all_tenants=1').json()['servers']
        self.assertLessEqual(len(live), 1)


@ddt.ddt
class LimitsTest(test_servers.ServersTestBase):

    def absolute(self, api=None, query='', **kwargs):
        resp = (api or self.member_api).get('/limits' + query, **kwargs)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual([], resp.json()['limits']['rate'])
        return resp.json()['limits']['absolute']

    @ddt.data(('2.1', 19), ('2.35', 19), ('2.36', 14), ('2.38', 14),
              ('2.39', 13), ('2.56', 13), ('2.57', 11))
    @ddt.unpack
    def test_keys_per_microversion(self, version, count):
        absolute = self.absolute(microversion=version)
        self.assertEqual(count, len(absolute), sorted(absolute))
        self.assertEqual(('maxImageMeta' in absolute),
                         version in ('2.1', '2.35', '2.36', '2.38'))

    def test_usage_and_limits(self):
        self.boot('vm1', api=self.member_api, flavor='2')
        absolute = self.absolute()
        self.assertEqual((1, 1, 2048, 10, 20, 51200), (
            absolute['totalInstancesUsed'], absolute['totalCoresUsed'],
            absolute['totalRAMUsed'], absolute['maxTotalInstances'],
            absolute['maxTotalCores'], absolute['maxTotalRAMSize']))
        self.assertEqual(0, self.absolute(api=self.api)['totalInstancesUsed'])

    def test_other_project_is_for_admins(self):
        self.boot('vm1', api=self.member_api)
        self.assertEqual(1, self.absolute(
            api=self.api, query='?tenant_id=demo')['totalInstancesUsed'])
        self.assertEqual(403, self.member_api.get(
            '/limits?tenant_id=admin').status_code)
        self.assertEqual(1, self.absolute(
            query='?tenant_id=demo')['totalInstancesUsed'])


class ExtensionsTest(test_servers.ServersTestBase):

    def test_list_and_show(self):
        listed = self.member_api.get('/extensions').json()['extensions']
        self.assertIn('Hosts', [e['name'] for e in listed])
        self.assertEqual({'alias', 'name', 'namespace', 'updated', 'links',
                          'description'}, set(listed[0]))
        shown = self.member_api.get('/extensions/os-consoles').json()
        self.assertEqual('os-consoles', shown['extension']['alias'])
        resp = self.member_api.get('/extensions/os-nothing')
        self.assertEqual(404, resp.status_code)
        self.assertIn('itemNotFound', resp.json())


class QuotaClassSetsTest(test_servers.ServersTestBase):

    def test_default_class_changes_every_projects_default(self):
        resp = self.api.request('PUT', '/os-quota-class-sets/default',
                                body={'quota_class_set': {'instances': 3}},
                                microversion='2.57')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertNotIn('id', resp.json()['quota_class_set'])
        shown = self.api.get('/os-quota-class-sets/default',
                             microversion='2.57').json()['quota_class_set']
        self.assertEqual((3, 'default'), (shown['instances'], shown['id']))
        self.assertEqual(COMPUTE_KEYS | {'id'}, set(shown))
        quota_set = self.api.get('/os-quota-sets/demo').json()['quota_set']
        self.assertEqual(3, quota_set['instances'])

    def test_fields_per_microversion(self):
        old = self.api.get('/os-quota-class-sets/default',
                           microversion='2.49').json()['quota_class_set']
        self.assertEqual(set(), {'server_groups'} & set(old))
        self.assertIn('floating_ips', old)
        new = self.api.get('/os-quota-class-sets/default',
                           microversion='2.50').json()['quota_class_set']
        self.assertIn('server_groups', new)
        self.assertNotIn('floating_ips', new)
        resp = self.api.request('PUT', '/os-quota-class-sets/default',
                                body={'quota_class_set': {'floating_ips': 1}},
                                microversion='2.50')
        self.assertEqual(400, resp.status_code)
