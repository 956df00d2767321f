"""The benchmark harness runs end to end on tiny sizes.

No figure is checked (benchmarks never assert on timings): only that each
suite produces its rows and that the report renders them with their
targets.  The suites run in this process, on the backend of this run.
"""

import json
import os

import fixtures

from nova import monkey_patch
from nova import test
from nova.tests.bench import cli
from nova.tests.bench import multiprocess
from nova.tests.bench import report

TINY = ['--sizes', '2', '--min-samples', '2', '--accept-single', '2',
        '--accept-parallel', '3', '--list-requests', '4']


class HarnessTest(test.TestCase):

    def _child(self, *argv):
        out = os.path.join(self.useFixture(fixtures.TempDir()).path,
                           'out.json')
        self.assertEqual(0, cli.main(['--child'] + list(argv) +
                                     ['--out', out]))
        with open(out) as handle:
            return json.load(handle)

    def test_cloud_suite_rows_and_report(self):
        result = self._child('cloud', *TINY)

        backend = monkey_patch.active_backend()
        self.assertEqual(backend, result['backend'])
        self.assertEqual(
            [('sequential', 2, 2), ('burst', 2, 2)],
            [(r['mode'], r['queue_length'], r['http']['count'])
             for r in result['abort_cost']])
        self.assertEqual(
            [('accept', 1), ('accept', 8), ('list', 1), ('list', 8)],
            sorted((r['operation'], r['clients'])
                   for r in result['throughput']))
        note = multiprocess.note()
        text = report.render({backend: result}, {'mode': 'test'}, note)
        self.assertIn('to cancelled median <= 20 ms', text)
        self.assertIn(note, text)

    def test_memory_suites_rows(self):
        for scenario in ('queue', 'manager'):
            rows = self._child('memory', '--scenario', scenario,
                               '--size', '20')['queue_memory']
            self.assertEqual([(scenario, 20)],
                             [(r['scenario'], r['queued']) for r in rows])
            self.assertIn('rss_added_bytes', rows[0])
            self.assertIn('threads_native', rows[0]['threads_added'])


class ParseArgsTest(test.TestCase):

    def test_quick_and_full_defaults(self):
        self.assertEqual((10, 100), cli.parse_args(['--quick']).sizes)
        full = cli.parse_args([])
        self.assertEqual((10, 100, 1000), full.sizes)
        self.assertEqual((1000, 10000), full.memory_sizes)

    def test_sizes_are_sorted_and_deduplicated(self):
        self.assertEqual((5, 50), cli.parse_args(
            ['--quick', '--sizes', '50,5,50']).sizes)

    def test_bad_sizes_are_refused(self):
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', open(os.devnull,
                                                                'w')))
        self.assertRaises(SystemExit, cli.parse_args, ['--sizes', '0'])


class TargetVerdictTest(test.TestCase):
    """The verdict logic, on made-up figures."""

    def _row(self, mode, size, median):
        figures = {'count': 1, 'median': median, 'p95': median,
                   'max': median}
        return {'mode': mode, 'queue_length': size, 'http': figures,
                'cancelled': figures, 'delivery': figures,
                'handler': figures, 'burst_wall_per_abort_ms': median}

    def test_ratio_and_median_targets(self):
        results = {'eventlet': {'abort_cost': [
            self._row('sequential', 10, 10.0),
            self._row('sequential', 1000, 11.0),
            self._row('burst', 10, 10.0),
            self._row('burst', 1000, 13.0)]}}
        verdicts = [(r[2], r[0].split()[0], r[4])
                    for r in report._abort_targets(results)]
        self.assertEqual([('sequential', 'cost', 'met'),
                          ('sequential', 'to', 'met'),
                          ('burst', 'cost', 'MISSED')], verdicts)

    def test_rabbit_rows_are_labelled_and_judged_apart(self):
        results = {'eventlet': {
            'abort_cost': [self._row('sequential', 10, 40.0)],
            'abort_cost_rabbit': [self._row('sequential', 10, 15.0)]}}
        text = report.abort_cost(results)
        verdicts = text.split('verdict')[1]
        self.assertIn('eventlet fake://    sequential  40.0 ms at N=10  '
                      'MISSED', verdicts)
        self.assertIn('eventlet rabbit://  sequential  15.0 ms at N=10  '
                      'met', verdicts)
        self.assertEqual(2, text.split('verdict')[0].count('sequential'))

    def test_rabbit_option_needs_the_launcher(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova.tests.bench.multiprocess.load_launcher', lambda: None))
        args = cli.parse_args(['--rabbit'])
        self.assertTrue(args.rabbit)
        self.assertEqual(cli.NO_RABBIT, cli.rabbit_note(args))
        self.assertFalse(args.rabbit)
