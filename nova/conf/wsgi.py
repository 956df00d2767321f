"""Where the compute API listens, and how its HTTP server is sized."""

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
    cfg.IntOpt('osapi_compute_workers', default=1000, min=1,
               help="""
Most connections the compute API serves at once.

Green threads under eventlet; native threads under threading, of which
up to 64 start with the server and more are added, up to this number,
while none is idle.  A connection holds one from its first byte until its
response is sent, so this must exceed the clients that may be slow to
send their requests; ``[wsgi] client_socket_timeout`` bounds how long each
may hold one.
"""),
    cfg.IntOpt('backlog', default=4096, min=1,
               help="""
Connections the compute API's listening socket holds before it accepts
them (the kernel caps it at ``net.core.somaxconn``).

A short backlog refuses the SYNs of a burst of new connections, and each
refused client retries only after a second or more.
"""),
]

wsgi_group = cfg.OptGroup('wsgi', title='The compute API\'s HTTP server')

server_opts = [
    cfg.IntOpt('client_socket_timeout', default=60, min=1,
               help="""
Seconds a client connection may stay silent before the server closes it.

Bounds how long a client that sends a request slowly (or stalls in the
middle of its body) holds a worker, and how long an idle keep-alive
connection stays open.  A request whose body stalls longer is dropped
(cheroot answers it with a ``408`` fault).

Possible values:

* A positive number of seconds.

Related options:

* ``osapi_compute_workers``: how many connections may be served at once.
"""),
    cfg.IntOpt('max_header_line', default=16384, min=1024,
               help="""
Longest request header line (name and value), in bytes.

A longer header is refused with a ``400`` fault.  Raise it if clients
send very large tokens.  The request line (the URL) is limited to 8192
bytes (``414``) and all headers together to 65536 bytes (``400``).
"""),
]


def register_opts(conf):
    conf.register_opts(wsgi_opts)
    conf.register_group(wsgi_group)
    conf.register_opts(server_opts, group=wsgi_group)


def list_opts():
    return {'DEFAULT': wsgi_opts, wsgi_group: server_opts}
