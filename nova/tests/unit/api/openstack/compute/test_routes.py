"""Fitness checks on the declarative route table."""

from nova.api import openstack
from nova.api.openstack.compute import routes
from nova.api.openstack import wsgi
from nova import test

HTTP_METHODS = {'GET', 'POST', 'PUT', 'DELETE', 'PATCH'}


class RouteListTest(test.TestCase):

    def test_entries_are_well_formed(self):
        seen = set()
        for path, methods in routes.ROUTE_LIST:
            self.assertNotIn(path, seen, 'path declared twice')
            seen.add(path)
            self.assertTrue(path == '' or path.startswith('/'), path)
            self.assertNotIn(':', path, 'no regexes in placeholders')
            self.assertTrue(methods, path)
            self.assertLessEqual(set(methods), HTTP_METHODS, path)
            for factory, method_name in methods.values():
                self.assertTrue(callable(factory), path)
                self.assertIsInstance(method_name, str, path)

    def test_router_builds_and_shares_resources(self):
        resources = openstack._resources(routes.ROUTE_LIST)
        for resource in resources.values():
            self.assertIsInstance(resource, wsgi.Resource)
        self.assertIsNotNone(openstack.APIRouterV21(routes.ROUTE_LIST))

    def test_one_resource_per_factory(self):
        factory = routes.version_controller
        route_list = (('/a', {'GET': [factory, 'show']}),
                      ('/b', {'GET': [factory, 'show']}))
        self.assertEqual(1, len(openstack._resources(route_list)))
