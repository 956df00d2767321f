"""Base of the RPC endpoints each service runs."""

from oslo_log import log as logging
import oslo_messaging as messaging

import nova.conf

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class Manager(object):
    """An RPC endpoint with start and stop hooks.

    ``init_host`` runs before the service accepts RPC (repair what a crash
    left behind), ``cleanup_host`` after it stopped accepting it (release
    what the service holds).
    """

    target = messaging.Target(version='1.0')
    service_name = None

    def __init__(self, host=None, service_name=None):
        self.host = host or CONF.host
        if service_name:
            self.service_name = service_name

    def init_host(self, service_ref=None):
        pass

    def cleanup_host(self):
        pass

    def pre_start_hook(self, service_ref):
        pass

    def post_start_hook(self):
        pass

    def periodic_tasks(self):
        """``[(callable(context), seconds), ...]`` the service runs.

        They start with the heartbeat, once the service accepts RPC; a
        failing run is logged and the next one comes at its interval.
        """
        return []
