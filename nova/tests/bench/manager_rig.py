"""A lone compute manager whose single live-migration worker is held.

Real ``ComputeManager`` (source side, simulating driver), real ``Migration``
rows on a migrated SQLite copy, ``inprocess://`` RPC.  The destination is the
only thing simulated: the compute RPC client's ``pre_live_migration``
holds the first migration's worker, so every later one stays ``queued``.
"""

import fixtures
from futurist import waiters
from oslo_config import fixture as config_fixture
from oslo_utils import uuidutils

from nova.compute import manager as compute_manager
import nova.conf
from nova import context as nova_context
from nova.db.main import api as db_api
from nova import objects
from nova.tests.bench import cloud as bench_cloud
from nova.tests.bench import queue_memory
from nova.tests import fixtures as nova_fixtures

CONF = nova.conf.CONF
SOURCE = 'compute1'
DEST = 'compute2'


class _HeldDestination:
    """The compute RPC client: pre-live-migration waits, the rest is void."""

    def __init__(self):
        self.holder = queue_memory.Holder()

    def pre_live_migration(self, context, instance, block_migration,
                           migrate_data, host):
        self.holder.hold()
        return migrate_data

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class ManagerRig(fixtures.Fixture):

    def _setUp(self):
        CONF([], project='nova', default_config_files=[])
        conf = self.useFixture(config_fixture.Config(CONF))
        conf.config(state_path=self.useFixture(fixtures.TempDir()).path,
                    max_concurrent_live_migrations=1)
        conf.config(connection='sqlite://', group='database')
        self.useFixture(nova_fixtures.Database())
        self.useFixture(nova_fixtures.RPCFixture('inprocess://'))
        objects.register_all()
        self.ctxt = nova_context.get_admin_context()
        self.manager = compute_manager.ComputeManager(host=SOURCE)
        self.source = self.manager.live_migrations
        self.destination = _HeldDestination()
        self.source.compute_rpcapi = self.destination

    def measure(self, size, figures):
        """Queue ``size`` behind a held one: (before, after, seconds)."""
        holder_instance, holder_migration = self._pairs(1)[0]
        # Only the held worker ever writes its instance (when it rolls
        # back at the end), so only that one needs a row.
        holder_instance.create()
        self._enqueue(holder_instance, holder_migration)
        held = self.source.queue.waiting[holder_instance.uuid].future
        try:
            self.destination.holder.wait_started()
            pairs = self._pairs(size)
            before = figures()
            start = bench_cloud.now()
            for instance, migration in pairs:
                self._enqueue(instance, migration)
            seconds = bench_cloud.now() - start
            after = figures()
            queue_memory.check_waiting(len(self.source.queue), size)
        finally:
            # Drop the queue without the per-migration revert of a
            # graceful stop (the database is thrown away), then let the
            # held worker roll back.
            self.source.queue.shutdown()
            self.destination.holder.release()
            # Before the database goes away under it.
            waiters.wait_for_all([held], queue_memory.HOLD_TIMEOUT)
        return before, after, seconds

    def _enqueue(self, instance, migration):
        self.source.enqueue(self.ctxt, instance, DEST, False, migration,
                            None)

    def _pairs(self, count):
        """(instance, migration) pairs; migrations saved ``accepted``."""
        pairs = [(self._instance(), None) for _ in range(count)]
        with db_api.context_manager.writer.using(self.ctxt):
            pairs = [(instance, self._migration(instance))
                     for instance, _none in pairs]
        return pairs

    def _instance(self):
        return objects.Instance(
            self.ctxt, uuid=uuidutils.generate_uuid(), user_id='admin',
            project_id='admin', display_name='bench', hostname='bench',
            instance_type_id=1, vcpus=1, memory_mb=512, root_gb=1,
            ephemeral_gb=0, host=SOURCE, node=SOURCE, vm_state='active',
            task_state='migrating', power_state=1)

    def _migration(self, instance):
        migration = objects.Migration(
            self.ctxt, uuid=uuidutils.generate_uuid(),
            instance_uuid=instance.uuid, status='accepted',
            migration_type='live-migration', source_compute=SOURCE,
            source_node=SOURCE, dest_compute=DEST, dest_node=DEST,
            old_instance_type_id=1, new_instance_type_id=1,
            user_id='admin', project_id='admin')
        migration.create()
        return migration
