"""Console scripts.  Importing this package applies the concurrency backend.

It must run before oslo.messaging, SQLAlchemy or any thread exists, which is
why every ``nova.cmd.*`` module imports it first.
"""

import sys

from nova import monkey_patch

try:
    monkey_patch.patch()
except monkey_patch.UnknownBackend as _exc:
    sys.stderr.write('nova: error: %s\n' % _exc)
    sys.exit(2)
