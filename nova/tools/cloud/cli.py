"""Run nova as a real cloud: every service its own process.

    python tools/cloud.py start  --dir DIR [--db mysql|postgresql]
        [--computes N] [--backend eventlet|threading]
        [--set [SERVICE:]SECTION.OPTION=VALUE ...]
    python tools/cloud.py status --dir DIR
    python tools/cloud.py logs   --dir DIR [SERVICE] [-n LINES] [-f]
    python tools/cloud.py stop   --dir DIR [--purge]

``start`` creates a RabbitMQ vhost and two databases (nova and keystone) on
the local servers, writes one config file per service under ``DIR/etc``,
sets Keystone up (service user ``nova``, users ``admin`` and ``demo``, the
compute endpoint and, served by nova-api from the local image registry, the
image endpoint in the catalog), syncs nova's schema and starts Keystone
(on cheroot, :mod:`nova.tools.wsgi_runner`), nova-conductor,
nova-scheduler, one nova-compute per host (``compute1``...) and nova-api,
each a process of its own whose output lands in
``DIR/logs/<service>.log``.  Computes get no database credentials: they
reach the database through the conductor.
``DIR/clouds.yaml`` and ``DIR/*-openrc.sh`` point the ``openstack`` CLI at
it.  ``stop`` sends SIGTERM, then SIGKILL to what is still running after
``--timeout`` seconds; ``--purge`` also drops the vhost and databases.

Run it with the project's venv (``.venv/bin/python tools/cloud.py``): the
services' console scripts and ``keystone-manage`` are looked up beside that
interpreter first.  The tests in ``nova/tests/multiprocess`` drive the same
:class:`nova.tools.cloud.state.Cloud` class.
"""

import argparse
import os
import sys

from nova.tools.cloud import processes
from nova.tools.cloud import state
from nova.tools.cloud import utils

# The thin script operators run (README, docs); printed in the usage text.
ENTRY_POINT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))), 'tools', 'cloud.py')


def usage_text(cloud):
    """What ``start`` prints: the endpoints and how to use and stop them."""
    return '\n'.join([
        'Cloud %s is running (logs in %s).' % (cloud.name,
                                               cloud.path('logs')),
        'Keystone:    %s' % cloud.keystone_url,
        'Compute API: %s' % cloud.compute_url,
        'Computes:    %s' % ', '.join(cloud.computes),
        '',
        'openstack CLI as admin (or nova-member for user demo):',
        '  export OS_CLIENT_CONFIG_FILE=%s' % cloud.path('clouds.yaml'),
        '  openstack --os-cloud nova-admin compute service list',
        '(or: source %s)' % cloud.path('admin-openrc.sh'),
        '',
        'Stop with: %s %s stop --dir %s [--purge]' % (
            os.path.basename(sys.executable), ENTRY_POINT, cloud.dir),
    ])


def _cmd_start(args):
    if os.path.exists(os.path.join(args.dir, state.STATE_FILE)):
        cloud = state.Cloud.load(args.dir)
    else:
        cloud = state.Cloud(args.dir, db=args.db, computes=args.computes,
                            settings=args.set or (), backend=args.backend,
                            name=args.name)
    try:
        cloud.start()
    except Exception:
        print(cloud.logs(20), file=sys.stderr)
        cloud.stop()
        print('Start failed; services stopped. Inspect %s, then run: '
              'stop --dir %s --purge' % (cloud.path('logs'), cloud.dir),
              file=sys.stderr)
        raise
    print(usage_text(cloud))
    return 0


def _cmd_stop(args):
    cloud = state.Cloud.load(args.dir)
    if args.purge:
        cloud.purge(args.timeout)
    else:
        cloud.stop(args.timeout)
    return 0


def _cmd_status(args):
    cloud = state.Cloud.load(args.dir)
    down = 0
    for service, pid, alive in cloud.status():
        down += not alive
        print('%-12s %-8s %s' % (service, pid or '-',
                                 'running' if alive else 'stopped'))
    if cloud.state['provisioned']:
        print('keystone %s  compute %s' % (cloud.keystone_url,
                                           cloud.compute_url))
    return 1 if down else 0


def _cmd_logs(args):
    cloud = state.Cloud.load(args.dir)
    if args.follow:
        processes.follow([cloud.log_path(s) for s in
                          (args.service or cloud.services)])
        return 0
    print(cloud.logs(args.lines, args.service or None))
    return 0


def _cloud_name(text):
    if not utils.SAFE_NAME.match(text) or len(text) > 40:
        raise argparse.ArgumentTypeError(
            'use lower-case letters, digits and _ (at most 40)')
    return text


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description='Run nova as a multi-process cloud.')
    sub = parser.add_subparsers(dest='command', required=True)
    start = sub.add_parser('start', help='Provision and start the cloud.')
    start.add_argument('--db', choices=('mysql', 'postgresql'),
                       default='mysql')
    start.add_argument('--computes', type=int, default=2)
    start.add_argument('--backend', choices=('eventlet', 'threading'))
    start.add_argument('--name', type=_cloud_name,
                       help='Name of the vhost and prefix of the databases '
                            '(default: novacloud_<random>).')
    start.add_argument('--set', action='append', metavar='SETTING',
                       help='[SERVICE:]SECTION.OPTION=VALUE (repeatable)')
    start.set_defaults(func=_cmd_start)
    stop = sub.add_parser('stop', help='Stop every service.')
    stop.add_argument('--timeout', type=float, default=30)
    stop.add_argument('--purge', action='store_true',
                      help='Also drop the vhost and the databases.')
    stop.set_defaults(func=_cmd_stop)
    status = sub.add_parser('status', help='Which services run.')
    status.set_defaults(func=_cmd_status)
    logs = sub.add_parser('logs', help='Tail the service logs.')
    logs.add_argument('service', nargs='*')
    logs.add_argument('-n', '--lines', type=int, default=40)
    logs.add_argument('-f', '--follow', action='store_true')
    logs.set_defaults(func=_cmd_logs)
    for each in (start, stop, status, logs):
        each.add_argument('--dir', required=True)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return args.func(args)
    except (state.CloudError, utils.InfraError, ValueError) as exc:
        print('cloud: error: %s' % exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
