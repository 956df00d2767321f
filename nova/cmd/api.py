"""nova-api: the compute REST API on a real WSGI server."""

import nova.cmd  # noqa: F401  (concurrency backend first)

import sys

from nova.cmd import common
from nova.cmd import servicebase
from nova import service


@common.main_wrapper
def main():
    servicebase.prepare(sys.argv)
    servicebase.run([service.WSGIService()])
