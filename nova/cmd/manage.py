"""nova-manage: database schema management."""

import nova.cmd  # noqa: F401  (concurrency backend first)

import sys

from oslo_config import cfg

from nova.cmd import common
import nova.conf
from nova.db.main import api as db_api
from nova.db import migration

CONF = nova.conf.CONF


def _db_sync(args):
    migration.db_sync(args.version or 'head')
    print('Database at %s' % migration.db_version())


def _db_version(args):
    print(migration.db_version() or 'None')


def _add_subcommands(subparsers):
    db = subparsers.add_parser('db', help='Main database schema.')
    db_sub = db.add_subparsers(dest='action')
    sync = db_sub.add_parser('sync', help='Upgrade the schema.')
    sync.add_argument('version', nargs='?', help='Revision (default head).')
    sync.set_defaults(func=_db_sync)
    version = db_sub.add_parser('version', help='Print the schema revision.')
    version.set_defaults(func=_db_version)


@common.main_wrapper
def main():
    CONF.register_cli_opt(cfg.SubCommandOpt(
        'category', title='Commands', handler=_add_subcommands))
    common.parse_args(sys.argv)
    func = getattr(CONF.category, 'func', None)
    if func is None:
        sys.stderr.write('usage: nova-manage db {sync,version}\n')
        return 2
    db_api.configure()
    func(CONF.category)
    return 0
