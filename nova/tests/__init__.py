"""Tests run on the backend named by NOVA_CONCURRENCY_BACKEND (tox sets it)."""

from nova import monkey_patch

monkey_patch.patch([])
