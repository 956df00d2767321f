"""Field types of nova's objects, on top of oslo.versionedobjects."""

from oslo_versionedobjects import fields

from nova.compute import migration_states

# Re-export the generic field types so object modules import one place.
BooleanField = fields.BooleanField
DateTimeField = fields.DateTimeField
FloatField = fields.FloatField
IntegerField = fields.IntegerField
ListOfObjectsField = fields.ListOfObjectsField
ObjectField = fields.ObjectField
StringField = fields.StringField
UUIDField = fields.UUIDField
ListOfStringsField = fields.ListOfStringsField
DictOfStringsField = fields.DictOfStringsField
NonNegativeIntegerField = fields.NonNegativeIntegerField
Enum = fields.Enum
BaseEnumField = fields.BaseEnumField


class MigrationStatus(fields.Enum):
    ALL = tuple(status.value for status in migration_states.MigrationStatus)

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class MigrationStatusField(fields.BaseEnumField):
    AUTO_TYPE = MigrationStatus()


class MigrationType(fields.Enum):
    MIGRATION = 'migration'
    RESIZE = 'resize'
    LIVE_MIGRATION = 'live-migration'
    EVACUATION = 'evacuation'
    ALL = (MIGRATION, RESIZE, LIVE_MIGRATION, EVACUATION)

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class MigrationTypeField(fields.BaseEnumField):
    AUTO_TYPE = MigrationType()
