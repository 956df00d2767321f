"""Client side of the scheduler RPC API (topic ``scheduler``).

Version history:

* 1.0 - Initial version: ``select_destinations``.
* 1.1 - ``select_destinations`` takes ``scheduler_hints``.
"""

import oslo_messaging as messaging

from nova import baserpc
import nova.conf
from nova import rpc

CONF = nova.conf.CONF

RPC_TOPIC = 'scheduler'
VERSION = '1.1'


class SchedulerAPI(object):
    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version=VERSION)
        cap = baserpc.resolve_cap(CONF.upgrade_levels.scheduler, {}, VERSION)
        self.client = rpc.get_client(target, version_cap=cap)

    def select_destinations(self, context, consumer_uuid, resources,
                            requested_host=None, ignore_hosts=None,
                            force=False, scheduler_hints=None):
        """Pick a host, claim ``resources`` there for the consumer.

        Returns ``{'host': ..., 'nodename': ...}`` of the claimed node or
        raises NoValidHost.  Hints need 1.1; without them the call is 1.0.
        """
        kwargs = {'consumer_uuid': consumer_uuid, 'resources': resources,
                  'requested_host': requested_host,
                  'ignore_hosts': ignore_hosts or [], 'force': force}
        version = '1.0'
        if scheduler_hints:
            kwargs['scheduler_hints'] = scheduler_hints
            version = '1.1'
        cctxt = self.client.prepare(version=version)
        return cctxt.call(context, 'select_destinations', **kwargs)
