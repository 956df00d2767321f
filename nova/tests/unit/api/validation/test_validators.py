"""Schema validation decorators, formats and parameter types."""

import ddt
import jsonschema

from nova.api.openstack import wsgi
from nova.api import validation
from nova.api.validation import parameter_types
from nova.api.validation import validators
from nova import exception
from nova import test

UUID = '7e4c3f58-0a7e-4a3a-9d6c-5e2f1b8d9c01'


class _Controller:
    @validation.schema({'type': 'object',
                        'properties': {'n': {'type': 'integer'}},
                        'required': ['n']}, '2.1', '2.24')
    @validation.schema({'type': 'object',
                        'properties': {'n': {'type': 'string'}},
                        'required': ['n']}, '2.25')
    def create(self, req, body):
        return body

    @validation.query_schema({
        'type': 'object',
        'properties': {
            'limit': parameter_types.single_param(
                parameter_types.non_negative_integer),
            'status': parameter_types.common_query_param},
        'additionalProperties': False}, '2.59')
    def index(self, req):
        return 'ok'


@ddt.ddt
class SchemaDecoratorTest(test.TestCase):

    @ddt.data(({'n': 1}, '2.1', True), ({'n': 'x'}, '2.1', False),
              ({'n': 'x'}, '2.25', True), ({'n': 1}, '2.65', False),
              ({}, '2.1', False), (None, '2.1', False))
    @ddt.unpack
    def test_window_selects_schema(self, body, version, valid):
        req = wsgi.Request.blank('/', version=version)
        if valid:
            self.assertEqual(body, _Controller().create(req, body=body))
        else:
            self.assertRaises(exception.ValidationError,
                              _Controller().create, req, body=body)

    def test_positional_body(self):
        req = wsgi.Request.blank('/')
        self.assertEqual({'n': 2}, _Controller().create(req, {'n': 2}))

    @ddt.data(('limit=1&status=a&status=b', '2.59', True),
              ('limit=x', '2.59', False), ('limit=1&limit=2', '2.59', False),
              ('other=1', '2.59', False), ('other=1', '2.58', True))
    @ddt.unpack
    def test_query_schema(self, query, version, valid):
        req = wsgi.Request.blank('/?' + query, version=version)
        if valid:
            self.assertEqual('ok', _Controller().index(req))
        else:
            self.assertRaises(exception.ValidationError,
                              _Controller().index, req)

    def test_query_params_keeps_repeats(self):
        req = wsgi.Request.blank('/?a=1&b=2&a=3')
        self.assertEqual({'a': ['1', '3'], 'b': ['2']},
                         validation.query_params(req))


@ddt.ddt
class ParameterTypesTest(test.TestCase):

    def _valid(self, schema, value):
        try:
            validators.SchemaValidator(schema).validate(value)
        except exception.ValidationError:
            return False
        return True

    @ddt.data((parameter_types.uuid, UUID, True),
              (parameter_types.uuid, 'not-a-uuid', False),
              (parameter_types.boolean, 'True', True),
              (parameter_types.boolean, False, True),
              (parameter_types.boolean, 'maybe', False),
              (parameter_types.name, 'vm1', True),
              (parameter_types.name, ' vm1', False),
              (parameter_types.name, '', False),
              (parameter_types.hostname, 'cmp-01.example', True),
              (parameter_types.hostname, 'cmp 01', False),
              (parameter_types.positive_integer, '3', True),
              (parameter_types.positive_integer, 0, False),
              (parameter_types.non_negative_integer, 0, True),
              (parameter_types.non_negative_integer, '-1', False),
              (parameter_types.non_negative_integer, '9' * 5000, False),
              (parameter_types.datetime, '2026-01-05T10:00:05Z', True),
              (parameter_types.datetime, 'yesterday', False),
              # Valid ISO 8601, but UTC is outside years 1..9999.
              (parameter_types.datetime, '0001-01-01T00:00:00+01:00', False),
              (parameter_types.datetime, '9999-12-31T23:59:59-01:00', False),
              (parameter_types.none, None, True),
              (parameter_types.flavor_ref, 1, True),
              (parameter_types.flavor_ref, '', False))
    @ddt.unpack
    def test_types(self, schema, value, valid):
        self.assertEqual(valid, self._valid(schema, value))


class MessageTest(test.TestCase):

    def test_body_message_names_field_and_value(self):
        validator = validators.SchemaValidator({
            'type': 'object',
            'properties': {'server': {
                'type': 'object',
                'properties': {'name': {'type': 'string'}}}}})
        exc = self.assertRaises(exception.ValidationError,
                                validator.validate, {'server': {'name': 5}})
        message = exc.format_message()
        self.assertIn('field/attribute server/name', message)
        self.assertIn('Value: 5', message)

    def test_body_root_message(self):
        validator = validators.SchemaValidator({'type': 'object',
                                                'required': ['server']})
        exc = self.assertRaises(exception.ValidationError,
                                validator.validate, {})
        self.assertEqual("Invalid request body. 'server' is a required "
                         "property", exc.format_message())

    def test_query_message(self):
        validator = validators.SchemaValidator(
            {'type': 'object', 'additionalProperties': False},
            is_body=False)
        exc = self.assertRaises(exception.ValidationError,
                                validator.validate, {'x': ['1']})
        self.assertIn('query parameters', exc.format_message())

    def test_huge_value_is_not_echoed_whole(self):
        validator = validators.SchemaValidator({
            'type': 'object',
            'properties': {'name': parameter_types.name,
                           'meta': {'type': 'object', 'additionalProperties':
                                    {'type': 'string', 'maxLength': 255}}}})
        for body in ({'name': 'x' * 10 ** 6},
                     {'meta': {'k': 'v' * 10 ** 6}},
                     {'meta': {'k' * 10 ** 6: 'v' * 10 ** 6}}):
            exc = self.assertRaises(exception.ValidationError,
                                    validator.validate, body)
            self.assertLess(len(exc.format_message()), 1024)

    def test_invalid_schema_fails_at_definition(self):
        self.assertRaises(jsonschema.exceptions.SchemaError,
                          validators.SchemaValidator,
                          {'type': 'no-such-type'})


class ResponseValidationTest(test.TestCase):
    """``[api] response_validation``: error, warn or ignore."""

    class Controller:
        @validation.response_body_schema(
            {'type': 'object', 'properties': {'a': {'type': 'integer'}},
             'additionalProperties': False}, '2.2')
        def show(self, req, body):
            return body

    def _call(self, body, version='2.2'):
        req = wsgi.Request.blank('/', version=version)
        return self.Controller().show(req, body)

    def test_error_mode_raises_on_a_mismatch(self):
        self.flags(response_validation='error', group='api')
        self.assertEqual({'a': 1}, self._call({'a': 1}))
        self.assertRaises(validators.ResponseValidationFailed,
                          self._call, {'b': 1})

    def test_outside_the_window_is_not_checked(self):
        self.flags(response_validation='error', group='api')
        self.assertEqual({'b': 1}, self._call({'b': 1}, version='2.1'))

    def test_warn_and_ignore_send_the_response(self):
        for mode in ('warn', 'ignore'):
            self.flags(response_validation=mode, group='api')
            self.assertEqual({'b': 1}, self._call({'b': 1}))
