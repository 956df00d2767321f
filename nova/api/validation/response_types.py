"""Reusable JSON Schema fragments for response bodies."""

links = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'href': {'type': 'string', 'format': 'uri'},
            'rel': {'type': 'string'},
            'type': {'type': 'string'},
        },
        'required': ['href', 'rel'],
        'additionalProperties': False,
    },
}

date_time = {'type': 'string', 'format': 'date-time'}

date_time_or_null = {'type': ['string', 'null'], 'format': 'date-time'}


def add_required(object_schema, **properties):
    """Add properties to an object schema, each one required."""
    object_schema['properties'].update(properties)
    object_schema['required'] = list(object_schema.get('required', [])) + [
        name for name in properties
        if name not in object_schema.get('required', [])]
    return object_schema


def add_optional(object_schema, **properties):
    """Add properties to an object schema, none required."""
    object_schema['properties'].update(properties)
    return object_schema
