"""``python -m nova.tests.bench``: see ``nova.tests.bench.cli``."""

import sys

from nova.tests.bench import cli

sys.exit(cli.main())
