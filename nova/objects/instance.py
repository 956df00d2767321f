"""Instances (servers)."""

from oslo_utils import versionutils

from nova.db.main import instances as db
from nova import exception
from nova import objects
from nova.objects import base
from nova.objects import fields

_INSTANCE_FIELDS = {
    'id': fields.IntegerField(read_only=True),
    'uuid': fields.UUIDField(),
    'user_id': fields.StringField(nullable=True),
    'project_id': fields.StringField(nullable=True),
    'display_name': fields.StringField(nullable=True),
    'hostname': fields.StringField(nullable=True),
    'image_ref': fields.StringField(nullable=True),
    'instance_type_id': fields.IntegerField(nullable=True),
    'vcpus': fields.IntegerField(default=0),
    'memory_mb': fields.IntegerField(default=0),
    'root_gb': fields.IntegerField(default=0),
    'ephemeral_gb': fields.IntegerField(default=0),
    'host': fields.StringField(nullable=True),
    'node': fields.StringField(nullable=True),
    'vm_state': fields.StringField(nullable=True),
    'task_state': fields.StringField(nullable=True),
    'power_state': fields.IntegerField(default=0),
    'locked': fields.BooleanField(default=False),
    'locked_by': fields.StringField(nullable=True),
    'launched_at': fields.DateTimeField(nullable=True),
    'terminated_at': fields.DateTimeField(nullable=True),
    'availability_zone': fields.StringField(nullable=True),
    'progress': fields.IntegerField(nullable=True),
    'reservation_id': fields.StringField(nullable=True),
    'launch_index': fields.IntegerField(nullable=True),
    'key_name': fields.StringField(nullable=True),
    'requested_host': fields.StringField(nullable=True),
    'display_description': fields.StringField(nullable=True),
    'access_ip_v4': fields.StringField(nullable=True),
    'access_ip_v6': fields.StringField(nullable=True),
    'user_data': fields.StringField(nullable=True),
    'auto_disk_config': fields.BooleanField(nullable=True),
    'config_drive': fields.StringField(nullable=True),
}

# The flavors an instance carries (instance_extra), by the key each is
# stored under: the one it runs with and, during a resize, the old and new.
FLAVOR_FIELDS = {'flavor': 'cur', 'old_flavor': 'old', 'new_flavor': 'new'}
_INSTANCE_FIELDS.update({
    name: fields.ObjectField('Flavor', nullable=True)
    for name in FLAVOR_FIELDS})

# Fields added in 1.1: an older peer gets the instance without them.
_FIELDS_SINCE_1_1 = ('display_description', 'access_ip_v4', 'access_ip_v6',
                     'user_data', 'auto_disk_config', 'config_drive')


@base.NovaObjectRegistry.register
class Instance(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: description, access IPs, user data, disk config and
    #              config drive
    # Version 1.2: flavor, old_flavor and new_flavor
    VERSION = '1.2'

    fields = dict(_INSTANCE_FIELDS)

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        target = versionutils.convert_version_to_tuple(target_version)
        if target < (1, 2):
            for name in FLAVOR_FIELDS:
                primitive.pop(name, None)
        if target < (1, 1):
            for name in _FIELDS_SINCE_1_1:
                primitive.pop(name, None)

    @classmethod
    def _from_db(cls, context, db_row):
        instance = base.from_db_row(
            cls, context, db_row,
            fields=[name for name in cls.fields if name not in FLAVOR_FIELDS])
        stored = db.flavors_of(db_row)
        for name, key in FLAVOR_FIELDS.items():
            setattr(instance, name, _flavor_from_primitive(stored[key]))
        instance.obj_reset_changes()
        return instance

    def obj_load_attr(self, attrname):
        """An instance built in memory carries no flavor until given one."""
        if attrname not in FLAVOR_FIELDS:
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        setattr(self, attrname, None)
        self.obj_reset_changes([attrname])

    def _db_changes(self):
        """(column values, flavor changes by stored key) to write."""
        values = base.db_values(self)
        flavors = {}
        for name, key in FLAVOR_FIELDS.items():
            flavor = values.pop(name, None)
            if name in self.obj_what_changed():
                flavors[key] = _flavor_to_primitive(flavor)
        return values, flavors

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid):
        return cls._from_db(context, db.instance_get_by_uuid(context, uuid))

    @base.remotable
    def create(self, metadata=None):
        """Insert the instance and its metadata in one transaction."""
        values, flavors = self._db_changes()
        row = db.instance_create(self._context, values, metadata=metadata,
                                 flavors=flavors)
        self._refresh(row)

    @base.remotable
    def save(self, expected_task_state=None, expected_vm_state=None):
        """Write the changed fields.

        ``expected_task_state``/``expected_vm_state`` (lists, None allowed)
        make the write conditional; a mismatch raises
        UnexpectedTaskStateError and writes nothing.
        """
        values, flavors = self._db_changes()
        if not values and not flavors and expected_task_state is None:
            return
        row = db.instance_update(self._context, self.uuid, values,
                                 expected_task_state=expected_task_state,
                                 expected_vm_state=expected_vm_state,
                                 flavors=flavors)
        self._refresh(row)

    @base.remotable
    def refresh(self):
        self._refresh(db.instance_get_by_uuid(self._context, self.uuid))

    @base.remotable
    def destroy(self):
        self._refresh(db.instance_destroy(self._context, self.uuid))

    @base.remotable_classmethod
    def get_metadata_by_uuids(cls, context, uuids):
        """{uuid: {key: value}} of the servers' metadata."""
        return db.instance_metadata_get_by_uuids(context, uuids)

    @base.remotable
    def update_metadata(self, items, replace=False):
        """Set keys (replace: drop the others); the whole metadata."""
        return db.instance_metadata_update(self._context, self.uuid, items,
                                           replace=replace)

    @base.remotable
    def delete_metadata_key(self, key):
        """Remove one key; False when there was no such key."""
        return db.instance_metadata_delete(self._context, self.uuid, key)

    def resources(self):
        """What this instance holds on its host, per resource class."""
        return {'VCPU': self.vcpus, 'MEMORY_MB': self.memory_mb,
                'DISK_GB': self.root_gb + self.ephemeral_gb}


def _flavor_to_primitive(flavor):
    if flavor is None:
        return None
    if not flavor.obj_attr_is_set('extra_specs'):
        # Carried whole: the specs as they are now, not when shown.
        flavor.obj_load_attr('extra_specs')
    return flavor.obj_to_primitive()


def _flavor_from_primitive(primitive):
    if primitive is None:
        return None
    flavor = objects.Flavor.obj_from_primitive(primitive)
    flavor.obj_reset_changes()
    return flavor


@base.NovaObjectRegistry.register
class InstanceList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: get_by_filters takes sort_keys/sort_dirs (lists)
    # Version 1.2: Instance 1.2
    VERSION = '1.2'
    fields = {'objects': fields.ListOfObjectsField('Instance')}

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, limit=None, marker=None,
                       sort_keys=None, sort_dirs=None):
        """Newest first unless ``sort_keys``/``sort_dirs`` say otherwise."""
        return base.list_from_db_rows(
            cls, Instance, context, db.instance_get_all_by_filters(
                context, filters, limit=limit, marker=marker,
                sort_keys=sort_keys, sort_dirs=sort_dirs))

    @base.remotable_classmethod
    def get_by_host(cls, context, host):
        return cls.get_by_filters(context, {'host': host})
