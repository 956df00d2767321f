"""The alembic migrations build exactly the schema the models describe.

Each backend starts from an empty database (a temporary SQLite file, or a
database created for the test and dropped after), is upgraded to head, and
alembic's autogenerate must then find nothing to change.
"""

import json
import os
import uuid

from alembic import autogenerate
from alembic import migration as alembic_migration
import ddt
import fixtures
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa

from nova.db.main import models
from nova.db import migration
from nova import objects
from nova import test
from nova.tests.fixtures import database as db_fixture
from nova.tests.unit import db as db_tests


class EmptyDatabase(fixtures.Fixture):
    """An engine on a database with no tables at all."""

    def __init__(self, backend):
        super().__init__()
        self.backend = backend
        self.engine = None

    def _setUp(self):
        if self.backend == 'sqlite':
            path = self.useFixture(fixtures.TempDir()).path
            url = 'sqlite:///%s' % os.path.join(path, 'empty.sqlite')
        else:
            url = self._create_server_database()
        self.engine = engines.create_engine(url)
        self.addCleanup(self.engine.dispose)

    def _create_server_database(self):
        admin_url = db_fixture.backend_url(self.backend)
        name = 'nova_test_%s' % uuid.uuid4().hex[:12]
        admin = sa.create_engine(admin_url, isolation_level='AUTOCOMMIT')
        self.addCleanup(admin.dispose)
        with admin.connect() as conn:
            conn.execute(sa.text('CREATE DATABASE %s' % name))
        self.addCleanup(self._drop, admin, name)
        url = sa.engine.make_url(admin_url).set(database=name)
        return url.render_as_string(hide_password=False)

    def _drop(self, admin, name):
        if self.engine is not None:
            self.engine.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))


@ddt.ddt
class MigrationsTestCase(test.TestCase):

    def _empty(self, backend):
        db_tests.skip_unless_available(self, backend)
        return self.useFixture(EmptyDatabase(backend)).engine

    @ddt.data(*db_tests.BACKENDS)
    def test_sync_from_empty_to_head(self, backend):
        engine = self._empty(backend)
        self.assertIsNone(migration.db_version(engine=engine))
        migration.db_sync('0001_initial', engine=engine)
        self.assertEqual('0001_initial', migration.db_version(engine=engine))
        migration.db_sync(engine=engine)
        head = migration.head_version()
        self.assertEqual(head, migration.db_version(engine=engine))
        # A second sync is a no-op.
        migration.db_sync(engine=engine)
        self.assertEqual(head, migration.db_version(engine=engine))
        tables = set(sa.inspect(engine).get_table_names())
        self.assertEqual(set(models.BASE.metadata.tables) | {
            'alembic_version'}, tables)

    @ddt.data(*db_tests.BACKENDS)
    def test_models_match_migrated_schema(self, backend):
        engine = self._empty(backend)
        migration.db_sync(engine=engine)
        with engine.connect() as conn:
            context = alembic_migration.MigrationContext.configure(
                conn, opts={'compare_type': True})
            diff = autogenerate.compare_metadata(context,
                                                 models.BASE.metadata)
        self.assertEqual([], diff)


@ddt.ddt
class InstanceFlavorsBackfillTest(test.TestCase):
    """0008 gives existing instances the flavors they run with."""

    def setUp(self):
        super().setUp()
        # The test reads what the migration wrote back as Flavor objects.
        objects.register_all()

    def _insert(self, conn, table, **values):
        # Quoted by SQLAlchemy: ``key`` is a reserved word in MySQL.
        conn.execute(sa.table(table, *map(sa.column, values)).insert(),
                     values)

    def _instance(self, conn, uuid, type_id):
        self._insert(conn, 'instances', uuid=uuid, instance_type_id=type_id,
                     vcpus=1, memory_mb=1, root_gb=1, ephemeral_gb=0,
                     power_state=0, locked=False, deleted=0)

    def _seed(self, engine):
        """m1.tiny (id 1) and m1.small (id 2) come with 0002."""
        with engine.begin() as conn:
            small = conn.execute(sa.text(
                "SELECT id FROM flavors WHERE name = 'm1.small'")).scalar()
            self._insert(conn, 'flavor_extra_specs', flavor_id=small,
                         key='hw:cpu_policy', value='shared')
            self._instance(conn, 'plain', small)
            self._instance(conn, 'lost-flavor', 999)
            self._instance(conn, 'verifying', small)
            self._insert(conn, 'migrations', uuid='m1',
                         instance_uuid='verifying', status='finished',
                         migration_type='resize', hidden=False,
                         cross_cell_move=False, deleted=0,
                         old_instance_type_id=1, new_instance_type_id=small)

    def _flavors(self, engine):
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                'SELECT instance_uuid, flavor FROM instance_extra')).all()
        return {uuid: {key: primitive and objects.Flavor.obj_from_primitive(
            primitive) for key, primitive in json.loads(flavor).items()}
            for uuid, flavor in rows}

    @ddt.data(*db_tests.BACKENDS)
    def test_instances_get_their_flavors(self, backend):
        db_tests.skip_unless_available(self, backend)
        engine = self.useFixture(EmptyDatabase(backend)).engine
        migration.db_sync('0007_aggregates', engine=engine)
        self._seed(engine)
        migration.db_sync('0008_instance_flavors', engine=engine)
        flavors = self._flavors(engine)
        plain = flavors['plain']
        self.assertEqual(('m1.small', 2048, 20, {'hw:cpu_policy': 'shared'}),
                         (plain['cur'].name, plain['cur'].memory_mb,
                          plain['cur'].root_gb, plain['cur'].extra_specs))
        self.assertEqual((None, None), (plain['old'], plain['new']))
        self.assertEqual({'cur': None, 'old': None, 'new': None},
                         flavors['lost-flavor'])
        verifying = flavors['verifying']
        self.assertEqual(('m1.small', 'm1.tiny', 'm1.small', {}), (
            verifying['cur'].name, verifying['old'].name,
            verifying['new'].name, verifying['old'].extra_specs))
