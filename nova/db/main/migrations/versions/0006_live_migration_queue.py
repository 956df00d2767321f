"""Live-migration queue: what a restarted compute needs to resume it

Revision ID: 0006_live_migration_queue
Revises: 0005_server_actions
Create Date: 2026-12-03 12:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0006_live_migration_queue'
down_revision = '0005_server_actions'
branch_labels = None
depends_on = None


def upgrade():
    # ``[compute] live_migration_queue_on_start = resume`` re-queues the
    # migrations a killed compute left queued: with the block_migration
    # they were asked with (null: "auto") and in the order an operator
    # last set (queue_position; null: never moved, submission order).
    with op.batch_alter_table('migrations') as batch:
        batch.add_column(sa.Column('block_migration', sa.Boolean))
        batch.add_column(sa.Column('queue_position', sa.Integer))
