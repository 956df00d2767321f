"""``[embedded]``: the simulated computes that ``nova-all`` runs."""

from oslo_config import cfg

embedded_group = cfg.OptGroup('embedded', title='nova-all options', help="""
nova-all runs the API, the conductor, the scheduler and these computes in one
process on SQLite and the in-process transport (``inprocess://``).
""")

embedded_opts = [
    cfg.ListOpt('compute_hosts', default=['compute1', 'compute2'], help="""
Hosts of the simulated nova-compute services nova-all starts.

Each gets the capacity of the ``[fake]`` options.
"""),
    cfg.BoolOpt('write_clouds_yaml', default=True,
                help='Write clouds.yaml for the openstack CLI into '
                     'state_path.'),
]


def register_opts(conf):
    conf.register_group(embedded_group)
    conf.register_opts(embedded_opts, group=embedded_group)


def list_opts():
    return {embedded_group: embedded_opts}
