"""nova-scheduler: picks and claims destinations."""

import nova.cmd  # noqa: F401  (concurrency backend first)

import sys

from nova.cmd import common
from nova.cmd import servicebase
from nova.scheduler import manager
from nova.scheduler import rpcapi
from nova import service


@common.main_wrapper
def main():
    servicebase.prepare(sys.argv)
    servicebase.run([service.Service.create(
        'nova-scheduler', rpcapi.RPC_TOPIC, manager.SchedulerManager())])
