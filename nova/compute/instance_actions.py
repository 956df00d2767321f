"""Names of instance actions as the API records them."""

CREATE = 'create'
DELETE = 'delete'
LIVE_MIGRATION = 'live-migration'
LIVE_MIGRATION_CANCEL = 'live_migration_cancel'
LIVE_MIGRATION_FORCE_COMPLETE = 'live_migration_force_complete'
FORCE_DELETE = 'forceDelete'
