"""Compute nodes: the capacity a compute host reports."""

from nova.db.main import allocations as allocations_db
from nova.db.main import services as db
from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class ComputeNode(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'service_id': fields.IntegerField(nullable=True),
        'host': fields.StringField(),
        'hypervisor_hostname': fields.StringField(),
        'hypervisor_type': fields.StringField(),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'local_gb': fields.IntegerField(),
        'cpu_allocation_ratio': fields.FloatField(),
        'ram_allocation_ratio': fields.FloatField(),
        'disk_allocation_ratio': fields.FloatField(),
        'generation': fields.IntegerField(default=0),
    }

    @base.remotable_classmethod
    def get_by_host_and_nodename(cls, context, host, nodename):
        return cls._from_db(context, db.compute_node_get_by_host_and_nodename(
            context, host, nodename))

    @base.remotable_classmethod
    def get_by_id(cls, context, node_id):
        return cls._from_db(context, db.compute_node_get(context, node_id))

    @base.remotable_classmethod
    def create_or_update(cls, context, values):
        """Register the node of a host or refresh its reported capacity."""
        return cls._from_db(context, db.compute_node_create_or_update(
            context, values))

    @base.remotable
    def get_usage(self):
        """{resource class: used} from the allocations on this node."""
        return allocations_db.usage_by_node(self._context, self.id)

    def capacity(self, resource_class):
        return allocations_db.capacity(self, resource_class)


@base.NovaObjectRegistry.register
class ComputeNodeList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('ComputeNode')}

    @base.remotable_classmethod
    def get_all(cls, context, host=None):
        return base.list_from_db_rows(
            cls, ComputeNode, context,
            db.compute_node_get_all(context, host=host))
