"""Where the compute API listens."""

from oslo_config import cfg

wsgi_opts = [
    cfg.HostAddressOpt('osapi_compute_listen', default='127.0.0.1',
                       help="""
IP address the compute API listens on.

The embedded default listens on loopback because it authenticates with
noauth2; listen elsewhere only with ``[api] auth_strategy = keystone``.
"""),
    cfg.PortOpt('osapi_compute_listen_port', default=8774,
                help='Port the compute API listens on (0 picks a free one).'),
    cfg.IntOpt('osapi_compute_workers', default=64, min=1,
               help='Concurrent requests the compute API serves.'),
    cfg.IntOpt('backlog', default=4096, min=1,
               help="""
Connections the compute API's listening socket holds before it accepts
them (the kernel caps it at ``net.core.somaxconn``).

A short backlog refuses the SYNs of a burst of new connections, and each
refused client retries only after a second or more.
"""),
]


def register_opts(conf):
    conf.register_opts(wsgi_opts)


def list_opts():
    return {'DEFAULT': wsgi_opts}
