"""Alembic environment: runs migrations on the connection nova hands over."""

from alembic import context

from nova.db.main import models

target_metadata = models.BASE.metadata


def run_migrations_online():
    connection = context.config.attributes.get('connection')
    if connection is None:
        raise RuntimeError('nova.db.migration passes the connection in')
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
