"""``[database]``: oslo.db options, defaulting to SQLite under state_path."""

from oslo_config import cfg
from oslo_db import options as oslo_db_options

_DEFAULT_CONNECTION = 'sqlite:///$state_path/nova.sqlite'


def register_opts(conf):
    oslo_db_options.set_defaults(conf, connection=_DEFAULT_CONNECTION)
    # Also show the default in the generated sample and the docs.
    cfg.set_defaults(oslo_db_options.database_opts,
                     connection=_DEFAULT_CONNECTION)


def list_opts():
    return {'database': oslo_db_options.database_opts}
