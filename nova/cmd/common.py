"""What every console script does: parse config, set up logging, fail well."""

import functools
import os
import sys

from oslo_config import cfg
from oslo_log import log as logging

import nova.conf
from nova import exception
from nova import monkey_patch

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def parse_args(argv, default_config_files=None):
    logging.register_options(CONF)
    CONF(argv[1:], project='nova',
         default_config_files=default_config_files)
    logging.setup(CONF, 'nova')
    _check_backend()


def _check_backend():
    if monkey_patch.ENV_VAR in os.environ:
        return
    if CONF.concurrency_backend != monkey_patch.active_backend():
        raise exception.ConfigError(
            reason='concurrency_backend %s could not be applied (running %s)'
            % (CONF.concurrency_backend, monkey_patch.active_backend()))


def main_wrapper(fn):
    """Turn configuration and start-up errors into one line and exit 1."""
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (cfg.Error, exception.ConfigError) as exc:
            _die(exc)
        except exception.NovaException as exc:
            _die(exc.format_message())
        except _db_errors() as exc:
            _die('database at [database] connection is not usable: %s'
                 % _first_line(exc))
        except KeyboardInterrupt:
            return 0
    return wrapped


def _db_errors():
    from oslo_db import exception as db_exc
    import sqlalchemy.exc
    return (db_exc.DBError, sqlalchemy.exc.SQLAlchemyError)


def _first_line(exc):
    text = str(getattr(exc, 'inner_exception', None) or exc)
    return text.strip().splitlines()[0] if text.strip() else repr(exc)


def _die(message):
    lines = str(message).strip().splitlines()
    sys.stderr.write('nova: error: %s\n' % (lines[0] if lines else message))
    sys.exit(1)
