"""Sorting parameters of server lists, Nova's rules."""

import ddt
import webob
import webob.exc

from nova.api.openstack.compute import server_filters
from nova import context as nova_context
from nova import test
from nova.tests.unit.api.openstack import fakes


def params(query):
    return webob.Request.blank('/servers?' + query).GET


@ddt.ddt
class SortParamsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        self.admin = nova_context.RequestContext('admin', 'p',
                                                 roles=['admin'])
        self.member = nova_context.RequestContext('u', 'p',
                                                  roles=['member'])

    @ddt.data(
        ('', ['created_at', 'id'], ['desc', 'desc']),
        ('sort_key=display_name', ['display_name', 'created_at', 'id'],
         ['desc', 'desc', 'desc']),
        ('sort_key=display_name&sort_dir=asc&sort_key=uuid',
         ['display_name', 'uuid', 'created_at', 'id'],
         ['asc', 'asc', 'asc', 'asc']),
        ('sort_key=vcpus&sort_dir=asc', ['created_at', 'id'],
         ['asc', 'asc']),
        ('sort_key=kernel_id', ['created_at', 'id'], ['desc', 'desc']),
        ('sort_key=host', ['host', 'created_at', 'id'],
         ['desc', 'desc', 'desc']),
    )
    @ddt.unpack
    def test_keys_and_dirs(self, query, keys, dirs):
        self.assertEqual((keys, dirs), server_filters.sort_params(
            params(query), self.admin))

    def test_more_dirs_than_keys_is_400(self):
        self.assertRaises(webob.exc.HTTPBadRequest,
                          server_filters.sort_params,
                          params('sort_dir=asc'), self.admin)

    @ddt.data('host', 'node')
    def test_admin_only_keys(self, key):
        self.assertRaises(webob.exc.HTTPForbidden,
                          server_filters.sort_params,
                          params('sort_key=' + key), self.member)

    def test_user_filters(self):
        self.assertEqual(
            {'name': '^a', 'image_ref': 'i', 'flavor': '1',
             'reservation_id': 'r-1'},
            server_filters.user_filters(params(
                'name=^a&image=i&flavor=1&reservation_id=r-1')))
        self.assertIsNone(server_filters.user_filters(params('ip=10.')))
        self.assertRaises(webob.exc.HTTPBadRequest,
                          server_filters.user_filters, params('name=('))
