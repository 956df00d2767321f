"""Schema management: ``nova-manage db sync`` and ``db version`` on alembic."""

import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script

from nova.db.main import api as db_api

_MIGRATIONS = os.path.join(os.path.dirname(__file__), 'main', 'migrations')


def _alembic_config(connection=None):
    config = alembic_config.Config()
    config.set_main_option('script_location', _MIGRATIONS)
    config.attributes['connection'] = connection
    return config


def db_sync(version='head', engine=None):
    """Upgrade the main database to ``version`` (default: the newest)."""
    engine = engine or db_api.get_engine()
    with engine.begin() as connection:
        alembic_command.upgrade(_alembic_config(connection), version)


def db_version(engine=None):
    """The alembic revision the database is at, or None if unmanaged."""
    engine = engine or db_api.get_engine()
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def head_version():
    directory = alembic_script.ScriptDirectory.from_config(_alembic_config())
    return directory.get_current_head()
