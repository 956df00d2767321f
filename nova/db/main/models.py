"""SQLAlchemy models of the main database.

Column names follow Nova's where Nova has them, so operators reading the
database recognise it.  Usage is stored the way Placement stores it: one
``allocations`` row per (consumer, compute node, resource class), and a
``generation`` on the compute node that every claim bumps with
compare-and-swap.
"""

from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm

BASE = orm.declarative_base()


class NovaBase(models.TimestampMixin, models.ModelBase):
    pass


class SoftDeletable(models.SoftDeleteMixin):
    pass


class Service(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    host = sa.Column(sa.String(255), nullable=False)
    binary = sa.Column(sa.String(255), nullable=False)
    topic = sa.Column(sa.String(255))
    report_count = sa.Column(sa.Integer, nullable=False, default=0)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    disabled_reason = sa.Column(sa.String(255))
    forced_down = sa.Column(sa.Boolean, nullable=False, default=False)
    version = sa.Column(sa.Integer, nullable=False, default=0)
    last_seen_up = sa.Column(sa.DateTime)


class ComputeNode(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'compute_nodes'
    __table_args__ = (
        sa.UniqueConstraint('host', 'hypervisor_hostname', 'deleted',
                            name='uniq_compute_nodes0host0node0deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    service_id = sa.Column(sa.Integer, sa.ForeignKey('services.id'))
    host = sa.Column(sa.String(255), nullable=False)
    hypervisor_hostname = sa.Column(sa.String(255), nullable=False)
    hypervisor_type = sa.Column(sa.String(255), nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    local_gb = sa.Column(sa.Integer, nullable=False)
    cpu_allocation_ratio = sa.Column(sa.Float, nullable=False)
    ram_allocation_ratio = sa.Column(sa.Float, nullable=False)
    disk_allocation_ratio = sa.Column(sa.Float, nullable=False)
    # Bumped by every claim; a claim writes only if it read the current one.
    generation = sa.Column(sa.Integer, nullable=False, default=0)


class Allocation(BASE, NovaBase):
    """Usage of one resource class on one node by one consumer."""
    __tablename__ = 'allocations'
    __table_args__ = (
        sa.UniqueConstraint('consumer_uuid', 'compute_node_id',
                            'resource_class',
                            name='uniq_allocations0consumer0node0rc'),
        sa.Index('allocations_compute_node_id_idx', 'compute_node_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    consumer_uuid = sa.Column(sa.String(36), nullable=False, index=True)
    compute_node_id = sa.Column(sa.Integer, sa.ForeignKey('compute_nodes.id'),
                                nullable=False)
    resource_class = sa.Column(sa.String(32), nullable=False)
    used = sa.Column(sa.Integer, nullable=False)


class Flavor(BASE, NovaBase):
    __tablename__ = 'flavors'
    id = sa.Column(sa.Integer, primary_key=True)
    flavorid = sa.Column(sa.String(255), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=False, unique=True)
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    root_gb = sa.Column(sa.Integer, nullable=False, default=0)
    ephemeral_gb = sa.Column(sa.Integer, nullable=False, default=0)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    rxtx_factor = sa.Column(sa.Float, nullable=False, default=1.0)
    is_public = sa.Column(sa.Boolean, nullable=False, default=True)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    description = sa.Column(sa.Text)


class FlavorProject(BASE, NovaBase):
    """A project that may use a private flavor."""
    __tablename__ = 'flavor_projects'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'project_id',
                            name='uniq_flavor_projects0flavor_id0project_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id',
                                                    ondelete='CASCADE'),
                          nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)


class FlavorExtraSpec(BASE, NovaBase):
    __tablename__ = 'flavor_extra_specs'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'key',
                            name='uniq_flavor_extra_specs0flavor_id0key'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id',
                                                    ondelete='CASCADE'),
                          nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))


class Quota(BASE, NovaBase):
    """A limit of one resource: the project's (user_id '') or a user's."""
    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'user_id', 'resource',
                            name='uniq_quotas0project_id0user_id0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False, default='')
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class QuotaClass(BASE, NovaBase):
    """A limit of a quota class; class 'default' overrides the config."""
    __tablename__ = 'quota_classes'
    __table_args__ = (
        sa.UniqueConstraint('class_name', 'resource',
                            name='uniq_quota_classes0class_name0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    class_name = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class Image(BASE, NovaBase):
    """The local image registry behind the 2.1-2.35 image proxy API."""
    __tablename__ = 'images'
    id = sa.Column(sa.String(36), primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    status = sa.Column(sa.String(32), nullable=False, default='ACTIVE')
    min_disk = sa.Column(sa.Integer, nullable=False, default=0)
    min_ram = sa.Column(sa.Integer, nullable=False, default=0)
    size = sa.Column(sa.BigInteger, nullable=False, default=0)
    # Images made by createImage/createBackup (0005_server_actions).
    owner = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36))
    image_type = sa.Column(sa.String(32))
    backup_type = sa.Column(sa.String(255))


class Instance(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'instances'
    __table_args__ = (
        sa.Index('instances_host_deleted_idx', 'host', 'deleted'),
        sa.Index('instances_project_id_deleted_idx', 'project_id',
                 'deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    display_name = sa.Column(sa.String(255))
    hostname = sa.Column(sa.String(255))
    image_ref = sa.Column(sa.String(255))
    instance_type_id = sa.Column(sa.Integer)
    vcpus = sa.Column(sa.Integer, nullable=False, default=0)
    memory_mb = sa.Column(sa.Integer, nullable=False, default=0)
    root_gb = sa.Column(sa.Integer, nullable=False, default=0)
    ephemeral_gb = sa.Column(sa.Integer, nullable=False, default=0)
    host = sa.Column(sa.String(255))
    node = sa.Column(sa.String(255))
    vm_state = sa.Column(sa.String(255))
    task_state = sa.Column(sa.String(255))
    power_state = sa.Column(sa.Integer, nullable=False, default=0)
    locked = sa.Column(sa.Boolean, nullable=False, default=False)
    locked_by = sa.Column(sa.String(16))
    launched_at = sa.Column(sa.DateTime)
    terminated_at = sa.Column(sa.DateTime)
    availability_zone = sa.Column(sa.String(255))
    progress = sa.Column(sa.Integer)
    reservation_id = sa.Column(sa.String(255))
    launch_index = sa.Column(sa.Integer)
    key_name = sa.Column(sa.String(255))
    requested_host = sa.Column(sa.String(255))
    display_description = sa.Column(sa.Text)
    access_ip_v4 = sa.Column(sa.String(39))
    access_ip_v6 = sa.Column(sa.String(39))
    user_data = sa.Column(sa.Text)
    auto_disk_config = sa.Column(sa.Boolean)
    config_drive = sa.Column(sa.String(255))
    # The flavors the instance carries (0008_instance_flavors), read in
    # the same statement (one row at most) so no flavor lookup follows.
    extra = orm.relationship('InstanceExtra', uselist=False,
                             lazy='joined')


class InstanceExtra(BASE, NovaBase):
    """What an instance carries beside its row.

    ``flavor`` is JSON ``{"cur": ..., "old": ..., "new": ...}``, each a
    serialized Flavor object (or null): the flavor it runs with and,
    during a resize, the one it came from and the one it goes to.
    """
    __tablename__ = 'instance_extra'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_extra0instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36),
                              sa.ForeignKey('instances.uuid'),
                              nullable=False)
    flavor = sa.Column(sa.Text)


class InstanceMetadata(BASE, NovaBase):
    """One key/value of a server's metadata (``/servers/{id}/metadata``)."""
    __tablename__ = 'instance_metadata'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid', 'key',
                            name='uniq_instance_metadata0uuid0key'),
        sa.Index('instance_metadata_instance_uuid_idx', 'instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))


class KeyPair(BASE, NovaBase, SoftDeletable):
    """A user's SSH public key or x509 certificate (``os-keypairs``)."""
    __tablename__ = 'key_pairs'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name', 'deleted',
                            name='uniq_key_pairs0user_id0name0deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    fingerprint = sa.Column(sa.String(255), nullable=False)
    public_key = sa.Column(sa.Text, nullable=False)
    type = sa.Column(sa.String(16), nullable=False)


class Migration(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'migrations'
    __table_args__ = (
        sa.Index('migrations_instance_uuid_and_status_idx', 'deleted',
                 'instance_uuid', 'status'),
        sa.Index('migrations_by_host_nodes_and_status_idx', 'deleted',
                 'source_compute', 'dest_compute', 'status'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    source_compute = sa.Column(sa.String(255))
    dest_compute = sa.Column(sa.String(255))
    source_node = sa.Column(sa.String(255))
    dest_node = sa.Column(sa.String(255))
    dest_host = sa.Column(sa.String(255))
    old_instance_type_id = sa.Column(sa.Integer)
    new_instance_type_id = sa.Column(sa.Integer)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    status = sa.Column(sa.String(255), nullable=False)
    migration_type = sa.Column(sa.String(32), nullable=False)
    hidden = sa.Column(sa.Boolean, nullable=False, default=False)
    memory_total = sa.Column(sa.BigInteger)
    memory_processed = sa.Column(sa.BigInteger)
    memory_remaining = sa.Column(sa.BigInteger)
    disk_total = sa.Column(sa.BigInteger)
    disk_processed = sa.Column(sa.BigInteger)
    disk_remaining = sa.Column(sa.BigInteger)
    cross_cell_move = sa.Column(sa.Boolean, nullable=False, default=False)
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    dest_compute_id = sa.Column(sa.Integer)
    # What a resumed queue needs (0006_live_migration_queue).
    block_migration = sa.Column(sa.Boolean)
    queue_position = sa.Column(sa.Integer)


class InstanceAction(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'instance_actions'
    __table_args__ = (
        sa.Index('instance_uuid_request_id_idx', 'instance_uuid',
                 'request_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    action = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    request_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    message = sa.Column(sa.String(255))


class InstanceActionEvent(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'instance_actions_events'
    id = sa.Column(sa.Integer, primary_key=True)
    event = sa.Column(sa.String(255))
    action_id = sa.Column(sa.Integer, sa.ForeignKey('instance_actions.id'),
                          nullable=False, index=True)
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    result = sa.Column(sa.String(255))
    traceback = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)


class InstanceFault(BASE, NovaBase, SoftDeletable):
    __tablename__ = 'instance_faults'
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False, index=True)
    code = sa.Column(sa.Integer, nullable=False)
    message = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))


class Aggregate(BASE, NovaBase):
    """A named group of compute hosts (``os-aggregates``).

    Deleted for good, as Nova's API database does: a name is free again
    once its aggregate is gone.
    """
    __tablename__ = 'aggregates'
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=False, unique=True)


class AggregateHost(BASE, NovaBase):
    __tablename__ = 'aggregate_hosts'
    __table_args__ = (
        sa.UniqueConstraint('host', 'aggregate_id',
                            name='uniq_aggregate_hosts0host0aggregate_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    host = sa.Column(sa.String(255), nullable=False)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id',
                                                       ondelete='CASCADE'),
                             nullable=False)


class AggregateMetadata(BASE, NovaBase):
    __tablename__ = 'aggregate_metadata'
    __table_args__ = (
        sa.UniqueConstraint('aggregate_id', 'key',
                            name='uniq_aggregate_metadata0aggregate_id0key'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id',
                                                       ondelete='CASCADE'),
                             nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255), nullable=False)
