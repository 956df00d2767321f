"""Names of the servers of one create request."""

import ddt

from nova.compute import create_spec
from nova import test


@ddt.ddt
class NamingTest(test.TestCase):

    def test_one_server_keeps_its_name(self):
        self.assertEqual('vm', create_spec.display_name('vm', 0, 1, 'u'))

    def test_several_are_suffixed_from_one(self):
        self.assertEqual(['vm-1', 'vm-2'], [
            create_spec.display_name('vm', i, 2, 'u') for i in range(2)])

    def test_template_may_use_the_uuid(self):
        self.flags(multi_instance_display_name_template='%(name)s-%(uuid)s',
                   group='api')
        self.assertEqual('vm-abc', create_spec.display_name('vm', 0, 2,
                                                            'abc'))

    @ddt.data(('Web Server_1', 'web-server-1'), ('--x--', 'x'),
              ('!!!', 'server'), ('a' * 70, 'a' * 63),
              ('db.local', 'db.local'))
    @ddt.unpack
    def test_hostname(self, name, expected):
        self.assertEqual(expected, create_spec.hostname(name))
