"""Instances carry their flavors (instance_extra.flavor)

Revision ID: 0008_instance_flavors
Revises: 0007_aggregates
Create Date: 2026-12-05 09:00:00

Flavors are deleted for good, so a server that only knew its flavor's
row id lost its size once the flavor went (and a revert to a deleted
flavor could not finish).  The instance now keeps a copy of the flavor it
runs with and, during a resize, of the old and new ones.  Existing
instances get theirs from the flavor rows that still exist.
"""

import json

from alembic import op
import sqlalchemy as sa

revision = '0008_instance_flavors'
down_revision = '0007_aggregates'
branch_labels = None
depends_on = None

# The serialized Flavor object this migration writes; later versions read
# it as an older version, so it is pinned here and never follows the code.
FLAVOR_OBJECT_VERSION = '1.2'
_FLAVOR_FIELDS = ('id', 'flavorid', 'name', 'vcpus', 'memory_mb', 'root_gb',
                  'ephemeral_gb', 'swap', 'rxtx_factor', 'is_public',
                  'disabled', 'description', 'created_at', 'updated_at')
# A resize past this point has set instance_type_id to the new flavor and
# still needs the old one to revert.
_RESIZED_STATUSES = ('finished', 'confirming', 'reverting')


def upgrade():
    op.create_table('instance_extra',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('instance_uuid', sa.String(length=36), nullable=False),
        sa.Column('flavor', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['instance_uuid'], ['instances.uuid']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_extra0instance_uuid')
    )
    _backfill(op.get_bind())


def _backfill(conn):
    flavors = _flavor_primitives(conn)
    resized = _resized_flavor_ids(conn)
    rows = []
    instances = sa.table('instances', sa.column('uuid'),
                         sa.column('instance_type_id'))
    for uuid, type_id in conn.execute(sa.select(instances.c.uuid,
                                                instances.c.instance_type_id)):
        old_id, new_id = resized.get(uuid, (None, None))
        rows.append({'instance_uuid': uuid, 'flavor': json.dumps({
            'cur': flavors.get(type_id), 'old': flavors.get(old_id),
            'new': flavors.get(new_id)})})
    if rows:
        extra = sa.table('instance_extra', sa.column('instance_uuid'),
                         sa.column('flavor'))
        op.bulk_insert(extra, rows)


def _flavor_primitives(conn):
    """{flavor row id: serialized Flavor} of every flavor row."""
    spec_table = sa.table('flavor_extra_specs', sa.column('flavor_id'),
                          sa.column('key'), sa.column('value'))
    specs = {}
    for flavor_id, key, value in conn.execute(sa.select(
            spec_table.c.flavor_id, spec_table.c.key, spec_table.c.value)):
        specs.setdefault(flavor_id, {})[key] = value
    flavor_table = sa.table('flavors',
                            *[sa.column(name) for name in _FLAVOR_FIELDS])
    primitives = {}
    for row in conn.execute(sa.select(flavor_table)):
        data = {name: _primitive(getattr(row, name))
                for name in _FLAVOR_FIELDS}
        data['is_public'] = bool(data['is_public'])
        data['disabled'] = bool(data['disabled'])
        data['extra_specs'] = specs.get(row.id, {})
        primitives[row.id] = {
            'nova_object.name': 'Flavor',
            'nova_object.namespace': 'nova',
            'nova_object.version': FLAVOR_OBJECT_VERSION,
            'nova_object.data': data}
    return primitives


def _primitive(value):
    if hasattr(value, 'strftime'):
        return value.strftime('%Y-%m-%dT%H:%M:%SZ')
    return value


def _resized_flavor_ids(conn):
    """{instance uuid: (old, new) flavor row ids} of unfinished resizes."""
    migrations = sa.table(
        'migrations', sa.column('instance_uuid'),
        sa.column('old_instance_type_id'), sa.column('new_instance_type_id'),
        sa.column('status'), sa.column('migration_type'),
        sa.column('deleted'))
    query = sa.select(
        migrations.c.instance_uuid, migrations.c.old_instance_type_id,
        migrations.c.new_instance_type_id).where(
            migrations.c.deleted == 0,
            migrations.c.status.in_(_RESIZED_STATUSES),
            migrations.c.migration_type.in_(('resize', 'migration')))
    return {uuid: (old, new) for uuid, old, new in conn.execute(query)}
