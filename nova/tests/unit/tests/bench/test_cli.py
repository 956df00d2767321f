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
        self.assertIn('to cancelled median <= 10 ms, every N', text)
        self.assertIn('os-migrateLive accepted >= 200/s', text)
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
            self._row('sequential', 10, 9.0),
            self._row('sequential', 1000, 9.5),
            self._row('burst', 100, 90.0),
            self._row('burst', 1000, 130.0)]}}
        verdicts = [(r[1].split()[-1], r[0].split()[0], r[3])
                    for r in report._abort_targets(results)]
        self.assertEqual([('sequential', 'cost', True),
                          ('sequential', 'to', True),
                          ('burst', 'cost', False),
                          ('burst', 'burst', True)], verdicts)

    def test_transports_are_labelled_and_judged_apart(self):
        results = {'eventlet': {
            'abort_cost': [self._row('sequential', 10, 9.0)],
            'abort_cost_fake': [self._row('sequential', 10, 40.0)],
            'abort_cost_rabbit': [self._row('sequential', 10, 9.0)]}}
        text = report.targets(results)
        self.assertIn('eventlet inprocess:// sequential  -       9.00 ms',
                      text)
        self.assertRegex(text, r'<= 10 ms.*eventlet fake:// .*40.0 ms.*'
                               r'MISSED')
        self.assertRegex(text, r'<= 8 ms.*eventlet rabbit:// .*9.00 ms.*'
                               r'MISSED')

    def test_baseline_figures_fill_the_before_column(self):
        before = {'eventlet': {'abort_cost': [
            self._row('sequential', 10, 39.0)]}}
        after = {'eventlet': {'abort_cost': [
            self._row('sequential', 10, 7.0)]}}
        text = report.targets(after, baseline=before)
        self.assertRegex(text, r'39.0 ms \(worst, N=10\) +7.00 ms '
                               r'\(worst, N=10\) +met')

    def test_multiprocess_and_throughput_targets(self):
        burst = self._row('burst', 1000, 1500.0)
        results = {'threading': {
            'mp_abort_cost': [burst],
            'throughput': [{'operation': 'accept', 'clients': 8,
                            'requests': 10, 'seconds': 0.04,
                            'per_second': 250.0},
                           {'operation': 'list', 'clients': 8,
                            'requests': 10, 'seconds': 0.04,
                            'per_second': 450.0}]}}
        verdicts = {row[0]: row[3] for row in report.all_targets(results)}
        self.assertEqual({
            'burst of 1000: to cancelled median <= 2000 ms': True,
            'burst of 1000: DELETE p95 < 100 ms': False,
            'os-migrateLive accepted >= 200/s': True,
            'migration listings served >= 500/s': False}, verdicts)

    def test_rabbit_option_needs_the_launcher(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova.tests.bench.multiprocess.load_launcher', lambda: None))
        args = cli.parse_args(['--rabbit'])
        self.assertTrue(args.rabbit)
        self.assertEqual(cli.NO_RABBIT, cli.rabbit_note(args))
        self.assertFalse(args.rabbit)
