"""WSGI entry point for running the compute API under uwsgi or gunicorn.

``nova-api-wsgi`` (setup.cfg ``wsgi_scripts``) calls
:func:`init_application`.  A WSGI server owns ``sys.argv``, so the config
files come from ``OS_NOVA_CONFIG_FILES`` (``;``-separated) when set, else
from any ``--config-file`` arguments, else from oslo.config's default
locations (``/etc/nova/nova.conf``, ...).
"""

import os
import sys

from nova import monkey_patch

ENV_CONFIG_FILES = 'OS_NOVA_CONFIG_FILES'


def config_args(argv=None, environ=None):
    """The ``--config-file`` arguments oslo.config should parse."""
    argv = sys.argv[1:] if argv is None else argv
    environ = os.environ if environ is None else environ
    from_env = [path.strip()
                for path in environ.get(ENV_CONFIG_FILES, '').split(';')
                if path.strip()]
    if from_env:
        return [arg for path in from_env for arg in ('--config-file', path)]
    args = []
    for index, arg in enumerate(argv):
        if arg == '--config-file' and index + 1 < len(argv):
            args += ['--config-file', argv[index + 1]]
        elif arg.startswith('--config-file='):
            args += ['--config-file', arg.split('=', 1)[1]]
    return args


def init_application():
    """Parse the configuration and return the compute API application."""
    args = config_args()
    monkey_patch.patch(args)

    # Everything else is imported only once the backend is patched in.
    from oslo_log import log as logging

    from nova.api.openstack import deploy
    import nova.conf
    from nova import policy

    conf = nova.conf.CONF
    logging.register_options(conf)
    conf(args, project='nova')
    logging.setup(conf, 'nova')
    policy.init()
    return deploy.loadapp(conf)
