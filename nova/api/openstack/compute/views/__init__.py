"""View builders: how compute API resources look on the wire.

Controllers fetch and authorise; the modules here turn objects into the
JSON shapes of each microversion.
"""
