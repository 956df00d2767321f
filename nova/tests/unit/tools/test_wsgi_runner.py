"""The WSGI runner finds the application it is told to serve."""

import os

import testtools

from nova.tools import wsgi_runner


class WsgiRunnerTest(testtools.TestCase):

    def test_load_application_object_and_factory(self):
        self.assertIs(os.path.join,
                      wsgi_runner.load_application('os.path:join'))
        self.assertEqual(os.getcwd(),
                         wsgi_runner.load_application('os:getcwd()'))
        self.assertRaises(ValueError, wsgi_runner.load_application, 'os')
