"""The one parsing layer for query values and path ids."""

import datetime

import ddt
import webob.exc

from nova.api.openstack import client_input
from nova import test


@ddt.ddt
class ClientInputTest(test.TestCase):

    @ddt.data(('0', 0), ('42', 42), (7, 7), ('9' * 19, int('9' * 19)))
    @ddt.unpack
    def test_integer(self, value, expected):
        self.assertEqual(expected, client_input.integer(value, 'n'))

    @ddt.data('9' * 5000, '9' * 20, 10 ** 4000, '-1', -1, '1.5', '', ' 1',
              '\u0661', True, None, [1])
    def test_integer_refused(self, value):
        exc = self.assertRaises(webob.exc.HTTPBadRequest,
                                client_input.integer, value, 'minRam')
        self.assertIn('minRam', exc.explanation)
        self.assertLess(len(exc.explanation), 300)

    def test_integer_minimum(self):
        self.assertRaises(webob.exc.HTTPBadRequest,
                          client_input.integer, '0', 'min_count', minimum=1)

    def test_utc_datetime(self):
        self.assertEqual(
            datetime.datetime(1999, 12, 31, 23, 0),
            client_input.utc_datetime('2000-01-01T00:00:00+01:00', 'x'))

    @ddt.data('0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59-01:00',
              'yesterday', '2000-13-01T00:00:00Z')
    def test_utc_datetime_refused(self, value):
        exc = self.assertRaises(webob.exc.HTTPBadRequest,
                                client_input.utc_datetime, value,
                                'changes-since')
        self.assertIn('changes-since', exc.explanation)

    @ddt.data(('1', 1), ('9223372036854775807', 2 ** 63 - 1))
    @ddt.unpack
    def test_db_id(self, value, expected):
        self.assertEqual(expected,
                         client_input.db_id(value, webob.exc.HTTPNotFound))

    @ddt.data('0', '-1', '9223372036854775808', '-9223372036854775809',
              '1' * 40, 'abc', '', '1e3', '\u0661')
    def test_db_id_names_nothing(self, value):
        self.assertRaises(webob.exc.HTTPNotFound,
                          client_input.db_id, value, webob.exc.HTTPNotFound)

    @ddt.data('name=%ff', '%ff=1', 'a=b&c=%c3', 'x=\xff')
    def test_non_utf8_query(self, query):
        self.assertIsNotNone(client_input.non_utf8_query(query))

    @ddt.data('', 'name=%c3%a9', 'a=b+c&d', 'a=%', 'a=%zz')
    def test_utf8_query(self, query):
        self.assertIsNone(client_input.non_utf8_query(query))

    def test_quote_bounds_what_is_echoed(self):
        self.assertEqual('short', client_input.quote('short'))
        quoted = client_input.quote('x' * 10 ** 6)
        self.assertLess(len(quoted), 100)
        self.assertIn('1000000', quoted)
        self.assertEqual('[1, 2]', client_input.quote([1, 2]))
