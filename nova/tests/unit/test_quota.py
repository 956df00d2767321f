"""nova.quota: where limits come from, what is counted, what is refused.

On every database backend the tests can reach, since the limits are
upserts and the usage an aggregate query.
"""

import types

import ddt

from nova.db.main import instances
from nova.db.main import quotas as quotas_db
from nova import exception
from nova import quota
from nova.tests.unit import db as db_tests
from nova.tests.unit.db import test_db_api

TINY = types.SimpleNamespace(vcpus=1, memory_mb=512)


@ddt.ddt
class QuotaTestCase(test_db_api.DbTestCase):

    def use_backend(self, backend='sqlite'):
        super().use_backend(backend)
        self.ctxt.project_id, self.ctxt.user_id = 'demo', 'alice'

    def boot(self, user_id='alice', vcpus=1, memory_mb=512, **values):
        return self._instance(user_id=user_id, vcpus=vcpus,
                              memory_mb=memory_mb, **values)

    @ddt.data(*db_tests.BACKENDS)
    def test_limits_most_specific_first(self, backend):
        self.use_backend(backend)
        self.flags(instances=4, cores=8, ram=1000, group='quota')
        self.assertEqual(4, quota.defaults(self.ctxt)['instances'])
        quota.update_class(self.ctxt, 'default', {'instances': 5})
        quota.update(self.ctxt, 'demo', {'cores': 6})
        quota.update(self.ctxt, 'demo', {'cores': 2}, user_id='alice')
        limits = quota.get_limits(self.ctxt, 'demo', 'alice')
        self.assertEqual((5, 2, 1000), (limits['instances'],
                                        limits['cores'], limits['ram']))
        self.assertEqual(6, quota.get_limits(self.ctxt, 'demo')['cores'])
        self.assertEqual(8, quota.get_limits(self.ctxt, 'other')['cores'])
        quota.reset(self.ctxt, 'demo', 'alice')
        self.assertEqual(6, quota.get_limits(self.ctxt, 'demo',
                                             'alice')['cores'])
        quota.reset(self.ctxt, 'demo')
        self.assertEqual(8, quota.get_limits(self.ctxt, 'demo')['cores'])

    @ddt.data(*db_tests.BACKENDS)
    def test_usage_counts_live_instances_of_the_project(self, backend):
        self.use_backend(backend)
        self.boot(vcpus=2, memory_mb=1024)
        self.boot(user_id='bob')
        self.boot(project_id='other')
        gone = self.boot()
        instances.instance_destroy(self.ctxt, gone.uuid)
        self.assertEqual({'instances': 2, 'cores': 3, 'ram': 1536},
                         quotas_db.instance_usage(self.ctxt, 'demo'))
        self.assertEqual({'instances': 1, 'cores': 1, 'ram': 512},
                         quotas_db.instance_usage(self.ctxt, 'demo', 'bob'))
        usage = quota.get_usage(self.ctxt, 'demo')
        self.assertEqual(0, usage['key_pairs'])

    def test_check_refuses_what_does_not_fit(self):
        self.use_backend()
        quota.update(self.ctxt, 'demo', {'instances': 2, 'ram': 1100})
        self.boot()
        quota.check_instance_create(self.ctxt, TINY)
        exc = self.assertRaises(exception.TooManyInstances,
                                quota.check_instance_create, self.ctxt,
                                TINY, count=2)
        self.assertEqual('Quota exceeded for instances, ram: Requested 2, '
                         '1024, but already used 1, 512 of 2, 1100 '
                         'instances, ram', exc.format_message())
        self.assertEqual(403, exc.kwargs['code'])

    def test_recheck_counts_what_is_recorded(self):
        self.use_backend()
        quota.update(self.ctxt, 'demo', {'instances': 1})
        self.boot()
        quota.check_instance_create(self.ctxt, TINY, recheck=True)
        self.boot()
        self.assertRaises(exception.TooManyInstances,
                          quota.check_instance_create, self.ctxt, TINY,
                          recheck=True)

    def test_resize_counts_only_growth_of_the_servers_project(self):
        self.use_backend()
        quota.update(self.ctxt, 'demo', {'cores': 2, 'ram': 1024})
        server = self.boot()
        self.boot(user_id='bob', memory_mb=256)
        # An administrator of another project resizes demo's server.
        self.ctxt.project_id = 'admin'
        grow_ram = types.SimpleNamespace(vcpus=1, memory_mb=1024)
        exc = self.assertRaises(exception.TooManyInstances,
                                quota.check_resize, self.ctxt, server,
                                grow_ram)
        self.assertEqual('Quota exceeded for ram: Requested 512, but '
                         'already used 768 of 1024 ram',
                         exc.format_message())
        # Shrinking ram with the cores already at the limit needs nothing.
        quota.update(self.ctxt, 'demo', {'cores': 1}, force=True)
        quota.check_resize(self.ctxt, server, types.SimpleNamespace(
            vcpus=1, memory_mb=128))
        self.assertRaises(exception.TooManyInstances, quota.check_resize,
                          self.ctxt, server, types.SimpleNamespace(
                              vcpus=2, memory_mb=128))

    def test_unlimited_and_user_limits(self):
        self.use_backend()
        quota.update(self.ctxt, 'demo', {'instances': -1, 'cores': -1,
                                         'ram': -1})
        for _ in range(3):
            self.boot()
        quota.check_instance_create(self.ctxt, TINY, count=100)
        quota.update(self.ctxt, 'demo', {'instances': 10})
        quota.update(self.ctxt, 'demo', {'instances': 3}, user_id='alice',
                     force=True)
        self.assertRaises(exception.TooManyInstances,
                          quota.check_instance_create, self.ctxt, TINY)
        self.ctxt.user_id = 'bob'
        quota.check_instance_create(self.ctxt, TINY)

    def test_update_validation(self):
        self.use_backend()
        self.boot()
        self.assertRaises(exception.InvalidQuotaValue, quota.update,
                          self.ctxt, 'demo', {'instances': 0})
        quota.update(self.ctxt, 'demo', {'instances': 0}, force=True)
        quota.update(self.ctxt, 'demo', {'cores': 4})
        for value in (5, -1):
            self.assertRaises(exception.QuotaAboveProjectLimit,
                              quota.update, self.ctxt, 'demo',
                              {'cores': value}, user_id='alice')
        self.assertEqual(4, quota.get_limits(self.ctxt, 'demo',
                                             'alice')['cores'])
