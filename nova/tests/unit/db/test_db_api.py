"""The main database's query functions on SQLite, MariaDB and PostgreSQL.

Each test runs once per backend (ddt); the server backends are skipped
when not configured.  The compare-and-swap tests show that the guard is
in the UPDATE itself: a writer holding a stale view loses.
"""

import datetime
import threading

import ddt
from oslo_utils import fixture as utils_fixture
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova import context
from nova.db.main import actions
from nova.db.main import api
from nova.db.main import catalog
from nova.db.main import instances
from nova.db.main import migration_records
from nova.db.main import models
from nova.db.main import services
from nova import exception
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.unit import db as db_tests

T0 = datetime.datetime(2026, 1, 2, 3, 4, 5)


def at(seconds):
    return T0 + datetime.timedelta(seconds=seconds)


class DbTestCase(test.TestCase):

    def use_backend(self, backend):
        db_tests.skip_unless_available(self, backend)
        self.database = self.useFixture(nova_fixtures.Database(backend))
        self.ctxt = context.get_admin_context()

    def _service(self, host='host1', binary='nova-compute', **values):
        values.update(host=host, binary=binary)
        return services.service_create(self.ctxt, values)

    def _node(self, host='host1', vcpus=4, memory_mb=4096, local_gb=100,
              cpu_ratio=1.0, ram_ratio=1.0, disk_ratio=1.0):
        return services.compute_node_create_or_update(self.ctxt, {
            'host': host, 'hypervisor_hostname': host,
            'hypervisor_type': 'fake', 'vcpus': vcpus,
            'memory_mb': memory_mb, 'local_gb': local_gb,
            'cpu_allocation_ratio': cpu_ratio,
            'ram_allocation_ratio': ram_ratio,
            'disk_allocation_ratio': disk_ratio})

    def _instance(self, **values):
        values.setdefault('uuid', uuidutils.generate_uuid())
        values.setdefault('project_id', 'demo')
        values.setdefault('vm_state', 'active')
        return instances.instance_create(self.ctxt, values)

    def _migration(self, **values):
        values.setdefault('uuid', uuidutils.generate_uuid())
        values.setdefault('instance_uuid', uuidutils.generate_uuid())
        values.setdefault('status', 'queued')
        values.setdefault('migration_type', 'live-migration')
        values.setdefault('source_compute', 'host1')
        values.setdefault('dest_compute', 'host2')
        return migration_records.migration_create(self.ctxt, values)


class SqliteEngineTestCase(DbTestCase):

    def test_file_database_runs_in_wal_mode(self):
        self.use_backend('sqlite')
        with self.database.engine.connect() as conn:
            mode = conn.exec_driver_sql('PRAGMA journal_mode').scalar()
            sync = conn.exec_driver_sql('PRAGMA synchronous').scalar()
        self.assertEqual('wal', mode)
        self.assertEqual(1, sync)  # NORMAL

    def _begins(self):
        """The BEGINs this project issues (oslo.db's plain one aside)."""
        begins = []
        sa.event.listen(self.database.engine, 'before_cursor_execute',
                        lambda conn, cursor, statement, *args: begins.append(
                            statement) if statement.startswith('BEGIN ')
                        else None)
        return begins

    def test_readers_begin_deferred_writers_immediate(self):
        self.use_backend('sqlite')
        begins = self._begins()
        services.service_get_all(self.ctxt)
        self._service()
        self.assertEqual(['BEGIN DEFERRED', 'BEGIN IMMEDIATE'], begins)

    def test_writers_take_turns_and_wake_the_next(self):
        """A second writer waits for the first's commit, not a timeout."""
        self.use_backend('sqlite')
        first_in, second_done = threading.Event(), threading.Event()
        release = threading.Event()
        order = []

        @api.context_manager.writer
        def slow_writer(context):
            self._service(host='first')
            first_in.set()
            release.wait(30)
            order.append('first')

        def second():
            first_in.wait(30)
            self._service(host='second')
            order.append('second')
            second_done.set()

        thread = threading.Thread(target=second, daemon=True)
        thread.start()
        worker = threading.Thread(target=slow_writer, args=(self.ctxt,),
                                  daemon=True)
        worker.start()
        self.assertTrue(first_in.wait(30))
        self.assertFalse(second_done.is_set())
        release.set()
        self.assertTrue(second_done.wait(30))
        worker.join(30)
        self.assertEqual(['first', 'second'], order)
        self.assertEqual(2, len(services.service_get_all(self.ctxt)))


@ddt.ddt
class ServiceTestCase(DbTestCase):

    @ddt.data(*db_tests.BACKENDS)
    def test_create_get_and_duplicate(self, backend):
        self.use_backend(backend)
        row = self._service(topic='compute', version=7)
        self.assertEqual(row.id, services.service_get(self.ctxt, row.id).id)
        self.assertEqual(row.id, services.service_get_by_uuid(
            self.ctxt, row.uuid).id)
        found = services.service_get_by_host_and_binary(
            self.ctxt, 'host1', 'nova-compute')
        self.assertEqual((7, 0, False), (found.version, found.report_count,
                                         found.disabled))
        self.assertRaises(exception.ServiceExists, self._service)
        self.assertRaises(exception.ComputeHostNotFound,
                          services.service_get_by_host_and_binary,
                          self.ctxt, 'host1', 'nova-scheduler')
        self.assertRaises(exception.ServiceNotFound, services.service_get,
                          self.ctxt, row.id + 100)

    @ddt.data(*db_tests.BACKENDS)
    def test_get_all_filters(self, backend):
        self.use_backend(backend)
        first = self._service('host1')
        self._service('host2', disabled=True)
        self._service('host1', 'nova-scheduler')

        def hosts(**kw):
            return [(s.host, s.binary) for s in
                    services.service_get_all(self.ctxt, **kw)]
        self.assertEqual(3, len(hosts()))
        self.assertEqual([('host1', 'nova-compute'),
                          ('host1', 'nova-scheduler')], hosts(host='host1'))
        self.assertEqual([('host2', 'nova-compute')], hosts(disabled=True))
        self.assertEqual(['host1', 'host2'], [
            h for h, _ in hosts(binary='nova-compute')])
        services.service_update(self.ctxt, first.id, {'disabled': True})
        self.assertEqual(2, len(hosts(disabled=True)))

    @ddt.data(*db_tests.BACKENDS)
    def test_heartbeat_counts_and_stamps(self, backend):
        self.use_backend(backend)
        row = self._service()
        self.assertIsNone(row.last_seen_up)
        clock = self.useFixture(utils_fixture.TimeFixture(at(0)))
        services.service_heartbeat(self.ctxt, row.id)
        clock.advance_time_seconds(10)
        beat = services.service_heartbeat(self.ctxt, row.id)
        self.assertEqual((2, at(10)), (beat.report_count, beat.last_seen_up))

    @ddt.data(*db_tests.BACKENDS)
    def test_destroy_is_soft_and_frees_the_name(self, backend):
        self.use_backend(backend)
        row = self._service()
        services.service_destroy(self.ctxt, row.id)
        self.assertRaises(exception.ServiceNotFound, services.service_get,
                          self.ctxt, row.id)
        deleted_ctxt = context.get_admin_context(read_deleted='yes')
        self.assertEqual(row.id, services.service_get(
            deleted_ctxt, row.id).deleted)
        self.assertNotEqual(row.id, self._service().id)

    @ddt.data(*db_tests.BACKENDS)
    def test_minimum_version_ignores_forced_down_and_deleted(self, backend):
        self.use_backend(backend)
        self._service('host1', version=5)
        self._service('host2', version=2, forced_down=True)
        gone = self._service('host3', version=1)
        services.service_destroy(self.ctxt, gone.id)
        self._service('host4', 'nova-conductor', version=0)
        self.assertEqual(5, services.service_get_minimum_version(
            self.ctxt, 'nova-compute'))
        self.assertIsNone(services.service_get_minimum_version(
            self.ctxt, 'nova-scheduler'))


@ddt.ddt
class ComputeNodeTestCase(DbTestCase):

    @ddt.data(*db_tests.BACKENDS)
    def test_create_then_update_same_row(self, backend):
        self.use_backend(backend)
        node = self._node(vcpus=4)
        self.assertEqual(0, node.generation)
        again = self._node(vcpus=8)
        self.assertEqual((node.id, node.uuid, 8),
                         (again.id, again.uuid, again.vcpus))
        self._node('host2')
        self.assertEqual(['host1', 'host2'], [
            n.host for n in services.compute_node_get_all(self.ctxt)])
        self.assertEqual([node.id], [
            n.id for n in services.compute_node_get_all(self.ctxt, 'host1')])
        by_name = services.compute_node_get_by_host_and_nodename(
            self.ctxt, 'host1', 'host1')
        self.assertEqual(node.id, by_name.id)
        self.assertRaises(exception.ComputeNodeNotFound,
                          services.compute_node_get_by_host_and_nodename,
                          self.ctxt, 'host1', 'other')
        self.assertRaises(exception.ComputeNodeNotFound,
                          services.compute_node_get, self.ctxt, node.id + 99)


@ddt.ddt
class InstanceTestCase(DbTestCase):

    @ddt.data(*db_tests.BACKENDS)
    def test_create_get_destroy(self, backend):
        self.use_backend(backend)
        row = self._instance(display_name='vm', vcpus=2)
        got = instances.instance_get_by_uuid(self.ctxt, row.uuid)
        self.assertEqual(('vm', 2, 0), (got.display_name, got.vcpus,
                                        got.deleted))
        gone = instances.instance_destroy(self.ctxt, row.uuid)
        self.assertIsNotNone(gone.terminated_at)
        self.assertRaises(exception.InstanceNotFound,
                          instances.instance_get_by_uuid, self.ctxt, row.uuid)
        deleted_ctxt = context.get_admin_context(read_deleted='only')
        self.assertEqual(row.id, instances.instance_get_by_uuid(
            deleted_ctxt, row.uuid).deleted)

    @ddt.data(*db_tests.BACKENDS)
    def test_update_with_expected_task_state(self, backend):
        self.use_backend(backend)
        row = self._instance(task_state=None)
        updated = instances.instance_update(
            self.ctxt, row.uuid, {'task_state': 'migrating'},
            expected_task_state=(None,))
        self.assertEqual('migrating', updated.task_state)
        exc = self.assertRaises(
            exception.UnexpectedTaskStateError, instances.instance_update,
            self.ctxt, row.uuid, {'task_state': 'deleting'},
            expected_task_state=(None, 'spawning'))
        self.assertIn('migrating', str(exc))
        self.assertEqual('migrating', instances.instance_get_by_uuid(
            self.ctxt, row.uuid).task_state)
        self.assertRaises(
            exception.UnexpectedTaskStateError, instances.instance_update,
            self.ctxt, row.uuid, {'task_state': None},
            expected_task_state=('migrating',), expected_vm_state=('error',))
        done = instances.instance_update(
            self.ctxt, row.uuid, {'task_state': None, 'host': 'host2'},
            expected_task_state=('migrating',), expected_vm_state=('active',))
        self.assertEqual((None, 'host2'), (done.task_state, done.host))

    @ddt.data(*db_tests.BACKENDS)
    def test_two_writers_from_the_same_state_one_wins(self, backend):
        """Both saw task_state None; the second conditional write loses."""
        self.use_backend(backend)
        row = self._instance(task_state=None)
        seen_by_both = instances.instance_get_by_uuid(self.ctxt, row.uuid)
        self.assertIsNone(seen_by_both.task_state)
        instances.instance_update(self.ctxt, row.uuid,
                                  {'task_state': 'migrating'},
                                  expected_task_state=(None,))
        self.assertRaises(exception.UnexpectedTaskStateError,
                          instances.instance_update, self.ctxt, row.uuid,
                          {'task_state': 'deleting'},
                          expected_task_state=(None,))
        self.assertEqual('migrating', instances.instance_get_by_uuid(
            self.ctxt, row.uuid).task_state)

    @ddt.data(*db_tests.BACKENDS)
    def test_filters(self, backend):
        self.use_backend(backend)
        a = self._instance(host='host1', display_name='web-1')
        b = self._instance(host='host2', display_name='web-2',
                           project_id='other')
        c = self._instance(host='host1', display_name='db-1',
                           vm_state='error')
        instances.instance_destroy(self.ctxt, self._instance(
            host='host1').uuid)

        def uuids(filters):
            return {i.uuid for i in instances.instance_get_all_by_filters(
                self.ctxt, filters)}
        self.assertEqual({a.uuid, c.uuid}, uuids({'host': 'host1'}))
        self.assertEqual({b.uuid}, uuids({'project_id': 'other'}))
        self.assertEqual({a.uuid, b.uuid}, uuids({'name': 'web'}))
        self.assertEqual({a.uuid, b.uuid},
                         uuids({'vm_state': ['active', 'stopped']}))
        self.assertEqual({c.uuid}, uuids({'host': 'host1',
                                          'vm_state': 'error'}))
        self.assertEqual(set(), uuids({'uuid': []}))

    @ddt.data(*db_tests.BACKENDS)
    def test_paging_by_marker_with_ties(self, backend):
        self.use_backend(backend)
        stamps = (0, 10, 10, 10, 20)
        rows = [self._instance(created_at=at(s)) for s in stamps]
        newest_first = [r.uuid for r in sorted(
            rows, key=lambda r: (r.created_at, r.id), reverse=True)]
        for sort_dir, expected in (('desc', newest_first),
                                   ('asc', newest_first[::-1])):
            self.assertEqual(expected, self._page_through(sort_dir, 2))
        self.assertRaises(exception.MarkerNotFound,
                          instances.instance_get_all_by_filters, self.ctxt,
                          {}, marker=uuidutils.generate_uuid())

    @ddt.data(*db_tests.BACKENDS)
    def test_name_is_a_regular_expression(self, backend):
        self.use_backend(backend)
        for name in ('web-1', 'web-2', 'db-1', None):
            self._instance(display_name=name)

        def names(pattern):
            return sorted(i.display_name for i in
                          instances.instance_get_all_by_filters(
                              self.ctxt, {'name': pattern}))
        self.assertEqual(['web-1', 'web-2'], names('^web'))
        self.assertEqual(['db-1', 'web-1'], names('-1$'))
        self.assertEqual(['db-1', 'web-1', 'web-2'], names('.'))

    @ddt.data(*db_tests.BACKENDS)
    def test_several_sort_keys_page_in_order(self, backend):
        self.use_backend(backend)
        names = ('b', 'a', 'b', 'a', 'c')
        rows = [self._instance(display_name=n) for n in names]
        expected = [r.uuid for r in sorted(
            rows, key=lambda r: (r.display_name, -r.id))]
        seen, marker = [], None
        while True:
            page = instances.instance_get_all_by_filters(
                self.ctxt, {}, limit=2, marker=marker,
                sort_keys=['display_name', 'id'], sort_dirs=['asc', 'desc'])
            seen.extend(i.uuid for i in page)
            if len(page) < 2:
                break
            marker = page[-1].uuid
        self.assertEqual(expected, seen)

    def _page_through(self, sort_dir, limit):
        seen, marker = [], None
        while True:
            page = instances.instance_get_all_by_filters(
                self.ctxt, {}, limit=limit, marker=marker,
                sort_dirs=[sort_dir, sort_dir])
            seen.extend(i.uuid for i in page)
            if len(page) < limit:
                return seen
            marker = page[-1].uuid


@ddt.ddt
class FaultTestCase(DbTestCase):

    @ddt.data(*db_tests.BACKENDS)
    def test_faults_newest_first_per_instance(self, backend):
        self.use_backend(backend)
        one, two = uuidutils.generate_uuid(), uuidutils.generate_uuid()
        for seconds, message in ((0, 'old'), (5, 'new')):
            instances.instance_fault_create(self.ctxt, {
                'instance_uuid': one, 'code': 500, 'message': message,
                'created_at': at(seconds)})
        faults = instances.instance_fault_get_by_instance_uuids(
            self.ctxt, [one, two])
        self.assertEqual(['new', 'old'], [f.message for f in faults[one]])
        self.assertEqual([], faults[two])


@ddt.ddt
class MigrationTestCase(DbTestCase):

    @ddt.data(*db_tests.BACKENDS)
    def test_create_and_get(self, backend):
        self.use_backend(backend)
        row = self._migration(memory_total=2 ** 33)
        self.assertEqual(2 ** 33, migration_records.migration_get(
            self.ctxt, row.id).memory_total)
        self.assertEqual(row.id, migration_records.migration_get_by_uuid(
            self.ctxt, row.uuid).id)
        by_instance = migration_records.migration_get_by_id_and_instance(
            self.ctxt, row.id, row.instance_uuid)
        self.assertEqual(row.id, by_instance.id)
        self.assertRaises(exception.MigrationNotFoundForInstance,
                          migration_records.migration_get_by_id_and_instance,
                          self.ctxt, row.id, uuidutils.generate_uuid())
        self.assertRaises(exception.MigrationNotFound,
                          migration_records.migration_get_by_uuid,
                          self.ctxt, uuidutils.generate_uuid())

    @ddt.data(*db_tests.BACKENDS)
    def test_get_with_compute_version(self, backend):
        self.use_backend(backend)
        self._service(host='host1', version=2)
        self._service(host='host1', binary='nova-conductor', version=9)
        row = self._migration()
        got, version = migration_records.migration_get_with_compute_version(
            self.ctxt, row.id, row.instance_uuid, 'host1')
        self.assertEqual((row.uuid, 2), (got.uuid, version))
        got, version = migration_records.migration_get_with_compute_version(
            self.ctxt, row.id, row.instance_uuid, 'ghost')
        self.assertEqual((row.uuid, None), (got.uuid, version))
        self.assertRaises(exception.MigrationNotFoundForInstance,
                          migration_records.migration_get_with_compute_version,
                          self.ctxt, row.id, uuidutils.generate_uuid(),
                          'host1')

    @ddt.data(*db_tests.BACKENDS)
    def test_update_with_expected_status(self, backend):
        self.use_backend(backend)
        row = self._migration(status='queued')
        moved = migration_records.migration_update(
            self.ctxt, row.id, {'status': 'preparing'},
            expected_status='queued')
        self.assertEqual('preparing', moved.status)
        exc = self.assertRaises(
            exception.InvalidMigrationTransition,
            migration_records.migration_update, self.ctxt, row.id,
            {'status': 'running'}, expected_status=('queued', 'accepted'))
        self.assertIn('preparing', str(exc))
        self.assertEqual('preparing', migration_records.migration_get(
            self.ctxt, row.id).status)
        unguarded = migration_records.migration_update(
            self.ctxt, row.id, {'memory_processed': 5})
        self.assertEqual(5, unguarded.memory_processed)

    @ddt.data(*db_tests.BACKENDS)
    def test_abort_and_worker_race_from_queued_one_wins(self, backend):
        """Abort and the worker both leave ``queued``: only one may."""
        self.use_backend(backend)
        row = self._migration(status='queued')
        migration_records.migration_update(
            self.ctxt, row.id, {'status': 'cancelled'},
            expected_status='queued')
        self.assertRaises(exception.InvalidMigrationTransition,
                          migration_records.migration_update, self.ctxt,
                          row.id, {'status': 'preparing'},
                          expected_status='queued')
        self.assertEqual('cancelled', migration_records.migration_get(
            self.ctxt, row.id).status)

    @ddt.data(*db_tests.BACKENDS)
    def test_filters(self, backend):
        self.use_backend(backend)
        inst = uuidutils.generate_uuid()
        a = self._migration(instance_uuid=inst, status='running')
        b = self._migration(source_compute='host3', dest_compute='host1',
                            status='completed')
        c = self._migration(source_compute='host3', dest_compute='host4',
                            migration_type='resize', hidden=True)
        gone = self._migration()
        with api.context_manager.writer.using(self.ctxt) as session:
            api.soft_delete(session.get(models.Migration, gone.id))

        def ids(filters):
            return {m.id for m in migration_records.
                    migration_get_all_by_filters(self.ctxt, filters)}
        self.assertEqual({a.id, b.id}, ids({'host': 'host1'}))
        self.assertEqual({a.id}, ids({'instance_uuid': inst}))
        self.assertEqual({a.id, b.id}, ids({'status': ['running',
                                                       'completed']}))
        self.assertEqual({b.id}, ids({'status': 'completed'}))
        self.assertEqual({c.id}, ids({'migration_type': 'resize'}))
        self.assertEqual({a.id, b.id}, ids({'hidden': False}))
        self.assertEqual({b.id, c.id}, ids({'source_compute': 'host3'}))

    @ddt.data(*db_tests.BACKENDS)
    def test_changes_since(self, backend):
        self.use_backend(backend)
        old = self._migration()
        new = self._migration()
        clock = self.useFixture(utils_fixture.TimeFixture(at(0)))
        migration_records.migration_update(self.ctxt, old.id,
                                           {'memory_total': 1})
        clock.advance_time_seconds(60)
        migration_records.migration_update(self.ctxt, new.id,
                                           {'memory_total': 1})
        self.assertEqual([new.id], [
            m.id for m in migration_records.migration_get_all_by_filters(
                self.ctxt, {'changes-since': at(30)})])

    @ddt.data(*db_tests.BACKENDS)
    def test_paging(self, backend):
        self.use_backend(backend)
        rows = [self._migration(created_at=at(s)) for s in (0, 10, 10, 20)]
        newest_first = [r.id for r in sorted(
            rows, key=lambda r: (r.created_at, r.id), reverse=True)]
        oldest_first = sorted(r.id for r in rows)
        for sort_newest, expected in ((True, newest_first),
                                      (False, oldest_first)):
            self.assertEqual(expected, self._page_through(sort_newest))
        self.assertRaises(exception.MarkerNotFound,
                          migration_records.migration_get_all_by_filters,
                          self.ctxt, {}, marker=uuidutils.generate_uuid())

    def _page_through(self, sort_newest, limit=3):
        seen, marker = [], None
        while True:
            page = migration_records.migration_get_all_by_filters(
                self.ctxt, {}, sort_newest=sort_newest, limit=limit,
                marker=marker)
            seen.extend(m.id for m in page)
            if len(page) < limit:
                return seen
            marker = page[-1].uuid


@ddt.ddt
class ActionTestCase(DbTestCase):

    def _start(self, instance_uuid, request_id, seconds):
        return actions.action_start(self.ctxt, {
            'action': 'live-migration', 'instance_uuid': instance_uuid,
            'request_id': request_id, 'start_time': at(seconds),
            'created_at': at(seconds)})

    @ddt.data(*db_tests.BACKENDS)
    def test_actions_newest_first_and_paged(self, backend):
        self.use_backend(backend)
        inst = uuidutils.generate_uuid()
        for index in range(3):
            self._start(inst, 'req-%d' % index, index)
        self._start(uuidutils.generate_uuid(), 'req-x', 9)
        listed = actions.actions_get(self.ctxt, inst)
        self.assertEqual(['req-2', 'req-1', 'req-0'],
                         [a.request_id for a in listed])
        page = actions.actions_get(self.ctxt, inst, limit=1, marker='req-2')
        self.assertEqual(['req-1'], [a.request_id for a in page])
        self.assertRaises(exception.InstanceActionNotFound,
                          actions.action_get_by_request_id, self.ctxt, inst,
                          'req-x')

    @ddt.data(*db_tests.BACKENDS)
    def test_events_and_error_marks_the_action(self, backend):
        self.use_backend(backend)
        inst = uuidutils.generate_uuid()
        action = self._start(inst, 'req-1', 0)
        actions.action_event_start(self.ctxt, inst, 'req-1', {
            'event': 'compute_live_migration', 'host': 'host1',
            'start_time': at(1)})
        finished = actions.action_event_finish(
            self.ctxt, inst, 'req-1', 'compute_live_migration',
            {'result': 'Success', 'finish_time': at(2)})
        self.assertEqual(('Success', at(2)),
                         (finished.result, finished.finish_time))
        self.assertIsNone(actions.action_get_by_request_id(
            self.ctxt, inst, 'req-1').message)
        actions.action_event_finish(self.ctxt, inst, 'req-1', 'never_started',
                                    {'result': 'Error', 'traceback': 'tb'})
        events = actions.action_events_get(self.ctxt, action.id)
        self.assertEqual([('compute_live_migration', 'Success'),
                          ('never_started', 'Error')],
                         [(e.event, e.result) for e in events])
        self.assertIsNotNone(events[1].start_time)
        marked = actions.action_get_by_request_id(self.ctxt, inst, 'req-1')
        self.assertEqual('Error', marked.message)
        self.assertIsNotNone(marked.updated_at)
        self.assertEqual(1, len(actions.actions_get(
            self.ctxt, inst, changes_since=at(0))))


@ddt.ddt
class CatalogTestCase(DbTestCase):
    """Migration 0002 seeds the m1 flavors and the default image."""

    @ddt.data(*db_tests.BACKENDS)
    def test_seeded_flavors(self, backend):
        self.use_backend(backend)
        listed = [(f.flavorid, f.name, f.vcpus, f.memory_mb, f.root_gb)
                  for f in catalog.flavor_get_all(self.ctxt)]
        self.assertEqual([('1', 'm1.tiny', 1, 512, 1),
                          ('2', 'm1.small', 1, 2048, 20),
                          ('3', 'm1.medium', 2, 4096, 40),
                          ('4', 'm1.large', 4, 8192, 80),
                          ('5', 'm1.xlarge', 8, 16384, 160)], listed)
        tiny = catalog.flavor_get_by_flavor_id(self.ctxt, 1)
        self.assertEqual('m1.tiny', catalog.flavor_get(
            self.ctxt, tiny.id).name)
        self.assertTrue(tiny.is_public)
        self.assertRaises(exception.FlavorNotFound,
                          catalog.flavor_get_by_flavor_id, self.ctxt, '42')

    @ddt.data(*db_tests.BACKENDS)
    def test_private_and_disabled_flavors(self, backend):
        self.use_backend(backend)
        catalog.flavor_create(self.ctxt, {
            'flavorid': 'p', 'name': 'private', 'vcpus': 1,
            'memory_mb': 64, 'is_public': False})
        catalog.flavor_create(self.ctxt, {
            'flavorid': 'd', 'name': 'gone', 'vcpus': 1, 'memory_mb': 64,
            'disabled': True})
        self.assertEqual(['p'], [f.flavorid for f in catalog.flavor_get_all(
            self.ctxt, is_public=False)])
        self.assertEqual(6, len(catalog.flavor_get_all(self.ctxt)))

    @ddt.data(*db_tests.BACKENDS)
    def test_images(self, backend):
        self.use_backend(backend)
        seeded = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
        image = catalog.image_get(self.ctxt, seeded)
        self.assertEqual(('cirros-0.6.2-x86_64-disk', 'ACTIVE'),
                         (image.name, image.status))
        other = uuidutils.generate_uuid()
        catalog.image_create(self.ctxt, {'id': other, 'name': 'aaa'})
        self.assertEqual(['aaa', image.name], [
            i.name for i in catalog.image_get_all(self.ctxt)])
        self.assertEqual([other], [i.id for i in catalog.image_get_all(
            self.ctxt, name='aaa')])
        self.assertEqual([seeded], [i.id for i in catalog.image_get_all(
            self.ctxt, ids=[seeded])])
        self.assertRaises(exception.ImageNotFound, catalog.image_get,
                          self.ctxt, uuidutils.generate_uuid())
