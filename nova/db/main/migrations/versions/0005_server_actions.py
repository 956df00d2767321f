"""Server actions: what images of servers record

Revision ID: 0005_server_actions
Revises: 0004_quotas_and_flavor_access
Create Date: 2026-12-03 08:05:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0005_server_actions'
down_revision = '0004_quotas_and_flavor_access'
branch_labels = None
depends_on = None


def upgrade():
    # createImage and createBackup write images of a server: who owns
    # them, which server they came from and, for backups, the rotation
    # they belong to.
    with op.batch_alter_table('images') as batch:
        batch.add_column(sa.Column('owner', sa.String(255)))
        batch.add_column(sa.Column('instance_uuid', sa.String(36)))
        batch.add_column(sa.Column('image_type', sa.String(32)))
        batch.add_column(sa.Column('backup_type', sa.String(255)))
