"""Shelve, offload and unshelve on a compute host.

Shelving snapshots the guest into an image (``<name>-shelved``, made
``SAVING`` by the API) and powers it off: the server is SHELVED and keeps
its host and claim.  Offloading (at once when ``shelved_offload_time`` is
0, by ``shelveOffload``, or by this host's periodic check) destroys the
guest and releases the claim: SHELVED_OFFLOADED, no host.  Unshelving a
shelved server powers it on; an offloaded one was scheduled again by the
conductor and is spawned here from its shelved image, which is then
deleted.
"""

import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from nova.compute import instance_states
from nova.compute import task_states
from nova.compute import vm_states
from nova import exception
from nova import objects
from nova.objects import base

LOG = logging.getLogger(__name__)


class ShelveManager(object):
    """Runs through ``ServerActions.run`` (events, faults, rollback)."""

    def __init__(self, host, driver, actions):
        self.host = host
        self.driver = driver
        self.actions = actions

    def shelve(self, context, instance, image_id, offload_time):
        def call():
            instance_states.advance(instance, 'shelve',
                                    task_states.SHELVING_IMAGE_UPLOADING)
            try:
                size = self.driver.snapshot(context, instance, image_id)
            except Exception:
                objects.Image.set_status(context, image_id, 'ERROR')
                raise
            objects.Image.set_status(context, image_id, 'ACTIVE',
                                     size=size)
            self.driver.power_off(instance)
        self.actions.run(context, instance, 'shelve', call)
        if offload_time == 0 and instance.vm_state == vm_states.SHELVED:
            instance_states.begin(instance, 'shelveOffload')
            self.shelve_offload(context, instance)

    def shelve_offload(self, context, instance):
        def call():
            self.driver.destroy(context, instance)
            objects.ResourceClaim.release(context, instance.uuid)
        self.actions.run(context, instance, 'shelveOffload', call,
                         host=None, node=None)

    def unshelve(self, context, instance, node):
        offloaded = instance.vm_state == vm_states.SHELVED_OFFLOADED
        image = objects.Image.get_shelved(context, instance.uuid)

        def call():
            instance_states.advance(instance, 'unshelve',
                                    task_states.SPAWNING)
            if offloaded:
                self._spawn(context, instance)
            else:
                self.driver.power_on(context, instance)
            # The guest runs again: its shelved image has served.
            if image is not None:
                objects.Image.destroy(context, image.id)
        self.actions.run(context, instance, 'unshelve', call,
                         host=self.host, node=node or instance.node)

    def _spawn(self, context, instance):
        try:
            self.driver.spawn(context, instance)
        except Exception:
            # Back to no host: give up the claim the conductor made.
            objects.ResourceClaim.release(context, instance.uuid)
            instance.host = instance.node = None
            raise

    def offload_expired(self, context, offload_time, offload):
        """``offload`` this host's servers shelved ``offload_time`` ago."""
        cutoff = timeutils.utcnow() - datetime.timedelta(
            seconds=offload_time)
        for instance in objects.InstanceList.get_by_filters(
                context, {'host': self.host,
                          'vm_state': [vm_states.SHELVED]}):
            changed = base.naive_utc(instance.updated_at or
                                     instance.created_at)
            if instance.task_state is not None or changed > cutoff:
                continue
            try:
                instance_states.begin(instance, 'shelveOffload')
            except (exception.InstanceNotFound, exception.Conflict) as exc:
                LOG.info('Not offloading %s: %s', instance.uuid, exc)
                continue
            offload(context, instance)
