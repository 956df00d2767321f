"""nova.conf: every group registered, the defaults operators rely on, and
the option listing oslo-config-generator reads."""

from importlib import metadata
import os
import pkgutil

from oslo_config import cfg
from oslo_config import generator

import nova.conf
from nova.conf import opts
from nova import test

CONF = nova.conf.CONF


def _group_name(group):
    return group if isinstance(group, str) else group.name


def _fresh_conf():
    """A ConfigOpts with only nova's options, parsed from no files."""
    conf = cfg.ConfigOpts()
    for module in nova.conf.MODULES:
        module.register_opts(conf)
    conf(args=[], project='nova', default_config_files=[],
         default_config_dirs=[])
    return conf


class RegistrationTestCase(test.TestCase):

    def test_every_module_is_listed(self):
        names = {name for _, name, _ in pkgutil.iter_modules(
            nova.conf.__path__)} - {'opts'}
        self.assertEqual(names, {module.__name__.rsplit('.', 1)[1]
                                 for module in nova.conf.MODULES})

    def test_every_module_is_registered_on_the_global_conf(self):
        for module in nova.conf.MODULES:
            for group, group_opts in module.list_opts().items():
                name = _group_name(group)
                scope = CONF if name == 'DEFAULT' else CONF[name]
                for opt in group_opts:
                    self.assertIn(opt.dest, scope, '%s: [%s] %s' % (
                        module.__name__, name, opt.dest))

    def test_list_opts_covers_every_group_and_option(self):
        listed = {_group_name(group): {opt.dest for opt in group_opts}
                  for group, group_opts in opts.list_opts()}
        expected = {}
        for module in nova.conf.MODULES:
            for group, group_opts in module.list_opts().items():
                expected.setdefault(_group_name(group), set()).update(
                    opt.dest for opt in group_opts)
        self.assertEqual(expected, listed)
        self.assertTrue({'DEFAULT', 'api', 'database', 'embedded', 'fake',
                         'notifications', 'scheduler', 'upgrade_levels'}
                        <= set(listed))


class DefaultsTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = _fresh_conf()

    def test_live_migration_concurrency(self):
        self.assertEqual(1, self.conf.max_concurrent_live_migrations)
        self.conf.set_override('max_concurrent_live_migrations', 0)
        self.assertEqual(0, self.conf.max_concurrent_live_migrations)
        self.assertRaises(ValueError, self.conf.set_override,
                          'max_concurrent_live_migrations', -1)

    def test_api(self):
        self.assertEqual(8774, self.conf.osapi_compute_listen_port)
        self.assertEqual('noauth2', self.conf.api.auth_strategy)

    def test_database_connection_under_state_path(self):
        self.conf.set_override('state_path', '/srv/nova')
        self.assertEqual('sqlite:////srv/nova/nova.sqlite',
                         self.conf.database.connection)

    def test_transport_url(self):
        self.assertEqual('inprocess://', self.conf.transport_url)

    def test_embedded_compute_hosts(self):
        self.assertEqual(['compute1', 'compute2'],
                         self.conf.embedded.compute_hosts)


def _namespace_installed(namespace):
    return any(ep.name == namespace for ep in
               metadata.entry_points(group='oslo.config.opts'))


class GeneratorTestCase(test.TestCase):

    def test_sample_config_generates(self):
        if not _namespace_installed('nova.conf'):
            self.skipTest('nova is not installed in the venv, so the '
                          'nova.conf namespace is unknown (pip install -e .)')
        sample = os.path.join(self.state_path, 'nova.conf.sample')
        conf = cfg.ConfigOpts()
        generator.register_cli_opts(conf)
        conf(['--namespace', 'nova.conf', '--output-file', sample])
        generator.generate(conf)
        with open(sample) as handle:
            text = handle.read()
        for expected in ('[api]', '[database]', '[embedded]',
                         '#max_concurrent_live_migrations = 1',
                         '#osapi_compute_listen_port = 8774',
                         '#auth_strategy = noauth2',
                         '#compute_hosts = compute1,compute2'):
            self.assertIn(expected, text)
