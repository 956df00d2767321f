"""All of nova's options, registered on the global ``CONF``.

Options live in one module per group; each exposes ``register_opts(conf)``
and ``list_opts()`` (the latter for ``oslo-config-generator`` through
``nova.conf.opts``).
"""

from oslo_config import cfg

from nova.conf import api
from nova.conf import base
from nova.conf import compute
from nova.conf import database
from nova.conf import embedded
from nova.conf import fake
from nova.conf import notifications
from nova.conf import quota
from nova.conf import rpc
from nova.conf import scheduler
from nova.conf import service
from nova.conf import upgrade_levels
from nova.conf import wsgi

CONF = cfg.CONF

MODULES = (api, base, compute, database, embedded, fake, notifications,
           quota, rpc, scheduler, service, upgrade_levels, wsgi)

for _module in MODULES:
    _module.register_opts(CONF)
