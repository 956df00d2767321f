"""``[fake]``: the simulating virt driver."""

from oslo_config import cfg

fake_group = cfg.OptGroup('fake', title='Simulating driver')

fake_opts = [
    cfg.IntOpt('vcpus', default=16, min=1,
               help='Physical CPUs the simulated host reports.'),
    cfg.IntOpt('memory_mb', default=65536, min=1,
               help='Memory in MiB the simulated host reports.'),
    cfg.IntOpt('local_gb', default=1024, min=1,
               help='Disk in GiB the simulated host reports.'),
    cfg.IntOpt('live_migration_bandwidth', default=0, min=0, help="""
Simulated live-migration bandwidth in MiB/s.

A migration of an instance with N MiB of memory takes N divided by this many
seconds and reports its progress while it runs.

Possible values:

* 0: a migration completes at once.
* Any positive integer: MiB copied per second; use a small value to watch a
  queue form behind ``max_concurrent_live_migrations``.
"""),
    cfg.FloatOpt('live_migration_progress_interval', default=0.5, min=0.01,
                 help='Seconds between two progress reports.'),
]


def register_opts(conf):
    conf.register_group(fake_group)
    conf.register_opts(fake_opts, group=fake_group)


def list_opts():
    return {fake_group: fake_opts}
