"""Parse what a client put in the URL, once, for every handler.

Query values and path ids are strings of any length and content: a time
whose offset moves it out of the years a datetime holds, a number of
thousands of digits, an id no database column can store, bytes that are
not UTF-8.  Handlers take their values through these functions, which
answer such input with a 400 (or the caller's not-found) fault instead of
letting OverflowError, ValueError, UnicodeDecodeError or DBError become a
500.  :func:`quote` bounds what a fault message echoes back.
"""

import re
from urllib import parse

from oslo_utils import timeutils
import webob.exc

from nova.i18n import _

# Ids are autoincremented signed 64-bit integers at most (SQLite and
# MariaDB BIGINT); anything larger names no row.
MAX_DB_ID = 2 ** 63 - 1
# Integers a client may send as query values or digit strings: enough for
# any size or count, few enough digits for int() to be cheap.
MAX_INT_DIGITS = 19
_DIGITS = re.compile('[0-9]{1,%d}' % MAX_INT_DIGITS, re.ASCII)
# How much of a client's value a fault message quotes.
QUOTE_LIMIT = 64


def quote(value, limit=QUOTE_LIMIT):
    """``value`` as text for a message, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return text
    return _('%(head)s... (%(length)d characters)') % {
        'head': text[:limit], 'length': len(text)}


def non_utf8_query(query_string):
    """Why the query string is refused, or None when it is usable.

    webob decodes percent escapes as UTF-8 when a handler first reads
    ``req.GET``; check before any handler can fail at that point.
    """
    try:
        # A WSGI native string holds the raw bytes as latin-1.
        raw = query_string.encode('latin-1')
        parse.unquote_to_bytes(raw.replace(b'+', b' ')).decode('utf-8')
    except (UnicodeEncodeError, UnicodeDecodeError):
        return _('The query string is not valid UTF-8 once '
                 'percent-decoded.')
    return None


def integer(value, name, minimum=0):
    """A non-negative integer given as digits (or a JSON integer).

    :raises HTTPBadRequest: not digits, too many digits, or below
        ``minimum``.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        number = value if abs(value) < 10 ** MAX_INT_DIGITS else None
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        number = None
    if number is None or number < minimum:
        raise webob.exc.HTTPBadRequest(explanation=_(
            '%(name)s must be an integer >= %(minimum)d of at most '
            '%(digits)d digits, not %(value)s') % {
                'name': name, 'minimum': minimum, 'digits': MAX_INT_DIGITS,
                'value': quote(value)})
    return number


def utc_datetime(value, name):
    """An ISO 8601 time as a naive UTC datetime, for time filters.

    A valid time near year 1 or 9999 with an offset has no UTC datetime.

    :raises HTTPBadRequest: not ISO 8601, or out of range once in UTC.
    """
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except (ValueError, OverflowError):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid %(name)s value %(value)s: an ISO 8601 time between '
            'years 1 and 9999 in UTC is required.') % {
                'name': name, 'value': quote(value)})


def db_id(value, not_found):
    """The integer id in a path segment.

    Anything that cannot be the id of a row (not digits, zero, beyond
    64 bits) raises ``not_found()`` as a lookup of it would.
    """
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
        if 0 < number <= MAX_DB_ID:
            return number
    raise not_found()
