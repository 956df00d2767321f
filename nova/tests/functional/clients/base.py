"""Run the real OpenStack clients against the embedded cloud.

The clients are the unmodified ``openstack`` and ``nova`` commands run as
subprocesses, and openstacksdk in-process, all configured the way an
operator would configure them for ``nova-all``: the ``clouds.yaml`` that
the cloud writes, and the ``nova`` settings printed by ``usage_text``.
Nothing of the caller's ``OS_*`` environment leaks into them, so what
passes here passes on a clean shell.
"""

import json
import os
import shlex
import subprocess
import sys
import types

import openstack.config
import openstack.connection
from testtools import content

import nova.conf
from nova import context as nova_context
from nova import embedded
from nova import exception
from nova import objects
from nova import policy
from nova.tests.functional import base

CONF = nova.conf.CONF

IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
IMAGE_NAME = 'cirros-0.6.2-x86_64-disk'
ADMIN_CLOUD = 'embedded'
MEMBER_CLOUD = 'embedded-member'
#: Seconds any one CLI run may take before the test fails.
CLI_TIMEOUT = 60
_NOISY_ENV = ('http_proxy', 'https_proxy', 'no_proxy', 'all_proxy')


class CLIError(AssertionError):
    """A CLI exited non-zero when it was expected to succeed."""


def parse_table(text):
    """Rows of a prettytable as lists of cells (header row first).

    A row whose first cell is empty continues the previous row's cells,
    which is how the ``nova`` CLI wraps long values.
    """
    rows = []
    for line in text.splitlines():
        if not line.startswith('|'):
            continue
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if len(rows) > 1 and not cells[0] and any(cells):
            rows[-1] = [(old + ' ' + new).strip() if new else old
                        for old, new in zip(rows[-1], cells)]
        else:
            rows.append(cells)
    return rows


def table_dicts(text):
    """A list table as one dict per row, keyed by column title."""
    rows = parse_table(text)
    if not rows:
        return []
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def property_table(text):
    """A ``Property | Value`` table as a dict."""
    return {row[0]: row[1] for row in parse_table(text)[1:]}


class ClientsTestCase(base.FunctionalTestCase):
    """The embedded cloud plus helpers to drive the real clients."""

    def setUp(self):
        # The previous test's config fixture cleared the parsed (empty)
        # command line, which the process-wide policy enforcer needs to
        # find its policy file: parse again and start a fresh enforcer.
        CONF([], project='nova', default_config_files=[])
        policy.reset()
        self.addCleanup(policy.reset)
        super().setUp()
        objects.register_all()
        self.clouds_yaml = self.cloud.write_clouds_yaml()
        self.endpoint = self.cloud.endpoint
        self.bin_dir = os.path.dirname(sys.executable)
        self.admin_context = nova_context.get_admin_context()
        self._transcript = []
        self.addCleanup(self._end_stray_live_migrations)
        self.addDetail('cli-transcript', content.Content(
            content.UTF8_TEXT,
            lambda: ['\n'.join(self._transcript).encode('utf-8')]))

    def configure(self):
        # A CLI run takes seconds on a loaded machine, and the computes
        # report once (report_interval is an hour here): keep them "up"
        # for as long as a test of many CLI runs lasts.
        self.flags(service_down_time=3600)

    # Subprocess plumbing.

    def _base_env(self):
        """The parent environment without any client setting or proxy."""
        env = {key: value for key, value in os.environ.items()
               if not key.startswith('OS_')
               and key.lower() not in _NOISY_ENV}
        # No ~/.config/openstack of the person running the tests either.
        env['HOME'] = self.state_path
        env['PYTHONWARNINGS'] = 'ignore'
        return env

    def _run(self, argv, env, expect_success=True):
        self._transcript.append('$ ' + ' '.join(argv[1:]))
        proc = subprocess.run(
            argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=CLI_TIMEOUT, cwd=self.state_path)
        self._transcript.append('[rc=%s]\n%s%s' % (
            proc.returncode, proc.stdout, proc.stderr))
        if expect_success and proc.returncode != 0:
            raise CLIError('%s exited %s\nstdout: %s\nstderr: %s' % (
                ' '.join(argv), proc.returncode, proc.stdout, proc.stderr))
        if not expect_success and proc.returncode == 0:
            raise CLIError('%s succeeded but should have failed\n'
                           'stdout: %s' % (' '.join(argv), proc.stdout))
        return proc

    def _binary(self, name):
        return os.path.join(self.bin_dir, name)

    def printed_settings(self):
        """Every ``export K=V`` that nova-all prints for this cloud."""
        settings = {}
        text = embedded.usage_text(self.cloud, self.clouds_yaml)
        for line in text.splitlines():
            words = shlex.split(line)
            if words[:1] == ['export']:
                settings.update(word.split('=', 1) for word in words[1:])
        return settings

    # openstack CLI.

    def openstack(self, *args, cloud=ADMIN_CLOUD, expect_success=True):
        """``openstack --os-cloud CLOUD ARGS`` on the written clouds.yaml."""
        env = self._base_env()
        env['OS_CLIENT_CONFIG_FILE'] = \
            self.printed_settings()['OS_CLIENT_CONFIG_FILE']
        argv = [self._binary('openstack'), '--os-cloud', cloud] + list(args)
        return self._run(argv, env, expect_success=expect_success)

    def openstack_json(self, *args, cloud=ADMIN_CLOUD):
        """The parsed ``-f json`` output of an ``openstack`` command."""
        proc = self.openstack(*(list(args) + ['-f', 'json']), cloud=cloud)
        return json.loads(proc.stdout)

    # nova CLI.

    def nova_env(self):
        """The settings ``nova-all`` prints for the nova CLI."""
        env = self._base_env()
        env.update((key, value)
                   for key, value in self.printed_settings().items()
                   if key != 'OS_CLIENT_CONFIG_FILE')
        return env

    def nova(self, *args, expect_success=True, env=None):
        argv = [self._binary('nova')] + list(args)
        return self._run(argv, env or self.nova_env(),
                         expect_success=expect_success)

    # openstacksdk.

    def sdk_connection(self, cloud=ADMIN_CLOUD):
        """An SDK connection from the same clouds.yaml, no env vars read."""
        config = openstack.config.OpenStackConfig(
            config_files=[self.clouds_yaml], vendor_files=[],
            secure_files=[], load_envvars=False)
        conn = openstack.connection.Connection(
            config=config.get_one(cloud=cloud))
        self.addCleanup(conn.close)
        return conn

    # Database reads for event-driven waits.

    def instance(self, uuid):
        return objects.Instance.get_by_uuid(self.admin_context, uuid)

    def migration(self, migration_id):
        return objects.Migration.get_by_id(self.admin_context,
                                           int(migration_id))

    def migrations_of(self, uuid):
        return objects.MigrationList.get_by_filters(
            self.admin_context, {'instance_uuid': uuid})

    def usage(self, host):
        return objects.ComputeNode.get_by_host_and_nodename(
            self.admin_context, host, host).get_usage()

    def wait_for_instance(self, uuid, vm_state='active', task_state=None,
                          timeout=30):
        """Wait for a settled state, failing early on ``error``."""
        def settled():
            inst = self.instance(uuid)
            if inst.vm_state == 'error' and vm_state != 'error':
                raise AssertionError('instance %s went to error' % uuid)
            if inst.vm_state == vm_state and inst.task_state == task_state:
                return inst
            return None
        return self.wait_for(settled, timeout=timeout,
                             message='%s never reached %s/%s' % (
                                 uuid, vm_state, task_state))

    def wait_for_instance_gone(self, uuid, timeout=30):
        def gone():
            try:
                self.instance(uuid)
            except exception.InstanceNotFound:
                return True
            return False
        return self.wait_for(gone, timeout=timeout,
                             message='%s was never deleted' % uuid)

    def wait_for_migration(self, migration_id, *statuses, timeout=30):
        def reached():
            mig = self.migration(migration_id)
            return mig if mig.status in statuses else None
        return self.wait_for(reached, timeout=timeout,
                             message='migration %s never reached %s' % (
                                 migration_id, statuses))

    def wait_for_migration_of(self, uuid, *statuses, timeout=30):
        """The migration of ``uuid`` once it has one in ``statuses``."""
        def reached():
            for mig in self.migrations_of(uuid):
                if mig.status in statuses:
                    return mig
            return None
        return self.wait_for(reached, timeout=timeout,
                             message='no migration of %s in %s' % (
                                 uuid, statuses))

    # Fixtures made through the REST API (not what these tests prove).

    def boot_server(self, name, host=None):
        """An ACTIVE m1.tiny server, on ``host`` if given; its uuid."""
        body = {'server': {'name': name, 'flavorRef': '1',
                           'imageRef': IMAGE_ID, 'networks': 'none'}}
        if host:
            body['server']['availability_zone'] = 'nova:%s' % host
        resp = self.api.post('/servers', body=body)
        self.assertEqual(202, resp.status_code, resp.text)
        uuid = resp.json()['server']['id']
        inst = self.wait_for_instance(uuid)
        if host:
            self.assertEqual(host, inst.host)
        return uuid

    def _end_stray_live_migrations(self):
        """Finish endless fake migrations a failed test left behind.

        Queued ones then run at full speed; running ones are aborted; the
        cloud stops only once none is in progress.
        """
        busy = False
        for svc in list(self.cloud.computes.values()):
            fake_driver = svc.manager.driver
            fake_driver.live_migration_bandwidth = 0
            for uuid in list(getattr(fake_driver, '_jobs', {})):
                busy = True
                try:
                    fake_driver.live_migration_abort(
                        types.SimpleNamespace(uuid=uuid))
                except Exception:
                    pass
        if busy:
            self.wait_for(lambda: not any(
                mig.status in ('accepted', 'queued', 'preparing', 'running')
                for mig in objects.MigrationList.get_by_filters(
                    self.admin_context, {})), timeout=15)
