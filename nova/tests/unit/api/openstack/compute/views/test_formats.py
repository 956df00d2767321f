"""Wire formats of times and host ids."""

import datetime
import hashlib

from nova.api.openstack.compute.views import formats
from nova import test


class FormatsTest(test.TestCase):

    def test_times(self):
        naive = datetime.datetime(2026, 1, 5, 10, 0, 5, 123)
        aware = datetime.datetime(2026, 1, 5, 11, 0, 5, 123,
                                  tzinfo=datetime.timezone(
                                      datetime.timedelta(hours=1)))
        for value in (naive, aware):
            self.assertEqual('2026-01-05T10:00:05Z', formats.isotime(value))
            self.assertEqual('2026-01-05T10:00:05.000123',
                             formats.precise_time(value))
        self.assertIsNone(formats.isotime(None))
        self.assertIsNone(formats.precise_time(None))

    def test_host_id(self):
        self.assertEqual(hashlib.sha224(b'p1cmp-01').hexdigest(),
                         formats.host_id('p1', 'cmp-01'))
        self.assertEqual('', formats.host_id('p1', None))
        self.assertNotEqual(formats.host_id('p1', 'h'),
                            formats.host_id('p2', 'h'))
