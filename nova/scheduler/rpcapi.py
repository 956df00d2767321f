"""Client side of the scheduler RPC API (topic ``scheduler``).

Version history:

* 1.0 - Initial version: ``select_destinations``.
"""

import oslo_messaging as messaging

from nova import baserpc
import nova.conf
from nova import rpc

CONF = nova.conf.CONF

RPC_TOPIC = 'scheduler'
VERSION = '1.0'


class SchedulerAPI(object):
    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version=VERSION)
        cap = baserpc.resolve_cap(CONF.upgrade_levels.scheduler, {}, VERSION)
        self.client = rpc.get_client(target, version_cap=cap)

    def select_destinations(self, context, consumer_uuid, resources,
                            requested_host=None, ignore_hosts=None,
                            force=False):
        """Pick a host, claim ``resources`` there for the consumer.

        Returns ``{'host': ..., 'nodename': ...}`` of the claimed node or
        raises NoValidHost.
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'select_destinations',
                          consumer_uuid=consumer_uuid, resources=resources,
                          requested_host=requested_host,
                          ignore_hosts=ignore_hosts or [], force=force)
