"""Request context carried through API, RPC and objects."""

import copy

from oslo_context import context as oslo_context
from oslo_db.sqlalchemy import enginefacade

from nova import policy_context


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):
    """oslo.context plus the two things Nova code asks of every request.

    ``is_admin`` is derived from the roles through the ``context_is_admin``
    policy unless the caller says otherwise; ``read_deleted`` controls
    whether database queries include soft-deleted rows.
    """

    def __init__(self, user_id=None, project_id=None, is_admin=None,
                 read_deleted='no', roles=None, remote_address=None,
                 **kwargs):
        kwargs.pop('user', None)
        kwargs.pop('tenant', None)
        kwargs.pop('project', None)
        super().__init__(user_id=user_id, project_id=project_id,
                         roles=roles or [], **kwargs)
        self.read_deleted = read_deleted
        self.remote_address = remote_address
        if is_admin is None:
            is_admin = policy_context.is_admin_roles(self.roles)
        self.is_admin = is_admin

    def to_dict(self):
        values = super().to_dict()
        values.update(user_id=self.user_id, project_id=self.project_id,
                      read_deleted=self.read_deleted,
                      remote_address=self.remote_address,
                      is_admin=self.is_admin)
        return values

    @classmethod
    def from_dict(cls, values):
        values = dict(values)
        known = ('user_id', 'project_id', 'is_admin', 'read_deleted',
                 'roles', 'remote_address', 'request_id', 'global_request_id',
                 'auth_token', 'user_name', 'project_name', 'domain_id',
                 'user_domain_id', 'project_domain_id', 'is_admin_project',
                 'show_deleted', 'system_scope', 'service_token')
        return cls(**{k: values[k] for k in known if k in values})

    def elevated(self, read_deleted=None):
        ctx = copy.deepcopy(self)
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles.append('admin')
        if read_deleted is not None:
            ctx.read_deleted = read_deleted
        return ctx

    def can(self, action, target=None, fatal=True):
        """Authorize ``action`` for this context (``nova.policy``)."""
        from nova import policy
        if target is None:
            target = {'project_id': self.project_id,
                      'user_id': self.user_id}
        return policy.authorize(self, action, target, fatal=fatal)


def get_admin_context(read_deleted='no'):
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          read_deleted=read_deleted, overwrite=False)
