"""Options every nova service reads: identity of the host, paths, backend."""

import os
import socket

from oslo_config import cfg

from nova import monkey_patch

base_opts = [
    cfg.StrOpt('host',
               default=socket.gethostname(),
               sample_default='<current_hostname>',
               help="""
Hostname, FQDN or IP address of this host.

Used as the name of the compute service's RPC server and of its Service and
ComputeNode records, so it must be unique across the deployment.

Possible values:

* A string without spaces.
"""),
    cfg.StrOpt('state_path',
               default=os.path.join(os.path.expanduser('~'), '.nova'),
               sample_default='$HOME/.nova',
               help="""
Top-level directory for nova's state.

The embedded cloud keeps its SQLite database, its ``clouds.yaml`` and its
logs here.
"""),
    cfg.StrOpt('concurrency_backend',
               default=monkey_patch.DEFAULT_BACKEND,
               choices=[('eventlet', 'green threads, monkey-patched stdlib'),
                        ('threading', 'native threads')],
               help="""
How the service runs concurrent work.

Read before anything else is imported (``NOVA_CONCURRENCY_BACKEND`` in the
environment takes precedence), because eventlet must patch the standard
library first.

Related options:

* ``max_concurrent_live_migrations``: the size of the live-migration pool,
  green or native depending on this option.
"""),
]


def register_opts(conf):
    conf.register_opts(base_opts)


def list_opts():
    return {'DEFAULT': base_opts}
