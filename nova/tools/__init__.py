"""Operator and test tooling that runs beside nova, never inside it.

Service code does not import this package (flake8 N314); the launcher of
the multi-process cloud (``tools/cloud.py``) and the tests do.
"""
