"""The ``openstack`` CLI plugin of this project (``openstack.cli.extension``).

It adds ``openstack live migration queue list|show|drain|move``, which talk
to the project-extension resource ``/os-live-migration-queues`` of the
compute endpoint at microversion 2.65, through the session and endpoint
the CLI already has.
"""

from osc_lib import exceptions
from osc_lib import utils

API_NAME = 'live_migration_queue'
API_VERSION_OPTION = 'os_live_migration_queue_api_version'
DEFAULT_API_VERSION = '1'
API_VERSIONS = {'1': 'nova.osc.v1.client.Client'}


def make_client(instance):
    """The queue client, on the compute endpoint of the CLI's session."""
    client_class = utils.get_client_class(
        API_NAME, instance._api_version[API_NAME], API_VERSIONS)
    try:
        return client_class(instance.sdk_connection.compute)
    except Exception as exc:
        raise exceptions.CommandError(
            'No compute endpoint for the live-migration queue: %s' % exc)


def build_option_parser(parser):
    parser.add_argument(
        '--os-live-migration-queue-api-version',
        metavar='<version>',
        default=utils.env('OS_LIVE_MIGRATION_QUEUE_API_VERSION',
                          default=DEFAULT_API_VERSION),
        help='Live-migration queue plugin API version, default=%s '
             '(Env: OS_LIVE_MIGRATION_QUEUE_API_VERSION)'
             % DEFAULT_API_VERSION)
    return parser
