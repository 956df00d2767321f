"""Possible task states of an instance (Nova's wire strings)."""

SCHEDULING = 'scheduling'
SPAWNING = 'spawning'
DELETING = 'deleting'
MIGRATING = 'migrating'

PAUSING = 'pausing'
UNPAUSING = 'unpausing'
SUSPENDING = 'suspending'
RESUMING = 'resuming'
POWERING_OFF = 'powering-off'
POWERING_ON = 'powering-on'
REBOOTING = 'rebooting'
REBOOTING_HARD = 'rebooting_hard'
REBUILDING = 'rebuilding'
REBUILD_SPAWNING = 'rebuild_spawning'
UPDATING_PASSWORD = 'updating_password'

IMAGE_SNAPSHOT = 'image_snapshot'
IMAGE_BACKUP = 'image_backup'
IMAGE_UPLOADING = 'image_uploading'

RESIZE_PREP = 'resize_prep'
RESIZE_MIGRATING = 'resize_migrating'
RESIZE_MIGRATED = 'resize_migrated'
RESIZE_FINISH = 'resize_finish'
RESIZE_REVERTING = 'resize_reverting'
RESIZE_CONFIRMING = 'resize_confirming'

SHELVING = 'shelving'
SHELVING_IMAGE_UPLOADING = 'shelving_image_uploading'
SHELVING_OFFLOADING = 'shelving_offloading'
UNSHELVING = 'unshelving'

SOFT_DELETING = 'soft-deleting'
RESTORING = 'restoring'
