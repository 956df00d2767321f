"""Hostile query strings, path ids and bodies get 4xx faults, never 500.

Each case was a 500 found by probing every route: a time filter whose
offset moves it out of the years a datetime can hold, a percent escape
that is not UTF-8, an integer of thousands of digits and a migration id
beyond 64 bits.  Every refusal is a Nova fault and writes nothing.
"""

import ddt

from nova.tests.functional import test_servers

# Parse fine, but normalizing to UTC leaves year 1..9999.
OUT_OF_RANGE_TIMES = ('0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59-01:00')
HUGE_DIGITS = '9' * 5000
BEYOND_64_BITS = ('9223372036854775808', '-9223372036854775809',
                  '1' + '0' * 40)


@ddt.ddt
class BadInputTest(test_servers.ServersTestBase):

    def setUp(self):
        super().setUp()
        self.server = self.boot()

    def assert_fault(self, status, method, path, body=None, **kwargs):
        """``status`` with a Nova fault body, and no row written."""
        before = self.row_counts()
        resp = self.api.request(method, path, body=body, **kwargs)
        self.assertEqual(status, resp.status_code, resp.text[:500])
        (fault,) = resp.json().values()
        self.assertEqual(status, fault['code'])
        self.assertEqual(before, self.row_counts())
        return fault

    def time_filter_paths(self):
        yield '/servers', None
        yield '/servers/detail', None
        yield '/os-migrations', '2.59'
        yield ('/servers/%s/os-instance-actions' % self.server.uuid, '2.58')

    @ddt.data(*OUT_OF_RANGE_TIMES)
    def test_time_filter_out_of_range_is_400(self, value):
        for path, version in self.time_filter_paths():
            fault = self.assert_fault(
                400, 'GET', '%s?changes-since=%s' % (
                    path, value.replace('+', '%2B')),
                microversion=version)
            self.assertIn('changes-since', fault['message'], path)

    def test_time_filter_in_range_with_offset_still_works(self):
        for path, version in self.time_filter_paths():
            resp = self.api.get('%s?changes-since=%s' % (
                path, '2000-01-01T00:00:00%2B01:00'), microversion=version)
            self.assertEqual(200, resp.status_code, path)

    @ddt.data('/servers?name=%ff', '/servers/detail?status=%c3',
              '/flavors?name=%ff', '/flavors/detail?minRam=%ff',
              '/os-migrations?host=%fe%ff', '/os-services?host=%80',
              '/servers?%ff=1')
    def test_query_that_is_not_utf8_is_400(self, path):
        fault = self.assert_fault(400, 'GET', path)
        self.assertIn('UTF-8', fault['message'])

    def test_query_that_is_not_utf8_is_400_at_2_59(self):
        self.assert_fault(400, 'GET', '/os-migrations?host=%ff',
                          microversion='2.59')

    def test_path_that_is_not_utf8_is_404(self):
        self.assert_fault(404, 'GET', '/servers/%ff')
        self.assert_fault(404, 'GET', '/flavors/%ff%fe')

    @ddt.data('minRam', 'minDisk', 'limit')
    def test_huge_integer_query_parameter_is_400(self, name):
        for path in ('/flavors', '/flavors/detail'):
            fault = self.assert_fault(
                400, 'GET', '%s?%s=%s' % (path, name, HUGE_DIGITS))
            self.assertLess(len(fault['message']), 1024)

    def test_huge_limit_is_400_everywhere(self):
        for path, version in self.time_filter_paths():
            self.assert_fault(400, 'GET', '%s?limit=%s' % (path, HUGE_DIGITS),
                              microversion=version)

    @ddt.data('min_count', 'max_count')
    def test_huge_count_in_body_is_400(self, name):
        for value in (HUGE_DIGITS, int(HUGE_DIGITS[:4000])):
            body = test_servers.server_body('vm2', **{name: value})
            fault = self.assert_fault(400, 'POST', '/servers', body=body)
            self.assertLess(len(fault['message']), 1024)

    @ddt.data(*BEYOND_64_BITS)
    def test_migration_id_beyond_64_bits_is_not_found(self, mid):
        path = '/servers/%s/migrations/%s' % (self.server.uuid, mid)
        self.assert_fault(404, 'GET', path, microversion='2.65')
        self.assert_fault(404, 'DELETE', path, microversion='2.65')
        # As in Nova, force-complete of a migration the server does not
        # have is a bad request.
        self.assert_fault(400, 'POST', path + '/action',
                          body={'force_complete': None},
                          microversion='2.65')

    @ddt.data('0', '-1', '00000000000000000000001', '1e3', ' 1')
    def test_migration_id_that_names_nothing_is_not_found(self, mid):
        path = '/servers/%s/migrations/%s' % (self.server.uuid, mid)
        self.assert_fault(404, 'GET', path, microversion='2.65')
        self.assert_fault(404, 'DELETE', path, microversion='2.65')
