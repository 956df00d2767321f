"""A nova service whose simulating driver a test can hold, through files.

``python -m nova.tests.multiprocess.hooked_service nova-compute
--config-file ...`` runs the real ``nova-compute`` with one difference:
every ``FakeDriver`` it makes obeys the :class:`FileGates` in the
directory named by ``NOVA_TEST_GATES_DIR``.  The multi-process fault matrix
starts its computes this way to hold a migration ``accepted`` (the
destination's check), ``preparing`` (``pre_live_migration``) or in post
(``post_live_migration_at_destination``) while it kills a service.
"""

import importlib
import os
import sys

from nova.tests.fixtures import driver_hooks
from nova.virt import fake

ENV_GATES_DIR = 'NOVA_TEST_GATES_DIR'
SERVICES = {'nova-compute': 'nova.cmd.compute'}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    binary, rest = argv[0], argv[1:]
    command = importlib.import_module(SERVICES[binary])
    gates = driver_hooks.FileGates(os.environ[ENV_GATES_DIR])
    fake.FakeDriver.hooks_factory = staticmethod(lambda: gates)
    sys.argv = [binary] + rest
    return command.main()


if __name__ == '__main__':
    sys.exit(main())
