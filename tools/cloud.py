#!/usr/bin/env python3
"""Run nova as a real cloud: every service its own process.

The launcher is the package :mod:`nova.tools.cloud`; see its ``cli``
module for the sub-commands (``start``, ``status``, ``logs``, ``stop``).
"""

import os
import sys

# This checkout's launcher, whichever nova the interpreter has installed.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))

from nova.tools.cloud import cli  # noqa: E402

if __name__ == '__main__':
    sys.exit(cli.main())
