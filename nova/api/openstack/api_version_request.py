"""Compute API microversions: the history, the bounds and the negotiation.

A request names its microversion in ``OpenStack-API-Version: compute X.Y``
or in the legacy ``X-OpenStack-Nova-API-Version: X.Y``.  The new header wins
when it has a ``compute`` entry; neither header means the minimum, and the
literal ``latest`` means the maximum.  Adding a microversion means adding one
line to ``_MICROVERSION_HISTORY`` (and raising ``MAX_VERSION_STRING``, which
a unit test pins on purpose), plus an entry in
``compute/rest_api_version_history.rst``.
"""

import functools
import re

import microversion_parse

from nova import exception
from nova.i18n import _

SERVICE_TYPE = 'compute'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'
HEADER = 'OpenStack-API-Version'

_NOT_HERE = '(not implemented by this project; accepted for negotiation)'

# One line per microversion, oldest first.  Text is a summary of what the
# version changes *for this project*; the full story is in
# rest_api_version_history.rst.
_MICROVERSION_HISTORY = (
    ('2.1', 'Base: os-migrateLive takes block_migration, disk_over_commit '
            'and host; /os-migrations has no migration_type or links.'),
    ('2.2', _NOT_HERE),
    ('2.3', 'More OS-EXT-SRV-ATTR:* fields on server show/detail (admin).'),
    ('2.4', _NOT_HERE),
    ('2.5', _NOT_HERE),
    ('2.6', _NOT_HERE),
    ('2.7', _NOT_HERE),
    ('2.8', _NOT_HERE),
    ('2.9', '"locked" on server show/detail.'),
    ('2.10', _NOT_HERE),
    ('2.11', '"forced_down" in GET /os-services.'),
    ('2.12', _NOT_HERE),
    ('2.13', _NOT_HERE),
    ('2.14', _NOT_HERE),
    ('2.15', _NOT_HERE),
    ('2.16', '"host_status" on server show/detail (policy-gated).'),
    ('2.17', _NOT_HERE),
    ('2.18', _NOT_HERE),
    ('2.19', _NOT_HERE),
    ('2.20', _NOT_HERE),
    ('2.21', 'os-instance-actions can read actions of deleted servers.'),
    ('2.22', 'POST /servers/{id}/migrations/{mid}/action force_complete.'),
    ('2.23', 'GET /servers/{id}/migrations[/{mid}]; /os-migrations gains '
             'migration_type and links.'),
    ('2.24', 'DELETE /servers/{id}/migrations/{mid} aborts a running live '
             'migration.'),
    ('2.25', 'block_migration accepts "auto"; disk_over_commit removed.'),
    ('2.26', _NOT_HERE),
    ('2.27', 'OpenStack-API-Version header (both headers are accepted at '
             'every version here).'),
    ('2.28', _NOT_HERE),
    ('2.29', _NOT_HERE),
    ('2.30', 'Optional "force" in os-migrateLive; a given host is checked '
             'by the scheduler unless forced.'),
    ('2.31', _NOT_HERE),
    ('2.32', 'POST /servers: networks items may carry a tag'),
    ('2.33', _NOT_HERE),
    ('2.34', 'Live-migration pre-checks run asynchronously (no 400 for '
             'pre-check failures).'),
    ('2.35', _NOT_HERE),
    ('2.36', 'The image proxy API is gone (404)'),
    ('2.37', '"networks" is required in POST /servers.'),
    ('2.38', 'An invalid status filter on server lists gives 400.'),
    ('2.39', _NOT_HERE),
    ('2.40', _NOT_HERE),
    ('2.41', _NOT_HERE),
    ('2.42', 'POST /servers: networks items carry a tag again'),
    ('2.43', _NOT_HERE),
    ('2.44', _NOT_HERE),
    ('2.45', _NOT_HERE),
    ('2.46', _NOT_HERE),
    ('2.47', 'Servers embed the flavor instead of linking it'),
    ('2.48', _NOT_HERE),
    ('2.49', _NOT_HERE),
    ('2.50', _NOT_HERE),
    ('2.51', 'Non-admins see instance-action events (without traceback).'),
    ('2.52', _NOT_HERE),
    ('2.53', '/os-services ids are UUIDs.'),
    ('2.54', _NOT_HERE),
    ('2.55', 'Flavors add description'),
    ('2.56', _NOT_HERE),
    ('2.57', _NOT_HERE),
    ('2.58', 'Instance actions: paging, changes-since, updated_at.'),
    ('2.59', '/os-migrations: uuid, paging, changes-since, migrations_links, '
             'newest first; server migrations gain uuid.'),
    ('2.60', _NOT_HERE),
    ('2.61', 'Flavor detail and show add extra_specs'),
    ('2.62', 'Instance-action events gain hostId and host (admin).'),
    ('2.63', _NOT_HERE),
    ('2.64', _NOT_HERE),
    ('2.65', 'DELETE /servers/{id}/migrations/{mid} also aborts queued and '
             'preparing live migrations.'),
)

MIN_VERSION_STRING = '2.1'
MAX_VERSION_STRING = '2.65'

# Leading zeros, a missing minor part or a "v" prefix are malformed.
_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class InvalidAPIVersionString(exception.NovaException):
    msg_fmt = _('API version string %(version)s is malformed: it must be '
                'of the form MajorNum.MinorNum.')
    code = 400


class InvalidGlobalAPIVersion(exception.NovaException):
    msg_fmt = _('Version %(req_ver)s is not supported by the API. Minimum '
                'is %(min_ver)s and maximum is %(max_ver)s.')
    code = 406

    def __init__(self, requested, **kwargs):
        self.requested = requested
        super().__init__(req_ver=requested.get_string(),
                         min_ver=MIN_VERSION_STRING,
                         max_ver=MAX_VERSION_STRING, **kwargs)


class VersionNotFoundForAPIMethod(exception.NovaException):
    msg_fmt = _('API version %(version)s is not supported on this method.')
    code = 404


@functools.total_ordering
class APIVersionRequest:
    """A requested microversion; the null version compares to nothing."""

    def __init__(self, version_string=None):
        self.ver_major = 0
        self.ver_minor = 0
        if version_string is not None:
            match = _VERSION_RE.match(version_string)
            if not match:
                raise InvalidAPIVersionString(version=version_string)
            self.ver_major = int(match.group(1))
            self.ver_minor = int(match.group(2))

    def __repr__(self):
        return 'APIVersionRequest(%r)' % (
            None if self.is_null() else self.get_string())

    def __str__(self):
        return 'null' if self.is_null() else self.get_string()

    def is_null(self):
        return self.ver_major == 0 and self.ver_minor == 0

    def as_tuple(self):
        if self.is_null():
            raise TypeError('the null API version cannot be ordered')
        return (self.ver_major, self.ver_minor)

    def __eq__(self, other):
        if not isinstance(other, APIVersionRequest):
            return NotImplemented
        return (self.ver_major, self.ver_minor) == (other.ver_major,
                                                    other.ver_minor)

    def __hash__(self):
        return hash((self.ver_major, self.ver_minor))

    def __lt__(self, other):
        if not isinstance(other, APIVersionRequest):
            return NotImplemented
        return self.as_tuple() < other.as_tuple()

    def matches(self, min_version, max_version=None):
        """True when ``min_version <= self <= max_version``.

        Either bound may be a string, an APIVersionRequest or None/null
        (unbounded on that side).
        """
        lower = _as_version(min_version)
        upper = _as_version(max_version)
        if self.is_null():
            raise ValueError('the null API version matches no window')
        if not lower.is_null() and self < lower:
            return False
        return upper.is_null() or self <= upper

    def get_string(self):
        if self.is_null():
            raise ValueError('the null API version has no string form')
        return '%d.%d' % (self.ver_major, self.ver_minor)


def _as_version(value):
    if isinstance(value, APIVersionRequest):
        return value
    return APIVersionRequest(value)


def min_api_version():
    return APIVersionRequest(MIN_VERSION_STRING)


def max_api_version():
    return APIVersionRequest(MAX_VERSION_STRING)


def is_supported(req, min_version, max_version=None):
    """Whether the request's microversion lies in the given window.

    The helper for behaviour that changes inside one method, e.g.
    ``if api_version_request.is_supported(req, '2.65'):``.
    """
    return req.api_version_request.matches(min_version, max_version)


def negotiate(headers):
    """The microversion a request asks for, resolved against MIN and MAX.

    :param headers: the request headers (any mapping, or a WSGI environ).
    :raises InvalidAPIVersionString: the value is malformed (400).
    :raises InvalidGlobalAPIVersion: well formed but out of range (406);
        the exception carries the ``requested`` version.
    """
    try:
        value = microversion_parse.get_version(
            headers, service_type=SERVICE_TYPE,
            legacy_headers=[LEGACY_HEADER])
    except ValueError:
        raise InvalidAPIVersionString(version='')
    if value is None:
        return min_api_version()
    if value == 'latest':
        return max_api_version()
    requested = APIVersionRequest(value)
    if not requested.matches(MIN_VERSION_STRING, MAX_VERSION_STRING):
        raise InvalidGlobalAPIVersion(requested)
    return requested
