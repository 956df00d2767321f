import ddt

from nova.api.openstack import api_version_request as avr
from nova import test


class MaxVersionTripwireTest(test.TestCase):
    """Raising the maximum is a deliberate act: update this test with it."""

    def test_maximum_is_2_65(self):
        self.assertEqual('2.65', avr.MAX_VERSION_STRING)
        self.assertEqual('2.1', avr.MIN_VERSION_STRING)

    def test_history_runs_from_min_to_max_without_gaps(self):
        versions = [version for version, _text in avr._MICROVERSION_HISTORY]
        expected = ['2.%d' % minor for minor in range(1, 66)]
        self.assertEqual(expected, versions)
        self.assertEqual(avr.MAX_VERSION_STRING, versions[-1])

    def test_every_history_entry_has_text(self):
        for version, text in avr._MICROVERSION_HISTORY:
            self.assertTrue(text.strip(), version)


@ddt.ddt
class APIVersionRequestTest(test.TestCase):

    @ddt.data(('2.1', (2, 1)), ('2.65', (2, 65)), ('2.0', (2, 0)),
              ('10.10', (10, 10)))
    @ddt.unpack
    def test_parses_well_formed(self, text, expected):
        version = avr.APIVersionRequest(text)
        self.assertEqual(expected, (version.ver_major, version.ver_minor))
        self.assertEqual(text, version.get_string())

    @ddt.data('2.01', '2', 'v2.1', 'Latest', 'latest', '2.1.1', '', ' 2.1',
              '02.1', '2.x', '0.1')
    def test_rejects_malformed(self, text):
        self.assertRaises(avr.InvalidAPIVersionString,
                          avr.APIVersionRequest, text)

    def test_ordering(self):
        v21, v23, v210 = (avr.APIVersionRequest(text)
                          for text in ('2.1', '2.3', '2.10'))
        self.assertLess(v21, v23)
        self.assertLess(v23, v210)
        self.assertEqual(avr.APIVersionRequest('2.3'), v23)
        self.assertGreaterEqual(v210, v23)

    def test_null_version(self):
        null = avr.APIVersionRequest()
        self.assertTrue(null.is_null())
        self.assertEqual('null', str(null))
        self.assertRaises(TypeError, lambda: null < avr.min_api_version())
        self.assertRaises(ValueError, null.get_string)

    @ddt.data(('2.23', '2.23', None, True), ('2.22', '2.23', None, False),
              ('2.64', '2.23', '2.64', True), ('2.65', '2.23', '2.64', False),
              ('2.1', None, '2.1', True), ('2.65', None, None, True))
    @ddt.unpack
    def test_matches(self, version, lower, upper, expected):
        self.assertEqual(expected,
                         avr.APIVersionRequest(version).matches(lower, upper))


@ddt.ddt
class NegotiateTest(test.TestCase):

    @ddt.data(
        ({}, '2.1'),
        ({'OpenStack-API-Version': 'compute 2.65'}, '2.65'),
        ({'X-OpenStack-Nova-API-Version': '2.30'}, '2.30'),
        ({'OpenStack-API-Version': 'compute 2.30',
          'X-OpenStack-Nova-API-Version': '2.65'}, '2.30'),
        ({'OpenStack-API-Version': 'placement 1.10',
          'X-OpenStack-Nova-API-Version': '2.40'}, '2.40'),
        ({'OpenStack-API-Version': 'compute 2.65, placement 1.10'}, '2.65'),
        ({'OpenStack-API-Version': 'COMPUTE 2.3'}, '2.3'),
        ({'OpenStack-API-Version': 'compute 2.20, compute 2.30'}, '2.30'),
        ({'OpenStack-API-Version': '2.65'}, '2.1'),
        ({'X-OpenStack-Nova-API-Version': '2.10, 2.20'}, '2.20'),
        ({'OpenStack-API-Version': 'compute latest'}, '2.65'),
        ({'X-OpenStack-Nova-API-Version': 'latest'}, '2.65'),
    )
    @ddt.unpack
    def test_resolution(self, headers, expected):
        self.assertEqual(expected, avr.negotiate(headers).get_string())

    @ddt.data('2.01', '2', 'v2.1', 'Latest', 'compute', '2.1.1')
    def test_malformed(self, value):
        self.assertRaises(avr.InvalidAPIVersionString, avr.negotiate,
                          {'X-OpenStack-Nova-API-Version': value})

    @ddt.data('2.66', '2.999', '3.0', '2.0', '1.1')
    def test_out_of_range_keeps_the_requested_version(self, value):
        exc = self.assertRaises(avr.InvalidGlobalAPIVersion, avr.negotiate,
                                {'OpenStack-API-Version': 'compute ' + value})
        self.assertEqual(value, exc.requested.get_string())
        self.assertIn(value, exc.format_message())
        self.assertIn('2.65', exc.format_message())
