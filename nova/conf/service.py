"""Options of the service framework: heartbeats and up/down."""

from oslo_config import cfg

service_opts = [
    cfg.IntOpt('report_interval', default=10, min=1,
               help="""
Seconds between the heartbeats a service writes to its Service record.

Related options:

* ``service_down_time``: must be larger than this.
"""),
    cfg.IntOpt('service_down_time', default=60, min=1,
               help="""
Seconds since the last heartbeat after which a service counts as down.

The scheduler skips down computes and ``GET /os-services`` reports them as
``down``.
"""),
    cfg.IntOpt('graceful_shutdown_timeout', default=60, min=0,
               help="""
Seconds a process may take to stop after SIGTERM or SIGINT.

The signal is honoured at any moment, during start-up too.  A stop that
has not finished within this time is cut short and the process exits with
status 1; whatever it left unfinished is repaired at its next start.

Possible values:

* 0: wait as long as the stop takes.
* Any positive integer: seconds.
"""),
]


def register_opts(conf):
    conf.register_opts(service_opts)


def list_opts():
    return {'DEFAULT': service_opts}
