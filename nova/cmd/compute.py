"""nova-compute: one host's instances, driver and live-migration queue.

A compute never opens the database: every remotable object method goes to
the conductor (object indirection), so its config needs no
``[database] connection``.
"""

import nova.cmd  # noqa: F401  (concurrency backend first)

import sys

from nova.cmd import common
from nova.cmd import servicebase
from nova.compute import manager
from nova.compute import rpcapi
from nova.conductor import rpcapi as conductor_rpcapi
import nova.conf
from nova.objects import base as objects_base
from nova import service

CONF = nova.conf.CONF


@common.main_wrapper
def main():
    servicebase.prepare(sys.argv, needs_db=False)
    objects_base.NovaObject.indirection_api = conductor_rpcapi.ConductorAPI()
    servicebase.run([service.Service.create(
        'nova-compute', rpcapi.RPC_TOPIC,
        manager.ComputeManager(host=CONF.host))])
