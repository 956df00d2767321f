"""Services and compute nodes."""

from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova.db.main import api
from nova.db.main import models
from nova import exception


@api.context_manager.writer
def service_create(context, values):
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    existing = api.model_query(context, models.Service).filter_by(
        host=values['host'], binary=values['binary']).first()
    if existing is not None:
        raise exception.ServiceExists(host=values['host'],
                                      binary=values['binary'])
    return api.add_row(context, models.Service, values)


@api.context_manager.reader
def service_get(context, service_id):
    query = api.model_query(context, models.Service).filter_by(
        id=service_id)
    return api.first_or_raise(query, exception.ServiceNotFound,
                              service_id=service_id)


@api.context_manager.reader
def service_get_by_uuid(context, service_uuid):
    query = api.model_query(context, models.Service).filter_by(
        uuid=service_uuid)
    return api.first_or_raise(query, exception.ServiceNotFound,
                              service_id=service_uuid)


@api.context_manager.reader
def service_get_by_host_and_binary(context, host, binary):
    query = api.model_query(context, models.Service).filter_by(
        host=host, binary=binary)
    return api.first_or_raise(query, exception.ComputeHostNotFound,
                              host=host)


@api.context_manager.reader
def service_get_all(context, host=None, binary=None, disabled=None):
    query = api.model_query(context, models.Service)
    if host is not None:
        query = query.filter_by(host=host)
    if binary is not None:
        query = query.filter_by(binary=binary)
    if disabled is not None:
        query = query.filter_by(disabled=disabled)
    return query.order_by(models.Service.id).all()


@api.context_manager.reader
def service_get_minimum_version(context, binary):
    from sqlalchemy import func
    query = context.session.query(func.min(models.Service.version)).filter(
        models.Service.binary == binary, models.Service.deleted == 0,
        models.Service.forced_down.is_(False))
    return query.scalar()


@api.context_manager.writer
def service_update(context, service_id, values):
    row = service_get(context, service_id)
    row.update(values)
    context.session.flush()
    return row


@api.context_manager.writer
def service_heartbeat(context, service_id):
    """Count one report and record when the service was last seen up."""
    row = service_get(context, service_id)
    row.report_count = (row.report_count or 0) + 1
    row.last_seen_up = timeutils.utcnow()
    context.session.flush()
    return row


@api.context_manager.writer
def service_destroy(context, service_id):
    api.soft_delete(service_get(context, service_id))


@api.context_manager.writer
def compute_node_create_or_update(context, values):
    """Create the node of (host, hypervisor_hostname) or refresh its size."""
    query = api.model_query(context, models.ComputeNode)
    row = query.filter_by(host=values['host'],
                          hypervisor_hostname=values['hypervisor_hostname']
                          ).first()
    if row is None:
        row = models.ComputeNode(uuid=values.get('uuid')
                                 or uuidutils.generate_uuid(), generation=0)
        context.session.add(row)
    row.update({k: v for k, v in values.items() if k != 'uuid'})
    context.session.flush()
    return row


@api.context_manager.reader
def compute_node_get(context, node_id):
    query = api.model_query(context, models.ComputeNode).filter_by(
        id=node_id)
    return api.first_or_raise(query, exception.ComputeNodeNotFound,
                              host=node_id)


@api.context_manager.reader
def compute_node_get_by_host_and_nodename(context, host, nodename):
    query = api.model_query(context, models.ComputeNode).filter_by(
        host=host, hypervisor_hostname=nodename)
    return api.first_or_raise(query, exception.ComputeNodeNotFound,
                              host='%s/%s' % (host, nodename))


@api.context_manager.reader
def compute_node_get_all(context, host=None):
    query = api.model_query(context, models.ComputeNode)
    if host is not None:
        query = query.filter_by(host=host)
    return query.order_by(models.ComputeNode.id).all()
