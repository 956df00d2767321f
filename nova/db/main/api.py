"""The main database's engine and transaction context (oslo.db enginefacade).

Query functions live in one module per concern beside this one
(``services``, ``instances``, ``migration_records``, ``actions``,
``allocations``, ``catalog``); each decorates its functions with
``context_manager.reader`` or ``.writer`` so a caller's surrounding
transaction is reused.  "Migrations" in ``nova.db`` are schema migrations
only (``nova.db.migration`` runs ``main/migrations``); the records of
moved instances are ``migration_records``.
"""

import contextlib
import functools
import re
import threading

from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

import nova.conf

CONF = nova.conf.CONF

_modes = threading.local()


class _Marked(object):
    """A ``reader``/``writer`` decorator that notes its mode per thread.

    The outermost decorated call sets it, so the SQLite ``begin`` hook
    knows whether the transaction it opens will only read.  Everything
    else (``using``, ``get_engine`` ...) is the enginefacade's own.
    """

    def __init__(self, inner, mode):
        self._inner = inner
        self._mode = mode

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __call__(self, fn):
        transactional = self._inner(fn)

        @functools.wraps(fn)
        def marked(*args, **kwargs):
            with _mode(self._mode):
                return transactional(*args, **kwargs)
        return marked

    @contextlib.contextmanager
    def using(self, context):
        with _mode(self._mode), self._inner.using(context) as session:
            yield session


@contextlib.contextmanager
def _mode(mode):
    if getattr(_modes, 'current', None) is not None:
        yield
        return
    _modes.current = mode
    try:
        yield
    finally:
        _modes.current = None


class _TransactionContext(object):
    """The enginefacade transaction context, its decorators marked."""

    def __init__(self):
        self._inner = enginefacade.transaction_context()

    def __getattr__(self, name):
        return getattr(self._inner, name)

    @property
    def reader(self):
        return _Marked(self._inner.reader, 'reader')

    @property
    def writer(self):
        return _Marked(self._inner.writer, 'writer')


context_manager = _TransactionContext()


def _reading_only():
    return getattr(_modes, 'current', None) == 'reader'


_configure_lock = threading.Lock()
_configured = False


def _sqlite_pragmas(dbapi_connection, connection_record):
    # Several services share one SQLite file in nova-all.  pysqlite's own
    # deferred transactions fail with "database is locked" when a reader
    # later wants to write; take the lock up front instead (see
    # _SQLiteTurns) and wait for it rather than fail.  In WAL mode readers
    # read a snapshot while a writer commits, and a commit appends to the
    # log instead of rewriting pages; ``synchronous = NORMAL`` syncs at
    # checkpoints only, which WAL keeps consistent across a crash of the
    # process (a power cut may lose the last commits, never corrupt).
    dbapi_connection.isolation_level = None
    dbapi_connection.create_function('REGEXP', 2, _sqlite_regexp,
                                     deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA busy_timeout = 60000')
    cursor.execute('PRAGMA foreign_keys = ON')
    cursor.execute('PRAGMA journal_mode = WAL')
    cursor.execute('PRAGMA synchronous = NORMAL')
    cursor.close()


# How long a transaction waits for its turn before it tries SQLite's own
# locking anyway (whose busy timeout is as long).
_SQLITE_TURN_TIMEOUT = 60


class _SQLiteTurns(object):
    """One writer at a time on an SQLite engine, each woken in turn.

    A transaction that may write begins IMMEDIATE, so SQLite lets one in
    and the others wait in its busy handler, which sleeps between retries
    (up to 100 ms a time, and under eventlet without yielding): a commit
    does not wake them, and a burst of writers spends most of its time
    asleep.  Waiting on a lock in the process instead hands the database
    to the next writer as soon as the last one returns its connection.
    The turn belongs to the pooled connection, from the BEGIN until its
    check-in, whichever thread checks it in.  A ``reader`` transaction
    begins DEFERRED and takes no turn: in WAL mode it reads a snapshot
    beside the writer.
    """

    _HELD = 'nova_sqlite_turn'

    def __init__(self):
        self._lock = threading.Lock()

    def begin(self, connection):
        proxied = connection.connection
        dbapi_connection = proxied.dbapi_connection
        dbapi_connection.isolation_level = None
        if dbapi_connection.in_transaction:
            return
        if _reading_only() and not proxied.info.get(self._HELD):
            connection.exec_driver_sql('BEGIN DEFERRED')
            return
        if not proxied.info.get(self._HELD):
            proxied.info[self._HELD] = self._lock.acquire(
                timeout=_SQLITE_TURN_TIMEOUT)
        try:
            connection.exec_driver_sql('BEGIN IMMEDIATE')
        except Exception:
            self.end(proxied.info)
            raise

    def end(self, info):
        if info.pop(self._HELD, False):
            self._lock.release()

    def listen(self, engine):
        sa.event.listen(engine, 'begin', self.begin)
        sa.event.listen(engine, 'checkin',
                        lambda dbapi_conn, record: self.end(record.info))
        sa.event.listen(engine, 'invalidate',
                        lambda dbapi_conn, record, exc: self.end(record.info))


def _sqlite_regexp(pattern, value):
    """SQLite's REGEXP operator (SQLite has the syntax, not the function)."""
    if value is None:
        return False
    return re.search(pattern, value) is not None


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
        _SQLiteTurns().listen(engine)


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


#: Values bound per ``IN (...)`` of a set-based statement: below every
#: backend's limit on bound parameters (SQLite's oldest is 999).
CHUNK = 500


def chunks(values, size=None):
    """``values`` as lists of at most ``size`` (default ``CHUNK``).

    For ``IN (...)`` clauses.
    """
    size = size or CHUNK
    values = list(values)
    return [values[start:start + size]
            for start in range(0, len(values), size)]


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


def regexp_match(context, column, pattern):
    """``column`` matches the regular expression, on every backend."""
    dialect = context.session.get_bind().dialect.name
    if dialect == 'postgresql':
        return column.op('~')(pattern)
    return column.op('REGEXP')(pattern)
