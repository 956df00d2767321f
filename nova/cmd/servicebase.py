"""Shared start-up of the nova-* service commands."""

import os

from nova.cmd import common
import nova.conf
from nova.db.main import api as db_api
from nova import objects
from nova import rpc
from nova import service

CONF = nova.conf.CONF


def prepare(argv, needs_db=True):
    """Parse config, register objects, open the transport (and the DB)."""
    common.parse_args(argv)
    objects.register_all()
    os.makedirs(CONF.state_path, exist_ok=True)
    if needs_db:
        db_api.configure()
        db_api.get_engine().connect().close()
    rpc.init()


def run(services):
    """Start ``services`` and block until SIGTERM/SIGINT stops them."""
    launcher = service.Launcher()
    launcher.install_signal_handlers()
    try:
        for svc in services:
            launcher.launch_service(svc)
    except service.StopRequested:
        launcher.stop()
        return launcher
    except BaseException:
        launcher.stop()
        raise
    launcher.wait()
    return launcher
