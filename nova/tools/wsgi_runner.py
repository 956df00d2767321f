"""Serve an importable WSGI application on cheroot until SIGTERM/SIGINT.

The multi-process cloud (``tools/cloud.py``) runs Keystone with it, the way
uwsgi or gunicorn would in production, without adding either to the
requirements::

    python -m nova.tools.wsgi_runner --app keystone.wsgi.api:application \\
        --host 127.0.0.1 --port 5000

``--app MODULE:NAME`` names the application object; ``MODULE:NAME()``
calls NAME to build it (an application factory such as
``nova.api.openstack.compute.wsgi:init_application``).  The application is
built before the socket is bound, so a port that answers serves a working
application.  The application sees an empty command line, as under a WSGI
server: it finds its configuration through the environment
(``OS_KEYSTONE_CONFIG_FILES``, ``OS_NOVA_CONFIG_FILES``).
"""

import argparse
import importlib
import signal
import sys
import threading

from cheroot import wsgi


def load_application(spec):
    """``module:name`` -> the object; ``module:name()`` -> its result."""
    module_name, sep, attr = spec.partition(':')
    if not sep or not attr:
        raise ValueError('--app must look like module:name, not %r' % spec)
    factory = attr.endswith('()')
    attr = attr[:-2] if factory else attr
    target = importlib.import_module(module_name)
    for part in attr.split('.'):
        target = getattr(target, part)
    return target() if factory else target


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--app', required=True,
                        help='module:name or module:factory()')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--threads', type=int, default=16)
    parser.add_argument('--name', default=None,
                        help='Name used in the start-up line.')
    return parser.parse_args(argv)


def serve(app, host, port, threads, name):
    # cheroot's default listen backlog (5) refuses bursts of clients.
    server = wsgi.Server((host, port), app, numthreads=threads,
                         shutdown_timeout=5, request_queue_size=1024)
    stop_requested = threading.Event()

    def request_stop(signum, frame):
        stop_requested.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.prepare()
    worker = threading.Thread(target=server.serve, daemon=True)
    worker.start()
    print('%s listening on http://%s:%s' % (name, host, port), flush=True)
    while not stop_requested.wait(0.5):
        if not worker.is_alive():
            return 1
    server.stop()
    print('%s stopped' % name, flush=True)
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Applications that parse the command line themselves (Keystone's
    # oslo.config) must not see ours, as under uwsgi or gunicorn.
    sys.argv = sys.argv[:1]
    app = load_application(args.app)
    return serve(app, args.host, args.port, args.threads,
                 args.name or args.app)


if __name__ == '__main__':
    sys.exit(main())
