"""Assemble the compute API's WSGI stack in one place."""

from nova.api import auth
from nova.api import openstack
from nova.api.openstack.compute import routes
from nova.api.openstack.compute import versions


def loadapp(conf):
    """The whole compute API as one WSGI application.

    A request passes, outermost first:

    1. ``ComputeRequestId``: assigns ``req-<uuid>`` and returns it as
       ``X-OpenStack-Request-ID`` and ``X-Compute-Request-ID`` on every
       response, faults included.
    2. ``FaultWrapper``: turns anything that escaped below into a JSON 500,
       so a client never sees a traceback or an HTML error.
    3. ``VersionedPathMap``: ``/`` and other root paths go to the versions
       app; ``/v2.1`` and ``/v2.1/`` go straight to the router (discovery
       needs no token); every other ``/v2.1/...`` path goes to 4.
    4. Authentication (``auth.pipeline``: noauth2, or keystonemiddleware
       ``auth_token`` then the context middleware).  It sits after the
       path map, not before it, so discovery stays unauthenticated.
    5. ``APIRouterV21``: microversion negotiation, ``routes.ROUTE_LIST``,
       the controller.
    """
    router = openstack.APIRouterV21(routes.ROUTE_LIST)
    application = openstack.VersionedPathMap(
        root=versions.Versions(),
        discovery=router,
        api=auth.pipeline(conf, router))
    application = openstack.FaultWrapper(application)
    return openstack.ComputeRequestId(application)
