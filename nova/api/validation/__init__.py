"""Request validation decorators for compute API controller methods.

Stack one ``@validation.schema`` per body schema, each with the
microversion window it applies to; outside its window a decorator does
nothing.  They run before the method body, so a bad request is a 400
before any policy check or lookup can answer 403 or 404::

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('os-migrateLive')
    @validation.schema(migrate_server.migrate_live, '2.1', '2.24')
    @validation.schema(migrate_server.migrate_live_v225, '2.25', '2.29')
    @validation.schema(migrate_server.migrate_live_v230, '2.30')
    def _migrate_live(self, req, id, body):
        ...
"""

import functools

from oslo_log import log as logging

from nova.api.validation import validators
import nova.conf

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def _in_window(req, min_version, max_version):
    if min_version is None and max_version is None:
        return True
    return req.api_version_request.matches(min_version, max_version)


def schema(request_body_schema, min_version=None, max_version=None):
    """Validate the ``body`` argument against ``request_body_schema``."""
    validator = validators.SchemaValidator(request_body_schema)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            if _in_window(req, min_version, max_version):
                body = kwargs['body'] if 'body' in kwargs else args[-1]
                validator.validate(body)
            return func(self, req, *args, **kwargs)
        return wrapper
    return decorator


def query_schema(query_params_schema, min_version=None, max_version=None):
    """Validate ``req.GET`` as ``{name: [value, ...]}``.

    Every value is a string and a parameter may repeat, hence the lists;
    build schemas from ``parameter_types.multi_params``/``single_param``.
    """
    validator = validators.SchemaValidator(query_params_schema,
                                           is_body=False)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            if _in_window(req, min_version, max_version):
                validator.validate(query_params(req))
            return func(self, req, *args, **kwargs)
        return wrapper
    return decorator


def query_params(req):
    """The query string as ``{name: [values in order]}``."""
    params = {}
    for key, value in req.GET.items():
        params.setdefault(key, []).append(value)
    return params


def response_body_schema(response_schema, min_version=None,
                         max_version=None):
    """Check the body a method returns against ``response_schema``.

    What happens on a mismatch is ``[api] response_validation``: the
    tests set ``error`` (the response becomes a 500, so a missing or
    extra field fails the test), ``warn`` logs it, ``ignore`` skips the
    check.  Stack one per microversion window, innermost decorators.
    """
    validator = validators.SchemaValidator(response_schema)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            result = func(self, req, *args, **kwargs)
            mode = CONF.api.response_validation
            if mode != 'ignore' and _in_window(req, min_version,
                                               max_version):
                _check_response(validator, func, _body_of(result), mode)
            return result
        return wrapper
    return decorator


def _body_of(result):
    return getattr(result, 'obj', result)


def _check_response(validator, func, body, mode):
    try:
        validator.validate(body)
    except Exception as exc:
        if mode == 'error':
            raise validators.ResponseValidationFailed(
                '%s: %s' % (func.__qualname__, exc))
        LOG.warning('Response of %s does not match its schema: %s',
                    func.__qualname__, exc)


def response_body_schemas(windowed_schemas):
    """:func:`response_body_schema` for each ``(schema, min, max)``."""
    def decorator(func):
        for response_schema, min_version, max_version in windowed_schemas:
            func = response_body_schema(response_schema, min_version,
                                        max_version)(func)
        return func
    return decorator
