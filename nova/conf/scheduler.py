"""``[scheduler]``: destination selection."""

from oslo_config import cfg

scheduler_group = cfg.OptGroup('scheduler', title='Scheduler options')

scheduler_opts = [
    cfg.IntOpt('max_attempts', default=3, min=1,
               help='How many hosts the conductor tries when a claim races.'),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)


def list_opts():
    return {scheduler_group: scheduler_opts}
