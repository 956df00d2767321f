"""jsonschema validation with nova's formats and readable 400 messages."""

import base64
import binascii
import ipaddress

import jsonschema
from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova.api.openstack import client_input
from nova import exception
from nova.i18n import _

# jsonschema's own message quotes the value too: keep room for the rule.
_MESSAGE_LIMIT = 255

FORMAT_CHECKER = jsonschema.FormatChecker(formats=())


@FORMAT_CHECKER.checks('uuid')
def _is_uuid(value):
    return not isinstance(value, str) or uuidutils.is_uuid_like(value)


@FORMAT_CHECKER.checks('date-time', raises=(ValueError, OverflowError))
def _is_datetime(value):
    """ISO 8601, and still within years 1..9999 once moved to UTC."""
    if isinstance(value, str):
        timeutils.normalize_time(timeutils.parse_isotime(value))
    return True


@FORMAT_CHECKER.checks('name')
def _is_name(value):
    """No leading/trailing whitespace and no control characters."""
    if not isinstance(value, str):
        return True
    return (value == value.strip()
            and all(char.isprintable() for char in value))


@FORMAT_CHECKER.checks('ipv4', raises=ValueError)
def _is_ipv4(value):
    if isinstance(value, str):
        ipaddress.IPv4Address(value)
    return True


@FORMAT_CHECKER.checks('ipv6', raises=ValueError)
def _is_ipv6(value):
    if isinstance(value, str):
        ipaddress.IPv6Address(value)
    return True


@FORMAT_CHECKER.checks('base64', raises=(binascii.Error, ValueError))
def _is_base64(value):
    """Standard base64; line breaks (as MIME encoders write) are allowed."""
    if isinstance(value, str):
        base64.b64decode(''.join(value.split()), validate=True)
    return True


@FORMAT_CHECKER.checks('description')
def _is_description(value):
    """Printable text (spaces included), no control characters."""
    if not isinstance(value, str):
        return True
    return all(char.isprintable() for char in value)


def _describe(error, is_body):
    """Where the error is, what was there and what is wrong with it.

    The value and jsonschema's message are cut short: a client must not
    get megabytes of its own input back.
    """
    path = client_input.quote(
        '/'.join(str(part) for part in error.absolute_path))
    values = {'path': path, 'value': client_input.quote(error.instance),
              'message': client_input.quote(error.message, _MESSAGE_LIMIT)}
    if not is_body:
        return _('Invalid input for query parameters %(path)s. '
                 'Value: %(value)s. %(message)s') % values
    if not path:
        return _('Invalid request body. %(message)s') % values
    return _('Invalid input for field/attribute %(path)s. '
             'Value: %(value)s. %(message)s') % values


class SchemaValidator:
    """Validate request bodies or query strings against one schema."""

    def __init__(self, schema, is_body=True):
        validator_class = jsonschema.validators.validator_for(
            schema, default=jsonschema.Draft4Validator)
        validator_class.check_schema(schema)
        self.validator = validator_class(schema,
                                         format_checker=FORMAT_CHECKER)
        self.is_body = is_body

    def validate(self, instance):
        """Raise ValidationError (400) describing the most relevant error."""
        error = jsonschema.exceptions.best_match(
            self.validator.iter_errors(instance))
        if error is not None:
            raise exception.ValidationError(
                detail=_describe(error, self.is_body))


class ResponseValidationFailed(Exception):
    """A controller's response does not match its declared schema (a bug).

    Deliberately not a NovaException: it must become a 500.
    """
