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
    cloud = embedded.EmbeddedCloud()
    launcher = service.Launcher()
    launcher.install_signal_handlers()
    try:
        cloud.start()
    except BaseException:
        cloud.stop()
        raise
    launcher.services.extend(cloud.services)
    clouds_yaml = cloud.write_clouds_yaml() \
        if CONF.embedded.write_clouds_yaml else None
    print(embedded.usage_text(cloud, clouds_yaml), flush=True)
    launcher.wait()
    print('nova-all stopped.', flush=True)
