"""Options of the nova-compute service."""

from oslo_config import cfg

compute_opts = [
    cfg.IntOpt('max_concurrent_live_migrations',
               default=1,
               min=0,
               help="""
Maximum number of live migrations to run concurrently from this host.

Outgoing live migrations beyond this number wait in the status ``queued``
and can be aborted while they wait (compute API microversion 2.65).

Possible values:

* 0: treated as the executor default of 1000 green threads under eventlet
  or 5 native threads in threading mode (deprecated upstream; prefer a
  positive number).
* Any positive integer: that many live migrations run at once.
"""),
    cfg.FloatOpt('cpu_allocation_ratio', default=16.0, min=0.0,
                 help='Virtual CPU to physical CPU allocation ratio.'),
    cfg.FloatOpt('ram_allocation_ratio', default=1.5, min=0.0,
                 help='Virtual RAM to physical RAM allocation ratio.'),
    cfg.FloatOpt('disk_allocation_ratio', default=1.0, min=0.0,
                 help='Virtual disk to physical disk allocation ratio.'),
    cfg.StrOpt('compute_driver', default='fake.FakeDriver',
               help="""
Driver used by nova-compute, relative to ``nova.virt``.

Possible values:

* ``fake.FakeDriver``: the simulating driver (the only one shipped).
"""),
    cfg.IntOpt('reclaim_instance_interval', default=0, min=0, help="""
Interval in seconds for reclaiming deleted instances.

When positive, deleting a server only soft-deletes it (status
``SOFT_DELETED``, guest powered off, resources still held); it can be
brought back with the ``restore`` action or deleted at once with
``forceDelete``.  Each compute checks every ``reclaim_instance_interval``
seconds and deletes for good the soft-deleted servers older than that.

Possible values:

* 0: delete servers immediately (default).
* Any positive integer: seconds a soft-deleted server is kept.
"""),
    cfg.IntOpt('shelved_offload_time', default=0, min=-1, help="""
Time in seconds before a shelved server is offloaded.

Offloading destroys the guest and releases the server's resources on its
host; unshelving then schedules it again and spawns it from the image made
when it was shelved.

Possible values:

* -1: never offload automatically (``shelveOffload`` still does).
* 0: offload as soon as the server is shelved (default).
* Any positive integer: seconds a server stays shelved on its host; each
  compute checks every ``shelved_offload_time`` seconds.
"""),
    cfg.IntOpt('resize_confirm_window', default=0, min=0, help="""
Automatically confirm resizes and cold migrations after this many seconds.

A resized or cold-migrated server waits in ``VERIFY_RESIZE`` for the user
to confirm or revert.  When positive, each compute confirms those that have
waited longer than this many seconds.

Possible values:

* 0: never confirm automatically (default).
* Any positive integer: seconds before an automatic confirm.
"""),
    cfg.IntOpt('live_migration_shutdown_timeout', default=10, min=0,
               help="""
Seconds a stopping nova-compute waits for its running live migrations to end.

At a clean stop (SIGTERM, SIGINT) queued live migrations are cancelled at
once; running ones are aborted through the driver and rolled back.  A
migration whose rollback has not finished within this time is ended by the
stop itself (``error``, or ``cancelled`` if the driver never had it) with the
destination claim and the instance's ``task_state`` given back, so a clean
stop leaves no live migration in a non-final status.

Related options:

* ``graceful_shutdown_timeout``: bounds the whole stop; keep it larger.
"""),
    cfg.IntOpt('live_migration_cleanup_interval', default=300, min=0,
               help="""
Seconds between two looks of a compute, as a live-migration destination, for
what it prepared for migrations that have ended without coming here.

The source of a migration it ends tells the destination by a one-way
message; this periodic task (and every start) catches the ones that were
lost, e.g. across a message broker restart.

Possible values:

* 0: only at start.
* Any positive integer: seconds.
"""),
    cfg.IntOpt('live_migration_workers_max', default=1000, min=1,
               help="""
Pool size used when ``max_concurrent_live_migrations`` is 0 under eventlet.
"""),
]


# The live-migration queue, in the ``[compute]`` group.
queue_opts = [
    cfg.IntOpt('live_migration_queue_timeout', default=0, min=0, help="""
Seconds a live migration may wait in its source host's queue.

A migration still ``queued`` after this long is cancelled with the same
revert as an abort (compute API 2.65): the server stays on its source host,
the destination claim is released, and the server's
``live_migration_cancel`` action and its fault say that the queue timeout
cancelled it.  The check runs every ``live_migration_queue_check_interval``
seconds.

Possible values:

* 0 (default): no limit.
* Any positive integer: the limit in seconds.
"""),
    cfg.IntOpt('live_migration_queue_check_interval', default=10, min=1,
               help="""
Seconds between two checks of ``live_migration_queue_timeout``.
"""),
    cfg.StrOpt('live_migration_queue_on_start', default='cancel',
               choices=[
                   ('cancel', 'Cancel the live migrations a killed compute '
                    'left queued, with the revert of an abort (the '
                    'behaviour before this option).'),
                   ('resume', 'Queue them again in the order they ran in '
                    '(as queued, or as last moved), each once its '
                    'destination compute service is up and its '
                    'destination claim still held; cancel the '
                    'others, saying why.')],
               help="""
What a starting nova-compute does with the live migrations it left
``queued`` when it was killed (a clean stop cancels its queue).

Start never waits on another host either way: the destination's state is
read from the database, and a resumed migration asks its destination to
check again only when a worker takes it from the queue.  The order is the
one the queue had: as last reordered with the queue API's ``move`` (every
move saves the whole order), then those queued since, in the order they
were queued.  Each keeps the ``block_migration`` it was asked with.
"""),
]

# Test-only options of the ``[compute]`` group.  They are registered but
# left out of ``list_opts``, so the sample config never shows them.
compute_group = cfg.OptGroup('compute', title='nova-compute (testing)')

compute_testing_opts = [
    cfg.IntOpt('emulate_service_version', default=None, min=0, help="""
For upgrade testing only; never set it in production.

Makes this nova-compute behave as an older release: it reports this service
version instead of its own and serves only the compute RPC version that
service version had in the service version history.  The multi-process
tests use it to run a mixed-version cloud from one tree.

Possible values:

* unset (default): report the current service version.
* An index of the service version history (``nova.objects.service``).
"""),
]


def register_opts(conf):
    conf.register_opts(compute_opts)
    conf.register_group(compute_group)
    conf.register_opts(compute_testing_opts, group=compute_group)
    conf.register_opts(queue_opts, group=compute_group)


def list_opts():
    return {'DEFAULT': compute_opts, 'compute': queue_opts}
