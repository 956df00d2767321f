"""Wire formats shared by several views (times, host ids)."""

import datetime
import hashlib

_ISO_SECONDS = '%Y-%m-%dT%H:%M:%SZ'
_ISO_MICROSECONDS = '%Y-%m-%dT%H:%M:%S.%f'


def _utc(value):
    if value.tzinfo is None:
        return value
    return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def isotime(value):
    """Server-style times, ``2026-01-05T10:00:00Z``; None stays None."""
    return None if value is None else _utc(value).strftime(_ISO_SECONDS)


def precise_time(value):
    """Record-style times, ``2026-01-05T10:00:00.000000`` (UTC, no zone).

    Instance actions, services and migrations use this form.
    """
    return None if value is None else _utc(value).strftime(
        _ISO_MICROSECONDS)


def host_id(project_id, host):
    """An opaque per-project name of a compute host.

    Lets a project tell whether two of its servers share a host without
    learning the host's name; empty when there is no host.
    """
    if not host:
        return ''
    return hashlib.sha224(
        ('%s%s' % (project_id or '', host)).encode('utf-8')).hexdigest()
