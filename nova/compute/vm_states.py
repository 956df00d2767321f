"""Possible vm states of an instance (Nova's wire strings)."""

ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
STOPPED = 'stopped'
ERROR = 'error'
DELETED = 'deleted'

# A live migration may only start from these.
ALLOW_LIVE_MIGRATION = (ACTIVE, PAUSED)
