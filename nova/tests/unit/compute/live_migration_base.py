"""What the live-migration unit tests share: a stub driver, a real world.

The stub driver implements only the driver methods the source, the repair
and the manager call, records every call, and holds a migration inside
``live_migration`` on an Event until the test lets it go.  Everything else
is real: the queue, the migration_states table and the objects on a
migrated SQLite database.  Only the RPC clients (compute, scheduler) are
mocks, so the tests assert what would have crossed the wire.

Nothing sleeps: every wait is on an Event with a timeout that fails loudly.
"""

import threading
from unittest import mock

from oslo_utils import uuidutils

from nova.compute import rpcapi as compute_rpcapi
from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests import fixtures as nova_fixtures

WAIT = 30
SOURCE = 'src'
DEST = 'dest'
CHECKED = {'checked_by': DEST}
# What the stub driver reports through the progress callback.
PROGRESS = (1024, 512, 512, 0, 0, 0)


def wait_for(testcase, event):
    testcase.assertTrue(event.wait(WAIT), 'timed out waiting for an event')


class Gate(object):
    """Stands in for a blocking call: reports it was entered, then holds."""

    def __init__(self, result=None):
        self.entered = threading.Event()
        self.release = threading.Event()
        self.result = result

    def __call__(self, *args, **kwargs):
        self.entered.set()
        if not self.release.wait(WAIT):
            raise AssertionError('gate never released')
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


class DriverJob(object):
    """One live migration inside the stub driver."""

    def __init__(self):
        self.entered = threading.Event()
        self.release = threading.Event()
        self.registered = False
        self.aborted = False


class StubDriver(object):
    """The driver methods the live-migration units call, and no others.

    ``hold``: ``live_migration`` waits for its job's ``release``.
    ``register_late``: the job can be aborted only once released (an
    abort before that raises Conflict, as a driver that has not started
    the job yet does).  ``ignore_abort``: aborts are recorded, not obeyed.
    ``outcome``: ``'completed'`` calls the post method, any other status
    the recover method with it; an exception is raised instead.
    """

    def __init__(self, host=SOURCE):
        self.host = host
        self.calls = []
        self.hold = False
        self.register_late = False
        self.ignore_abort = False
        self.outcome = 'completed'
        self.incoming = []
        self._jobs = {}
        self._lock = threading.Lock()

    def _record(self, name, instance=None, **details):
        self.calls.append((name, getattr(instance, 'uuid', instance),
                           details))

    def called(self, name):
        """``(instance uuid, details)`` of each call of ``name``."""
        return [(uuid, details) for method, uuid, details in self.calls
                if method == name]

    def job(self, instance_uuid):
        """The instance's job, made on first ask so tests can wait on it."""
        with self._lock:
            return self._jobs.setdefault(instance_uuid, DriverJob())

    def release_all(self):
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.release.set()

    # Live migration, source side.

    def live_migration(self, context, instance, dest, post_method,
                       recover_method, block_migration=False,
                       migrate_data=None, progress_method=None):
        self._record('live_migration', instance, dest=dest,
                     migrate_data=migrate_data)
        job = self.job(instance.uuid)
        with self._lock:
            job.registered = not self.register_late
        job.entered.set()
        if self.hold and not job.release.wait(WAIT):
            raise AssertionError('driver job never released')
        with self._lock:
            job.registered = True
        if progress_method is not None:
            progress_method(*PROGRESS)
        if isinstance(self.outcome, Exception):
            raise self.outcome
        if job.aborted:
            recover_method(context, instance, dest, migrate_data,
                           migration_status='cancelled')
        elif self.outcome == 'completed':
            post_method(context, instance, dest, block_migration,
                        migrate_data)
        else:
            recover_method(context, instance, dest, migrate_data,
                           migration_status=self.outcome)

    def live_migration_abort(self, instance):
        self._record('live_migration_abort', instance)
        job = self.job(instance.uuid)
        with self._lock:
            if not job.registered:
                raise exception.Conflict()
            if self.ignore_abort:
                return
            job.aborted = True
        job.release.set()

    def live_migration_force_complete(self, instance):
        self._record('live_migration_force_complete', instance)

    def post_live_migration_at_source(self, context, instance,
                                      network_info=None):
        self._record('post_live_migration_at_source', instance)

    # Destination side (forget_abandoned at start).

    def list_incoming_uuids(self):
        return list(self.incoming)

    def rollback_live_migration_at_destination(self, context, instance,
                                               migrate_data=None):
        self._record('rollback_live_migration_at_destination', instance)

    # Host lifecycle and delete (the manager).

    def init_host(self, host):
        self._record('init_host', host)

    def cleanup_host(self, host):
        self._record('cleanup_host', host)

    def get_available_nodes(self, refresh=False):
        return [self.host]

    def get_available_resource(self, nodename):
        return {'vcpus': 8, 'memory_mb': 8192, 'local_gb': 100,
                'hypervisor_type': 'fake'}

    def destroy(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True):
        self._record('destroy', instance)


def compute_rpc_mock():
    """A compute RPC client whose destination prepares what it is given."""
    rpc = mock.create_autospec(compute_rpcapi.ComputeAPI, instance=True)
    rpc.pre_live_migration.side_effect = (
        lambda ctxt, instance, block_migration, migrate_data, host:
        dict(migrate_data or {}, prepared_on=host))
    rpc.check_can_live_migrate_destination.return_value = dict(CHECKED)
    return rpc


class RequestTestCase(test.TestCase):
    """A migrated database and an admin request whose actions we record."""

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(nova_fixtures.Database())
        self.ctxt = nova_context.RequestContext(
            'user', 'project', is_admin=True,
            request_id='req-' + uuidutils.generate_uuid())


class LiveMigrationTestCase(RequestTestCase):
    """Two hosts, their nodes and services, on a real database."""

    def setUp(self):
        super().setUp()
        self.nodes = {host: self.make_host(host) for host in (SOURCE, DEST)}

    def make_host(self, host):
        objects.Service(self.ctxt, host=host, binary='nova-compute',
                        topic='compute').create()
        return objects.ComputeNode.create_or_update(self.ctxt, {
            'host': host, 'hypervisor_hostname': host,
            'hypervisor_type': 'fake', 'vcpus': 8, 'memory_mb': 8192,
            'local_gb': 100, 'cpu_allocation_ratio': 1.0,
            'ram_allocation_ratio': 1.0, 'disk_allocation_ratio': 1.0})

    def make_instance(self, host=SOURCE, task_state='migrating'):
        """An active server on ``host`` holding its usage there."""
        instance = objects.Instance(
            self.ctxt, uuid=uuidutils.generate_uuid(), user_id='user',
            project_id='project', display_name='vm', host=host, node=host,
            vm_state='active', task_state=task_state, power_state=1,
            vcpus=1, memory_mb=512, root_gb=1, ephemeral_gb=0)
        instance.create()
        objects.ResourceClaim.claim(self.ctxt, instance.uuid, host, host,
                                    instance.resources())
        return instance

    def make_migration(self, instance, status='accepted', claim=True,
                       block_migration=False):
        """A live migration SOURCE -> DEST, claiming DEST for itself."""
        migration = objects.Migration(
            self.ctxt, uuid=uuidutils.generate_uuid(),
            instance_uuid=instance.uuid, status=status,
            migration_type='live-migration', source_compute=SOURCE,
            source_node=SOURCE, dest_compute=DEST, dest_node=DEST,
            block_migration=block_migration,
            user_id='user', project_id='project')
        migration.create()
        if claim:
            objects.ResourceClaim.claim(self.ctxt, migration.uuid, DEST,
                                        DEST, instance.resources())
        return migration

    def start_action(self, instance, action='live-migration'):
        objects.InstanceAction.action_start(self.ctxt, instance.uuid, action)

    # What the database says now.

    def status(self, migration):
        return objects.Migration.get_by_id(self.ctxt, migration.id).status

    def task_state(self, instance):
        return objects.Instance.get_by_uuid(self.ctxt,
                                            instance.uuid).task_state

    def held_on(self, consumer_uuid):
        """The hosts a consumer holds resources on."""
        ids = objects.ResourceClaim.held_by(self.ctxt, consumer_uuid)
        return sorted(host for host, node in self.nodes.items()
                      if str(node.id) in ids)

    def fault(self, instance):
        faults = objects.InstanceFaultList.get_latest_by_instance_uuids(
            self.ctxt, [instance.uuid])
        return faults[0] if len(faults) else None

    def events(self, instance):
        """``{event name: result}`` of the test's request."""
        action = objects.InstanceAction.get_by_request_id(
            self.ctxt, instance.uuid, self.ctxt.request_id)
        return {event.event: event.result for event in
                objects.InstanceActionEventList.get_by_action(self.ctxt,
                                                              action.id)}

    def assert_reverted(self, instance, migration, status):
        """Ended ``status``, claim and task_state given back, still home."""
        self.assertEqual(status, self.status(migration))
        self.assertEqual([], self.held_on(migration.uuid))
        self.assertIsNone(self.task_state(instance))
        self.assertEqual([SOURCE], self.held_on(instance.uuid))
