"""A hypervisor simulated in memory: the only driver this project ships.

Guests "run" in a per-driver dict; capacity comes from ``[fake]``.  Live
migration really happens between two driver objects: the source's
``live_migration`` blocks its worker for ``memory_mb / bandwidth`` seconds
(``[fake] live_migration_bandwidth`` MiB/s, 0 = at once), reports progress
every ``[fake] live_migration_progress_interval`` seconds, and can be woken
at any moment by ``live_migration_abort`` or
``live_migration_force_complete``, because it waits on a
``threading.Event`` (green under eventlet).  A block migration reports disk
progress at the same pace as memory.

Test hooks
----------
At each point of ``HOOK_POINTS`` the driver calls ``self.hooks.reach(point,
instance)``.  Outside tests the hooks do nothing; tests give drivers gates
and injected failures through ``hooks_factory`` (see
``nova.tests.fixtures.driver_hooks``).  The ``live_migration_bandwidth``
attribute overrides the option for one driver (``None``: copy until
aborted or force-completed).
"""

import json
import os
import threading
import time

from oslo_log import log as logging

from nova.compute import power_state
import nova.conf
from nova import exception
from nova.i18n import _
from nova.virt import driver
from nova.virt import fake_guest

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

# Hook points, in the order a live migration reaches them.
CHECK_DESTINATION = 'check_can_live_migrate_destination'
CHECK_SOURCE = 'check_can_live_migrate_source'
PRE_LIVE_MIGRATION = 'pre_live_migration'
LIVE_MIGRATION_START = 'live_migration_start'
LIVE_MIGRATION_PROGRESS = 'live_migration_progress'
POST_AT_DESTINATION = 'post_live_migration_at_destination'
HOOK_POINTS = (CHECK_DESTINATION, CHECK_SOURCE, PRE_LIVE_MIGRATION,
               LIVE_MIGRATION_START, LIVE_MIGRATION_PROGRESS,
               POST_AT_DESTINATION) + fake_guest.ACTION_POINTS

#: ``FakeDriver.live_migration_bandwidth`` value meaning "read [fake]".
FROM_CONFIG = object()

# How a live migration job ends; the strings are migration statuses.
COMPLETED = 'completed'
FAILED = 'failed'
CANCELLED = 'cancelled'


class LiveMigrationNotRunning(exception.Conflict):
    msg_fmt = _('No live migration of instance %(instance_uuid)s is running '
                'on host %(host)s.')


def format_uptime(clock, seconds, load):
    """`` 08:32:11 up 3 days, 18:25,  0 users,  load average: ...``."""
    days, rest = divmod(seconds, 86400)
    hours, minutes = divmod(rest // 60, 60)
    span = '%d:%02d' % (hours, minutes)
    if days:
        span = '%d day%s, %s' % (days, '' if days == 1 else 's', span)
    return (' %s up %s,  0 users,  load average: %.2f, %.2f, %.2f'
            % ((clock, span) + tuple(load)))


class NoHooks:
    """The hooks of a driver outside tests: every point passes."""

    def reach(self, point, instance):
        pass


NO_HOOKS = NoHooks()


# A guest of this driver (power state, size, console log).
FakeInstance = fake_guest.Guest


class _LiveMigrationJob:
    """The copy of one guest's memory (and disk) to another host."""

    def __init__(self, instance, block_migration, bandwidth):
        memory_mb, _vcpus, root_gb, ephemeral_gb = driver.instance_size(
            instance)
        self.instance = instance
        self.memory_mb = memory_mb
        self.memory_total = memory_mb * driver.MIB
        self.disk_total = ((root_gb + ephemeral_gb) * driver.GIB
                           if block_migration else None)
        self.bandwidth = bandwidth
        self.started_at = time.monotonic()
        self.stop = threading.Event()
        self.aborted = False
        self.forced = False

    def fraction_done(self):
        if self.forced:
            return 1.0
        if self.bandwidth is None:
            return 0.0
        if not self.bandwidth or not self.memory_mb:
            return 1.0
        elapsed = time.monotonic() - self.started_at
        return min(1.0, elapsed * self.bandwidth / self.memory_mb)

    def next_wait(self, interval):
        """Seconds until the next report: an interval or the finish."""
        if not self.bandwidth:
            return interval
        left = (1.0 - self.fraction_done()) * self.memory_mb / self.bandwidth
        return max(0.0, min(interval, left))

    def progress(self, fraction):
        """The six values ``progress_method`` takes, at ``fraction``."""
        memory_done = int(self.memory_total * fraction)
        values = [self.memory_total, memory_done,
                  self.memory_total - memory_done]
        if self.disk_total is None:
            return tuple(values + [None, None, None])
        disk_done = int(self.disk_total * fraction)
        return tuple(values + [self.disk_total, disk_done,
                               self.disk_total - disk_done])


class FakeDriver(fake_guest.GuestActionsMixin, driver.ComputeDriver):
    """Simulates one compute host's hypervisor in memory."""

    #: Makes each driver's ``hooks``; test fixtures replace it.
    hooks_factory = staticmethod(lambda: NO_HOOKS)

    def __init__(self, virtapi, host=None):
        super().__init__(virtapi, host=host)
        #: Where tests hold or fail this driver (see the module docstring).
        self.hooks = self.hooks_factory()
        #: MiB/s for migrations from this driver; ``None`` never finishes.
        self.live_migration_bandwidth = FROM_CONFIG
        self._lock = threading.Lock()
        self._instances = {}
        self._incoming = set()
        self._jobs = {}

    # Service lifecycle and inventory

    def init_host(self, host):
        self.host = host

    def get_host_uptime(self):
        """This machine's uptime and load, as ``uptime`` prints them."""
        with open('/proc/uptime') as handle:
            seconds = int(float(handle.read().split()[0]))
        return format_uptime(time.strftime('%H:%M:%S'), seconds,
                             os.getloadavg())

    def _nodename(self):
        return self.host or CONF.host

    def get_available_nodes(self, refresh=False):
        return [self._nodename()]

    def get_available_resource(self, nodename):
        with self._lock:
            guests = list(self._instances.values())
        local_gb_used = sum(g.root_gb + g.ephemeral_gb for g in guests)
        return {
            'vcpus': CONF.fake.vcpus,
            'memory_mb': CONF.fake.memory_mb,
            'local_gb': CONF.fake.local_gb,
            'vcpus_used': sum(g.vcpus for g in guests),
            'memory_mb_used': sum(g.memory_mb for g in guests),
            'local_gb_used': local_gb_used,
            'hypervisor_type': 'fake',
            'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'cpu_info': json.dumps({'arch': 'x86_64', 'model': 'fake',
                                    'vendor': 'fake'}),
            'disk_available_least': CONF.fake.local_gb - local_gb_used,
            'running_vms': len(guests),
        }

    def list_instance_uuids(self):
        with self._lock:
            return list(self._instances)

    def list_incoming_uuids(self):
        """Guests prepared for by ``pre_live_migration``, not yet adopted."""
        with self._lock:
            return list(self._incoming)

    def get_info(self, instance):
        with self._lock:
            guest = self._instances.get(instance.uuid)
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return guest.power_state

    # Guest lifecycle

    def spawn(self, context, instance, image_meta=None, injected_files=None,
              admin_password=None, allocations=None, network_info=None,
              block_device_info=None):
        self.hooks.reach(fake_guest.SPAWN, instance)
        guest = FakeInstance.from_instance(instance)
        guest.admin_password = admin_password
        guest.log_boot(getattr(instance, 'image_ref', None))
        with self._lock:
            self._instances[instance.uuid] = guest

    def destroy(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True):
        self._forget(instance)

    def cleanup(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True,
                migrate_data=None, destroy_vifs=True):
        self._forget(instance)

    def _forget(self, instance):
        with self._lock:
            self._instances.pop(instance.uuid, None)
            self._incoming.discard(instance.uuid)

    # Live migration: checks

    def check_can_live_migrate_destination(self, context, instance,
                                           src_host, dst_host,
                                           block_migration=False,
                                           disk_over_commit=False):
        self.hooks.reach(CHECK_DESTINATION, instance)
        with self._lock:
            already_here = instance.uuid in self._instances
        if already_here:
            raise exception.MigrationPreCheckError(
                reason=_('instance %(uuid)s already runs on %(host)s')
                % {'uuid': instance.uuid, 'host': self._nodename()})
        return {'block_migration': bool(block_migration),
                'dest_host': self._nodename()}

    def check_can_live_migrate_source(self, context, instance,
                                      dest_check_data,
                                      block_device_info=None):
        self.hooks.reach(CHECK_SOURCE, instance)
        return dest_check_data

    # Live migration: the move

    def pre_live_migration(self, context, instance, migrate_data,
                           block_device_info=None, network_info=None,
                           disk_info=None):
        self.hooks.reach(PRE_LIVE_MIGRATION, instance)
        with self._lock:
            self._incoming.add(instance.uuid)
        return migrate_data

    def live_migration(self, context, instance, dest, post_method,
                       recover_method, block_migration=False,
                       migrate_data=None, progress_method=None):
        job = self._begin_job(instance, block_migration)
        try:
            self.hooks.reach(LIVE_MIGRATION_START, instance)
            outcome = self._copy(job, progress_method)
        except Exception:
            LOG.exception('Fake live migration of %s to %s failed',
                          instance.uuid, dest)
            outcome = FAILED
        outcome = self._end_job(job, outcome)
        LOG.info('Fake live migration of %s to %s ended: %s',
                 instance.uuid, dest, outcome)
        if outcome == COMPLETED:
            post_method(context, instance, dest, block_migration,
                        migrate_data)
        else:
            recover_method(context, instance, dest, migrate_data,
                           migration_status=outcome)

    def _bandwidth(self):
        if self.live_migration_bandwidth is FROM_CONFIG:
            return CONF.fake.live_migration_bandwidth
        return self.live_migration_bandwidth

    def _begin_job(self, instance, block_migration):
        job = _LiveMigrationJob(instance, block_migration, self._bandwidth())
        with self._lock:
            if instance.uuid in self._jobs:
                raise exception.MigrationError(
                    reason=_('instance %s is already migrating')
                    % instance.uuid)
            self._jobs[instance.uuid] = job
        return job

    def _end_job(self, job, outcome):
        """Unregister the job; an abort that got in first wins."""
        with self._lock:
            self._jobs.pop(job.instance.uuid, None)
            return CANCELLED if job.aborted else outcome

    def _copy(self, job, progress_method):
        """Copy until done, reporting progress; wake early on a signal."""
        job.started_at = time.monotonic()
        interval = CONF.fake.live_migration_progress_interval
        while not job.aborted:
            fraction = job.fraction_done()
            self._report_progress(job, fraction, progress_method)
            self.hooks.reach(LIVE_MIGRATION_PROGRESS, job.instance)
            if fraction >= 1.0:
                return COMPLETED
            job.stop.wait(job.next_wait(interval))
        return CANCELLED

    @staticmethod
    def _report_progress(job, fraction, progress_method):
        if progress_method is None:
            return
        try:
            progress_method(*job.progress(fraction))
        except Exception:
            LOG.exception('Could not record live migration progress of %s',
                          job.instance.uuid)

    def live_migration_abort(self, instance):
        self._signal_job(instance, 'aborted')

    def live_migration_force_complete(self, instance):
        self._signal_job(instance, 'forced')

    def _signal_job(self, instance, flag):
        with self._lock:
            job = self._jobs.get(instance.uuid)
            if job is None:
                raise LiveMigrationNotRunning(instance_uuid=instance.uuid,
                                              host=self._nodename())
            setattr(job, flag, True)
        job.stop.set()

    # Live migration: after the move

    def post_live_migration_at_source(self, context, instance,
                                      network_info=None):
        self._forget(instance)

    def post_live_migration_at_destination(self, context, instance,
                                           network_info=None,
                                           block_migration=False,
                                           block_device_info=None):
        self.hooks.reach(POST_AT_DESTINATION, instance)
        state = getattr(instance, 'power_state', None) or power_state.RUNNING
        with self._lock:
            self._incoming.discard(instance.uuid)
            self._instances[instance.uuid] = FakeInstance.from_instance(
                instance, state)

    def rollback_live_migration_at_destination(self, context, instance,
                                               network_info=None,
                                               block_device_info=None,
                                               destroy_disks=True,
                                               migrate_data=None):
        self._forget(instance)
