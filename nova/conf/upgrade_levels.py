"""``[upgrade_levels]``: caps on the RPC versions clients send."""

from oslo_config import cfg

upgrade_group = cfg.OptGroup('upgrade_levels', title='Upgrade levels')

upgrade_opts = [
    cfg.StrOpt('compute', help="""
Cap on the compute RPC API version sent to nova-compute services.

Possible values:

* unset: the newest version this service knows.
* ``auto``: derived from the lowest service version among the running
  nova-compute services, through the service version history.
* A release alias (``rocky``, ``stein``) or an explicit version (``5.0``).
"""),
    cfg.StrOpt('conductor', help='Cap on the conductor RPC API version.'),
    cfg.StrOpt('scheduler', help='Cap on the scheduler RPC API version.'),
]


def register_opts(conf):
    conf.register_group(upgrade_group)
    conf.register_opts(upgrade_opts, group=upgrade_group)


def list_opts():
    return {upgrade_group: upgrade_opts}
