"""Versioned notification objects (``nova_object`` primitives on the bus).

``base`` holds what every notification has (event type, publisher,
priority, payload); the other modules one payload family each.
"""
