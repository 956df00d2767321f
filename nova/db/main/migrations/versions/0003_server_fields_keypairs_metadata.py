"""Server create fields, key pairs and server metadata

Revision ID: 0003_server_fields
Revises: 0002_seed
Create Date: 2026-12-03 08:00:00
"""

from alembic import op
from oslo_db.sqlalchemy import types as oslo_db_types
import sqlalchemy as sa

revision = '0003_server_fields'
down_revision = '0002_seed'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_description', sa.Text(),
                                      nullable=True))
        batch_op.add_column(sa.Column('access_ip_v4', sa.String(length=39),
                                      nullable=True))
        batch_op.add_column(sa.Column('access_ip_v6', sa.String(length=39),
                                      nullable=True))
        batch_op.add_column(sa.Column('user_data', sa.Text(),
                                      nullable=True))
        batch_op.add_column(sa.Column('auto_disk_config', sa.Boolean(),
                                      nullable=True))
        batch_op.add_column(sa.Column('config_drive', sa.String(length=255),
                                      nullable=True))

    op.create_table('key_pairs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.String(length=255), nullable=False),
        sa.Column('fingerprint', sa.String(length=255), nullable=False),
        sa.Column('public_key', sa.Text(), nullable=False),
        sa.Column('type', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.Column('deleted', oslo_db_types.SoftDeleteInteger(),
                  nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'name', 'deleted',
                            name='uniq_key_pairs0user_id0name0deleted')
    )

    op.create_table('instance_metadata',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('instance_uuid', sa.String(length=36), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('value', sa.String(length=255), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('instance_uuid', 'key',
                            name='uniq_instance_metadata0uuid0key')
    )
    with op.batch_alter_table('instance_metadata', schema=None) as batch_op:
        batch_op.create_index('instance_metadata_instance_uuid_idx',
                              ['instance_uuid'], unique=False)
