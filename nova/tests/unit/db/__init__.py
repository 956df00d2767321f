"""Database test helpers: which backends a test may run on.

SQLite always runs.  MariaDB and PostgreSQL run when their admin URL is in
the environment (``NOVA_TEST_MYSQL_URL`` / ``NOVA_TEST_POSTGRESQL_URL``)
and the server answers; otherwise the test is skipped and says why.
"""

import threading

import sqlalchemy as sa

from nova.tests.fixtures import database as db_fixture

BACKENDS = ('sqlite', 'mysql', 'postgresql')

_lock = threading.Lock()
_unavailable = {}


def _probe(backend):
    """None if ``backend`` can be used, else the reason it cannot."""
    if backend == 'sqlite':
        return None
    env_var = db_fixture.ENV_URLS[backend]
    url = db_fixture.backend_url(backend)
    if not url:
        return '%s is not set' % env_var
    engine = sa.create_engine(url, connect_args={'connect_timeout': 5})
    try:
        with engine.connect():
            return None
    except Exception as exc:
        first = str(exc).strip().splitlines()[0]
        return '%s server at %s (%s) does not answer: %s' % (
            backend, sa.engine.make_url(url).render_as_string(),
            env_var, first)
    finally:
        engine.dispose()


def unavailable_reason(backend):
    """Why ``backend`` cannot be tested here (None if it can), cached."""
    with _lock:
        if backend not in _unavailable:
            _unavailable[backend] = _probe(backend)
        return _unavailable[backend]


def skip_unless_available(test, backend):
    reason = unavailable_reason(backend)
    if reason:
        test.skipTest(reason)
