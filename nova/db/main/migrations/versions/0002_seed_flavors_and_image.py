"""Seed the default flavors and the default image

Revision ID: 0002_seed
Revises: 0001_initial
Create Date: 2026-11-25 08:40:00
"""

from alembic import op
from oslo_utils import timeutils
import sqlalchemy as sa

revision = '0002_seed'
down_revision = '0001_initial'
branch_labels = None
depends_on = None

# Nova ships no flavors; an embedded cloud is only usable with some, so we
# seed the classic m1 set.  Operators may delete or extend them.
DEFAULT_FLAVORS = (
    ('1', 'm1.tiny', 1, 512, 1),
    ('2', 'm1.small', 1, 2048, 20),
    ('3', 'm1.medium', 2, 4096, 40),
    ('4', 'm1.large', 4, 8192, 80),
    ('5', 'm1.xlarge', 8, 16384, 160),
)

# The local image registry answers the compute endpoint's image proxy API
# (2.1-2.35), so ``openstack server create --image`` works without Glance.
DEFAULT_IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
DEFAULT_IMAGE_NAME = 'cirros-0.6.2-x86_64-disk'


def upgrade():
    now = timeutils.utcnow()
    flavors = sa.table(
        'flavors', sa.column('flavorid', sa.String), sa.column('name'),
        sa.column('vcpus'), sa.column('memory_mb'), sa.column('root_gb'),
        sa.column('ephemeral_gb'), sa.column('swap'),
        sa.column('rxtx_factor'), sa.column('is_public'),
        sa.column('disabled'), sa.column('created_at'))
    op.bulk_insert(flavors, [
        dict(flavorid=fid, name=name, vcpus=vcpus, memory_mb=ram,
             root_gb=disk, ephemeral_gb=0, swap=0, rxtx_factor=1.0,
             is_public=True, disabled=False, created_at=now)
        for fid, name, vcpus, ram, disk in DEFAULT_FLAVORS])
    images = sa.table(
        'images', sa.column('id', sa.String), sa.column('name'),
        sa.column('status'), sa.column('min_disk'), sa.column('min_ram'),
        sa.column('size'), sa.column('created_at'))
    op.bulk_insert(images, [dict(
        id=DEFAULT_IMAGE_ID, name=DEFAULT_IMAGE_NAME, status='ACTIVE',
        min_disk=0, min_ram=0, size=21430272, created_at=now)])
