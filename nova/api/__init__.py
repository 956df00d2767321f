"""The compute REST API: WSGI stack, negotiation, routing and auth."""
