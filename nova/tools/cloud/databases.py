"""The cloud's databases on the local MariaDB/MySQL or PostgreSQL server.

Creating and dropping them by a checked name, their URLs, and the one
query the launcher reads: a service's heartbeat count, its readiness.
"""

import functools
import os

import sqlalchemy as sa
from sqlalchemy import pool as sa_pool

from nova.tools.cloud import utils

DEFAULT_DB_URLS = {
    'mysql': ('NOVA_TEST_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1/'),
    'postgresql': ('NOVA_TEST_POSTGRESQL_URL',
                   'postgresql+psycopg2://postgres@127.0.0.1/postgres'),
}


def default_db_url(kind):
    env_var, fallback = DEFAULT_DB_URLS[kind]
    return os.environ.get(env_var) or fallback


@functools.lru_cache(maxsize=None)
def _engine(url):
    return sa.create_engine(url, poolclass=sa_pool.NullPool)


def report_count(db_url, host, binary):
    """Heartbeats of a service so far (0 if it never registered)."""
    services = sa.table('services', sa.column('host'), sa.column('binary'),
                        sa.column('report_count'))
    query = sa.select(sa.func.max(services.c.report_count)).where(
        services.c.host == host, services.c.binary == binary)
    with _engine(db_url).connect() as conn:
        return conn.execute(query).scalar() or 0


class DatabaseServer(object):
    """The MariaDB/MySQL or PostgreSQL server the cloud's databases live on."""

    def __init__(self, admin_url):
        self.admin_url = sa.engine.make_url(admin_url)
        self.kind = ('mysql' if self.admin_url.get_backend_name() == 'mysql'
                     else 'postgresql')

    def url(self, database):
        url = self.admin_url.set(database=database)
        if self.kind == 'mysql':
            url = url.update_query_dict({'charset': 'utf8mb4'})
        return url.render_as_string(hide_password=False)

    def _execute(self, statement):
        engine = sa.create_engine(self.admin_url, poolclass=sa_pool.NullPool,
                                  isolation_level='AUTOCOMMIT')
        try:
            with engine.connect() as conn:
                result = conn.execute(sa.text(statement))
                return result.fetchall() if result.returns_rows else None
        finally:
            engine.dispose()

    @staticmethod
    def _check(name):
        if not utils.SAFE_NAME.match(name):
            raise utils.InfraError('unsafe database name %r' % name)
        return name

    def create(self, name):
        extra = (' CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci'
                 if self.kind == 'mysql' else '')
        self._execute('CREATE DATABASE %s%s' % (self._check(name), extra))

    def drop(self, name):
        force = ' WITH (FORCE)' if self.kind == 'postgresql' else ''
        self._execute('DROP DATABASE IF EXISTS %s%s'
                      % (self._check(name), force))

    def list(self, prefix=''):
        rows = self._execute('SHOW DATABASES' if self.kind == 'mysql' else
                             'SELECT datname FROM pg_database')
        return sorted(r[0] for r in rows if r[0].startswith(prefix))
