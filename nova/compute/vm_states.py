"""Possible vm states of an instance (Nova's wire strings)."""

ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
RESIZED = 'resized'
SOFT_DELETED = 'soft-delete'
SHELVED = 'shelved'
SHELVED_OFFLOADED = 'shelved_offloaded'
ERROR = 'error'
DELETED = 'deleted'

# A live migration may only start from these.
ALLOW_LIVE_MIGRATION = (ACTIVE, PAUSED)
