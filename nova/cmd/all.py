"""nova-all: the embedded cloud (API, conductor, scheduler, computes)."""

import nova.cmd  # noqa: F401  (concurrency backend first)

import sys

from nova.cmd import common
import nova.conf
from nova import embedded
from nova import service

CONF = nova.conf.CONF


@common.main_wrapper
def main():
    common.parse_args(sys.argv)
    launcher = service.Launcher()
    launcher.install_signal_handlers()
    cloud = embedded.EmbeddedCloud(
        check_stop_requested=launcher.check_stop_requested)
    try:
        cloud.start()
    except service.StopRequested:
        cloud.stop()
        launcher.watchdog.disarm()
        print('nova-all stopped while starting.', flush=True)
        return
    except BaseException:
        cloud.stop()
        raise
    clouds_yaml = cloud.write_clouds_yaml() \
        if CONF.embedded.write_clouds_yaml else None
    print(embedded.usage_text(cloud, clouds_yaml), flush=True)
    launcher.wait(stop=cloud.stop)
    print('nova-all stopped.', flush=True)
