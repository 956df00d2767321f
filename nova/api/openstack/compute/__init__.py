"""Controllers, routes and schemas of the compute API v2.1."""
