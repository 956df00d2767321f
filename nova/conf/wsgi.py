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
]


def register_opts(conf):
    conf.register_opts(wsgi_opts)


def list_opts():
    return {'DEFAULT': wsgi_opts}
