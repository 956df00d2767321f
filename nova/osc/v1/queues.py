"""``openstack live migration queue list|show|drain|move``."""

from osc_lib.command import command

_QUEUE_COLUMNS = (
    ('Host', 'host'), ('Host State', 'host_state'), ('Slots', 'slots'),
    ('Running', 'running'), ('Queued', 'queued'),
    ('Oldest Queued At', 'oldest_queued_at'),
    ('Estimated Drain Seconds', 'estimated_drain_seconds'))

_MIGRATION_COLUMNS = (
    ('Position', 'position'), ('ID', 'migration_id'),
    ('UUID', 'migration_uuid'), ('Server UUID', 'server_uuid'),
    ('Status', 'status'), ('Dest Compute', 'dest_compute'),
    ('Queued At', 'queued_at'), ('Waiting For', 'waiting_for'),
    ('Progress', 'progress'), ('Estimated Start', 'estimated_start'),
    ('Estimated End', 'estimated_end'), ('Estimate Note', 'estimate_note'))

_OUTCOME_COLUMNS = (
    ('ID', 'migration_id'), ('UUID', 'migration_uuid'),
    ('Server UUID', 'server_uuid'), ('Outcome', 'outcome'))


def _table(columns, items):
    return ([title for title, _key in columns],
            [[item.get(key) for _title, key in columns] for item in items])


class _QueueCommand(command.Lister):

    @property
    def queues(self):
        return self.app.client_manager.live_migration_queue


class ListLiveMigrationQueue(_QueueCommand):
    """List the compute hosts with queued or running live migrations."""

    def take_action(self, parsed_args):
        return _table(_QUEUE_COLUMNS, self.queues.list_queues())


class ShowLiveMigrationQueue(_QueueCommand):
    """Show a host's live migrations in the order its compute runs them."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('host', metavar='<host>',
                            help='Compute host whose queue to show')
        return parser

    def take_action(self, parsed_args):
        queue = self.queues.show_queue(parsed_args.host)
        return _table(_MIGRATION_COLUMNS, queue['migrations'])


class DrainLiveMigrationQueue(_QueueCommand):
    """Cancel every queued live migration of a host, in one call."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('host', metavar='<host>',
                            help='Compute host whose queue to drain')
        parser.add_argument('--include-running', action='store_true',
                            help='Abort the running live migrations too')
        return parser

    def take_action(self, parsed_args):
        migrations = self.queues.drain(parsed_args.host,
                                       parsed_args.include_running)
        return _table(_OUTCOME_COLUMNS, migrations)


class MoveLiveMigration(command.ShowOne):
    """Move a queued live migration to another position of its queue."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('migration', metavar='<migration>', type=int,
                            help='ID of the queued live migration')
        parser.add_argument('--position', metavar='<position>', type=int,
                            required=True,
                            help='New position (1 = first in the queue '
                                 'shown by "live migration queue show")')
        parser.add_argument('--host', metavar='<host>',
                            help='Its source host (looked up if omitted)')
        return parser

    def take_action(self, parsed_args):
        queues = self.app.client_manager.live_migration_queue
        host = parsed_args.host or queues.source_host_of(
            parsed_args.migration)
        moved = queues.move(host, parsed_args.migration,
                            parsed_args.position)
        return (('ID', 'Host', 'Position'),
                (moved['migration_id'], host, moved['position']))
