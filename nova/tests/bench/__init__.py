"""Benchmarks of queued live migrations: ``python -m nova.tests.bench``.

Separate from the tests (``tox -e bench``): they print tables of measured
figures beside their targets and never assert on timings.  See
``doc/source/contributor/benchmarks.rst``.
"""
