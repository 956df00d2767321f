"""Flavors."""

from oslo_utils import versionutils

from nova.db.main import catalog as db
from nova import exception
from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class Flavor(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: save, destroy, exists, access list and extra specs
    # Version 1.2: extra_specs field (instances carry their flavor whole)
    VERSION = '1.2'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'flavorid': fields.StringField(),
        'name': fields.StringField(),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(),
        'is_public': fields.BooleanField(),
        'disabled': fields.BooleanField(),
        'description': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        # Read from the database when first used; a flavor an instance
        # carries has them with it.
        'extra_specs': fields.DictOfStringsField(),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if versionutils.convert_version_to_tuple(target_version) < (1, 2):
            primitive.pop('extra_specs', None)

    def obj_load_attr(self, attrname):
        if attrname != 'extra_specs':
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        self.extra_specs = self.get_extra_specs()
        self.obj_reset_changes(['extra_specs'])

    @base.remotable_classmethod
    def get_by_id(cls, context, flavor_id):
        return cls._from_db(context, db.flavor_get(context, flavor_id))

    @base.remotable_classmethod
    def get_by_flavor_id(cls, context, flavorid):
        """The flavor, if the caller may use it (FlavorNotFound if not).

        A private flavor exists only for administrators and the projects
        given access, so others cannot show it or boot from it.
        """
        flavor = cls._from_db(context, db.flavor_get_by_flavor_id(
            context, flavorid))
        if not flavor.is_public and not context.is_admin and \
                context.project_id not in flavor.get_projects():
            raise exception.FlavorNotFound(flavor_id=flavorid)
        return flavor

    @base.remotable
    def create(self):
        row = db.flavor_create(self._context, base.db_values(self))
        for name in self.fields:
            if hasattr(row, name):
                setattr(self, name, getattr(row, name))
        self.obj_reset_changes()

    @base.remotable
    def save(self):
        """Write the changed fields (the API changes only description)."""
        changes = self.obj_get_changes()
        if changes:
            db.flavor_update(self._context, self.flavorid, changes)
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        db.flavor_destroy(self._context, self.flavorid)

    @base.remotable_classmethod
    def exists(cls, context, flavorid=None, name=None):
        return db.flavor_exists(context, flavorid=flavorid, name=name)

    # The projects that may use a private flavor.

    @base.remotable
    def get_projects(self):
        return db.flavor_access_get(self._context, self.flavorid)

    @base.remotable
    def add_access(self, project_id):
        db.flavor_access_add(self._context, self.flavorid, project_id)

    @base.remotable
    def remove_access(self, project_id):
        db.flavor_access_remove(self._context, self.flavorid, project_id)

    # Extra specs: free-form key/value pairs of the flavor.

    @base.remotable
    def get_extra_specs(self):
        return db.flavor_extra_specs_get(self._context, self.flavorid)

    @base.remotable
    def update_extra_specs(self, specs):
        db.flavor_extra_specs_update(self._context, self.flavorid, specs)

    @base.remotable
    def delete_extra_spec(self, key):
        db.flavor_extra_specs_delete(self._context, self.flavorid, key)

    def resources(self):
        """What an instance of this flavor claims, per resource class."""
        return {'VCPU': self.vcpus, 'MEMORY_MB': self.memory_mb,
                'DISK_GB': self.root_gb + self.ephemeral_gb}


@base.NovaObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: get_all takes project_id (private flavors it may use)
    VERSION = '1.1'
    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @base.remotable_classmethod
    def get_all(cls, context, is_public=None, project_id=None):
        """Flavors by visibility; ``project_id`` adds its private ones.

        With ``is_public=True`` and a project, the public flavors and the
        private flavors the project was given access to.
        """
        rows = db.flavor_get_all(context, is_public=is_public)
        if project_id is not None and is_public:
            allowed = db.flavor_ids_for_project(context, project_id)
            rows = sorted(
                list(rows) + [row for row in db.flavor_get_all(
                    context, is_public=False) if row.id in allowed],
                key=lambda row: row.flavorid)
        return base.list_from_db_rows(cls, Flavor, context, rows)
