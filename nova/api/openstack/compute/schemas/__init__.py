"""JSON Schemas of request bodies and query strings, one module per resource.

Each resource module names its schemas after the controller method and the
first microversion they apply to (``create``, ``create_v237``, ...) so that
``@validation.schema(servers.create_v237, '2.37')`` reads like the version
history.
"""
