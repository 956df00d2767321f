"""The main database's engine and transaction context (oslo.db enginefacade).

Query functions live in one module per concern beside this one
(``services``, ``instances``, ``migration_records``, ``actions``,
``allocations``, ``catalog``); each decorates its functions with
``context_manager.reader`` or ``.writer`` so a caller's surrounding
transaction is reused.  "Migrations" in ``nova.db`` are schema migrations
only (``nova.db.migration`` runs ``main/migrations``); the records of
moved instances are ``migration_records``.
"""

import threading

from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

import nova.conf

CONF = nova.conf.CONF

context_manager = enginefacade.transaction_context()

_configure_lock = threading.Lock()
_configured = False


def _sqlite_pragmas(dbapi_connection, connection_record):
    # Several services share one SQLite file in nova-all.  pysqlite's own
    # deferred transactions fail with "database is locked" when a reader
    # later wants to write; take the lock up front instead (see
    # _sqlite_begin) and wait for it rather than fail.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA busy_timeout = 60000')
    cursor.execute('PRAGMA foreign_keys = ON')
    cursor.close()


def _sqlite_begin(connection):
    dbapi_connection = connection.connection.dbapi_connection
    dbapi_connection.isolation_level = None
    if not dbapi_connection.in_transaction:
        connection.exec_driver_sql('BEGIN IMMEDIATE')


def configure(conf=None):
    """Point the transaction context at ``[database] connection``, once."""
    global _configured
    conf = conf or CONF
    with _configure_lock:
        if _configured or context_manager.is_started:
            # Started already: by an earlier caller, or by a test fixture
            # that installed its own engine.
            return
        context_manager.configure(**dict(conf.database.items()))
        _configured = True


def _on_engine_create(engine):
    if engine.dialect.name == 'sqlite':
        sa.event.listen(engine, 'connect', _sqlite_pragmas)
        sa.event.listen(engine, 'begin', _sqlite_begin)


context_manager.append_on_engine_create(_on_engine_create)


def get_engine():
    configure()
    return context_manager.writer.get_engine()


def reset_for_tests():
    """Forget the configuration (the test fixture installs its own engine)."""
    global _configured
    with _configure_lock:
        _configured = False


def model_query(context, model, read_deleted=None, session=None):
    """A select on ``model`` honouring the context's ``read_deleted``.

    ``session`` defaults to the one of the caller's reader/writer context.
    """
    read_deleted = read_deleted or getattr(context, 'read_deleted', 'no')
    query = (session or context.session).query(model)
    if hasattr(model, 'deleted'):
        if read_deleted == 'no':
            query = query.filter(model.deleted == 0)
        elif read_deleted == 'only':
            query = query.filter(model.deleted != 0)
    return query


def add_row(context, model, values):
    """Insert a ``model`` row of ``values``; flushed, so it has its id."""
    row = model()
    row.update(values)
    context.session.add(row)
    context.session.flush()
    return row


def first_or_raise(query, not_found, **kwargs):
    """The first row of ``query``, or raise ``not_found(**kwargs)``.

    The one way a ``*_get*`` function reads a single row: a missing row is
    always the domain's NotFound exception, never ``None``.
    """
    row = query.first()
    if row is None:
        raise not_found(**kwargs)
    return row


def soft_delete(row):
    """Nova's soft delete: ``deleted`` takes the row id."""
    from oslo_utils import timeutils
    row.deleted = row.id
    row.deleted_at = timeutils.utcnow()
