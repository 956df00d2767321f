"""Assemble the compute API's WSGI stack in one place."""

from nova.api import auth
from nova.api import openstack
from nova.api.openstack.compute import routes
from nova.api.openstack.compute import versions
from nova.api.openstack import guards


def loadapp(conf):
    """The whole compute API as one WSGI application.

    A request passes, outermost first:

    1. ``ComputeRequestId``: assigns ``req-<uuid>`` and returns it as
       ``X-OpenStack-Request-ID`` and ``X-Compute-Request-ID`` on every
       response, faults included.
    2. ``FaultWrapper``: turns anything that escaped below into a JSON 500,
       so a client never sees a traceback or an HTML error.
    3. ``RequestBodySizeLimiter``: a body over ``[oslo_middleware]
       max_request_body_size`` is a 413 fault, never read or parsed.
    4. ``Utf8QueryString``: a query string that is not UTF-8 is a 400
       fault before any handler reads it.
    5. ``VersionedPathMap``: ``/`` and other root paths go to the versions
       app; ``/v2.1`` and ``/v2.1/`` go straight to the router (discovery
       needs no token); every other ``/v2.1/...`` path goes to 6.
    6. Authentication (``auth.pipeline``: noauth2, or keystonemiddleware
       ``auth_token`` then the context middleware).  It sits after the
       path map, not before it, so discovery stays unauthenticated.
    7. ``APIRouterV21``: microversion negotiation, ``routes.ROUTE_LIST``,
       the controller.
    """
    router = openstack.APIRouterV21(routes.ROUTE_LIST)
    application = openstack.VersionedPathMap(
        root=versions.Versions(),
        discovery=router,
        api=auth.pipeline(conf, router))
    application = guards.Utf8QueryString(application)
    application = guards.RequestBodySizeLimiter(application, conf=conf)
    application = openstack.FaultWrapper(application)
    return openstack.ComputeRequestId(application)
