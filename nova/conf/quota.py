"""Default quotas of every project (``[quota]``, Nova's names).

``-1`` is unlimited.  An administrator changes a default for every
project with ``os-quota-class-sets/default`` and one project's (or user's)
limits with ``os-quota-sets``.
"""

from oslo_config import cfg

quota_group = cfg.OptGroup('quota', title='Quota options')

quota_opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help='Servers a project may have.'),
    cfg.IntOpt('cores', default=20, min=-1,
               help='Virtual CPUs the servers of a project may use.'),
    cfg.IntOpt('ram', default=50 * 1024, min=-1,
               help='MiB of RAM the servers of a project may use.'),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help='Metadata items per server.'),
    cfg.IntOpt('injected_files', default=5, min=-1,
               help='Injected files per server (API before 2.57).'),
    cfg.IntOpt('injected_file_content_bytes', default=10 * 1024, min=-1,
               help='Bytes per injected file (API before 2.57).'),
    cfg.IntOpt('injected_file_path_length', default=255, min=-1,
               help='Length of an injected file path (API before 2.57).'),
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help='Key pairs per user.'),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help='Server groups per project.'),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help='Servers per server group.'),
    cfg.BoolOpt('recheck_quota', default=True,
                help='Count again after a server is recorded and undo the '
                     'create if parallel requests went over the quota.'),
]


def register_opts(conf):
    conf.register_group(quota_group)
    conf.register_opts(quota_opts, group=quota_group)


def list_opts():
    return {quota_group: quota_opts}
