"""The layering checks: each rule fires on a deliberate violation.

The table drives ``LayeringChecker`` directly; the last test runs flake8
itself with the repository's ``tox.ini``, which proves the ``pep8`` env
loads the plugin and fails on a violation.
"""

import ast
import os
import subprocess
import sys
import textwrap

import ddt

from nova.hacking import checks
from nova import test

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))


def codes(filename, source):
    tree = ast.parse(textwrap.dedent(source))
    return [message.split()[0] for _, _, message, _ in
            checks.LayeringChecker(tree, filename).run()]


@ddt.ddt
class LayeringCheckerTestCase(test.TestCase):

    @ddt.data(
        # N310: no database below objects on the compute side.
        ('nova/compute/manager.py', 'from nova.db.main import api', 'N310'),
        ('nova/virt/fake.py', 'import nova.db.main.models', 'N310'),
        ('nova/compute/utils.py', 'from nova import db', 'N310'),
        ('nova/compute/api.py', 'def f():\n    from nova.db import x',
         'N310'),
        # N311: the queue is one unit without RPC, driver or database.
        ('nova/compute/live_migration_queue.py', 'import oslo_messaging',
         'N311'),
        ('nova/compute/live_migration_queue.py',
         'from nova.compute import rpcapi', 'N311'),
        ('nova/compute/live_migration_queue.py', 'from nova import rpc',
         'N311'),
        ('nova/compute/live_migration_queue.py',
         'from nova.virt import driver', 'N311'),
        # N312: nothing below the API imports it.
        ('nova/compute/api.py', 'from nova.api.openstack import common',
         'N312'),
        ('nova/objects/instance.py', 'import nova.api.openstack.wsgi',
         'N312'),
        ('nova/conductor/manager.py', 'from nova import api', 'N312'),
        # N313: options live in nova/conf.
        ('nova/compute/manager.py',
         'from oslo_config import cfg\nOPTS = [cfg.IntOpt("x")]', 'N313'),
        ('nova/virt/fake.py', 'CONF.register_opts(OPTS, group="fake")',
         'N313'),
        ('nova/api/openstack/compute/wsgi.py', 'CONF.register_opt(OPT)',
         'N313'),
        ('nova/cmd/api.py', 'CONF.register_opts(OPTS)', 'N313'),
        # N314: the cloud launcher is tooling, not service code.
        ('nova/compute/manager.py', 'from nova.tools.cloud import state',
         'N314'),
        ('nova/cmd/compute.py', 'import nova.tools.wsgi_runner', 'N314'),
        ('nova/api/openstack/compute/servers.py', 'from nova import tools',
         'N314'),
    )
    @ddt.unpack
    def test_violation_is_reported(self, filename, source, code):
        self.assertEqual([code], codes(filename, source))

    @ddt.data(
        ('nova/compute/manager.py', 'from nova import objects'),
        ('nova/compute/live_migration_queue.py',
         'from nova.compute import migration_states\nimport threading'),
        ('nova/compute/live_migration.py', 'from nova.compute import rpcapi'),
        ('nova/objects/migration.py',
         'from nova.db.main import migration_records'),
        ('nova/api/openstack/compute/servers.py',
         'from nova.api.openstack import common'),
        ('nova/cmd/api.py', 'from nova.api.openstack.compute import wsgi'),
        ('nova/tests/unit/api/test_x.py', 'from nova.api import auth'),
        ('nova/conf/compute.py',
         'from oslo_config import cfg\nOPTS = [cfg.IntOpt("x")]\n'
         'CONF.register_opts(OPTS)'),
        ('nova/cmd/manage.py',
         'CONF.register_cli_opt(cfg.SubCommandOpt("category"))'),
        ('nova/cmd/common.py', 'logging.register_options(CONF)'),
        ('nova/compute/api.py', 'from . import db'),
        ('tools/cloud.py', 'from nova.db.main import api'),
        ('tools/cloud.py', 'from nova.tools.cloud import cli'),
        ('nova/tools/cloud/state.py', 'from nova.tools.cloud import utils'),
        ('nova/tests/multiprocess/fixtures.py',
         'from nova.tools.cloud import state'),
    )
    @ddt.unpack
    def test_allowed_import_is_not_reported(self, filename, source):
        self.assertEqual([], codes(filename, source))

    def test_package_path_is_found_below_any_checkout(self):
        self.assertEqual('nova/virt/fake.py', checks.package_path(
            '/home/nova/src/nova/nova/virt/fake.py'))
        self.assertEqual('nova/compute/api.py',
                         checks.package_path('./nova/compute/api.py'))
        self.assertIsNone(checks.package_path('tools/cloud.py'))

    def test_flake8_with_the_pep8_config_fails_on_a_violation(self):
        result = subprocess.run(
            [sys.executable, '-m', 'flake8', '--select', 'N31',
             '--stdin-display-name', 'nova/virt/probe.py', '-'],
            input='from nova.db.main import api\n', capture_output=True,
            text=True, cwd=ROOT)
        self.assertEqual(1, result.returncode, result.stderr)
        self.assertIn('nova/virt/probe.py:1:1: N310', result.stdout)
