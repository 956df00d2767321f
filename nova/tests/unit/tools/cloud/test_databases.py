"""The database server: URLs and name checks, before any connection."""

import fixtures
import testtools

from nova.tools.cloud import databases
from nova.tools.cloud import utils


class DatabaseServerTest(testtools.TestCase):

    def test_database_urls(self):
        mysql = databases.DatabaseServer('mysql+pymysql://root:pw@db/')
        self.assertEqual('mysql', mysql.kind)
        self.assertEqual('mysql+pymysql://root:pw@db/x?charset=utf8mb4',
                         mysql.url('x'))
        pg = databases.DatabaseServer(
            'postgresql+psycopg2://postgres@db/postgres')
        self.assertEqual('postgresql', pg.kind)
        self.assertEqual('postgresql+psycopg2://postgres@db/x', pg.url('x'))

    def test_unsafe_names_are_refused_before_connecting(self):
        # db:1 answers nothing: reaching it would be another error.
        mysql = databases.DatabaseServer('mysql+pymysql://root@db:1/')
        for name in ('x; DROP', 'Upper', '1st', 'a-b'):
            self.assertRaises(utils.InfraError, mysql.create, name)
            self.assertRaises(utils.InfraError, mysql.drop, name)

    def test_default_url_from_the_environment(self):
        self.useFixture(fixtures.EnvironmentVariable(
            'NOVA_TEST_MYSQL_URL', 'mysql+pymysql://u:p@h/'))
        self.assertEqual('mysql+pymysql://u:p@h/',
                         databases.default_db_url('mysql'))
        self.useFixture(fixtures.EnvironmentVariable(
            'NOVA_TEST_POSTGRESQL_URL'))
        self.assertEqual('postgresql+psycopg2://postgres@127.0.0.1/postgres',
                         databases.default_db_url('postgresql'))
