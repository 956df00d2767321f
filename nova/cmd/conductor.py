"""nova-conductor: runs tasks and the database access of computes."""

import nova.cmd  # noqa: F401  (concurrency backend first)

import sys

from nova.cmd import common
from nova.cmd import servicebase
from nova.conductor import manager
from nova.conductor import rpcapi
from nova import service


@common.main_wrapper
def main():
    servicebase.prepare(sys.argv)
    servicebase.run([service.Service.create(
        'nova-conductor', rpcapi.RPC_TOPIC, manager.ConductorManager())])
