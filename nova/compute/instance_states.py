"""The lifecycle of a server: which action may start from which state.

One table, ``TRANSITIONS``, says for every server action the vm_states it
may start from, the task_states it passes through, the vm_state it ends in
and the power state the guest has then.  Every change of a server's state
goes through the helpers below, and each is a compare-and-swap
(``Instance.save`` with the expected task_state and vm_state), so two
requests racing for one server can never both win: the loser gets
``UnexpectedTaskStateError`` (409) and nothing is written for it.

The same table drives the contributor docs (``tools/gen_instance_states.py``)
so the diagram cannot drift from what the code enforces.
"""

import dataclasses
import types

from nova.compute import power_state
from nova.compute import task_states as ts
from nova.compute import vm_states as vs
from nova import exception

#: ``to_vm_state``: the action leaves the vm_state as it was.
KEEP = 'unchanged'
#: ``to_vm_state``: ``active`` if the guest runs, ``stopped`` if it is off
#: (resize and cold migration keep the power state the server had).
BY_POWER_STATE = 'active or stopped, as before'
#: ``from_task_states``: any task may be interrupted (delete only).
ANY_TASK = 'any'


@dataclasses.dataclass(frozen=True)
class Transition:
    """One action's row: where it may start, pass and end."""

    from_vm_states: tuple
    task_states: tuple
    to_vm_state: str
    power_state: object = None
    from_task_states: object = (None,)
    doc: str = ''

    def may_start(self, instance):
        return (instance.vm_state in self.from_vm_states and
                (self.from_task_states == ANY_TASK or
                 instance.task_state in self.from_task_states))


_RUNNING_STATES = (vs.ACTIVE, vs.PAUSED, vs.SUSPENDED, vs.STOPPED)
_ANY_VM_STATE = (vs.BUILDING, vs.ACTIVE, vs.PAUSED, vs.SUSPENDED,
                 vs.STOPPED, vs.RESIZED, vs.SOFT_DELETED, vs.SHELVED,
                 vs.SHELVED_OFFLOADED, vs.ERROR)

_T = Transition

TRANSITIONS = types.MappingProxyType({
    'build': _T((vs.BUILDING,), (ts.SCHEDULING, ts.SPAWNING), vs.ACTIVE,
                power_state.RUNNING, doc='create a server'),
    'pause': _T((vs.ACTIVE,), (ts.PAUSING,), vs.PAUSED, power_state.PAUSED),
    'unpause': _T((vs.PAUSED,), (ts.UNPAUSING,), vs.ACTIVE,
                  power_state.RUNNING),
    'suspend': _T((vs.ACTIVE,), (ts.SUSPENDING,), vs.SUSPENDED,
                  power_state.SUSPENDED),
    'resume': _T((vs.SUSPENDED,), (ts.RESUMING,), vs.ACTIVE,
                 power_state.RUNNING),
    'stop': _T((vs.ACTIVE, vs.ERROR), (ts.POWERING_OFF,), vs.STOPPED,
               power_state.SHUTDOWN, doc='os-stop'),
    'start': _T((vs.STOPPED,), (ts.POWERING_ON,), vs.ACTIVE,
                power_state.RUNNING, doc='os-start'),
    'reboot': _T((vs.ACTIVE,), (ts.REBOOTING,), vs.ACTIVE,
                 power_state.RUNNING, doc='reboot SOFT'),
    'reboot_hard': _T((vs.ACTIVE, vs.STOPPED, vs.PAUSED, vs.SUSPENDED,
                       vs.ERROR), (ts.REBOOTING_HARD,), vs.ACTIVE,
                      power_state.RUNNING, doc='reboot HARD'),
    'rebuild': _T((vs.ACTIVE, vs.STOPPED, vs.ERROR),
                  (ts.REBUILDING, ts.REBUILD_SPAWNING), BY_POWER_STATE,
                  doc='a stopped server stays stopped'),
    'changePassword': _T((vs.ACTIVE,), (ts.UPDATING_PASSWORD,), KEEP),
    'createImage': _T(_RUNNING_STATES, (ts.IMAGE_SNAPSHOT,
                                        ts.IMAGE_UPLOADING), KEEP),
    'createBackup': _T(_RUNNING_STATES, (ts.IMAGE_BACKUP,
                                         ts.IMAGE_UPLOADING), KEEP),
    'resize': _T((vs.ACTIVE, vs.STOPPED),
                 (ts.RESIZE_PREP, ts.RESIZE_MIGRATING, ts.RESIZE_MIGRATED,
                  ts.RESIZE_FINISH), vs.RESIZED,
                 doc='new flavor on another host; migration type resize'),
    'migrate': _T((vs.ACTIVE, vs.STOPPED),
                  (ts.RESIZE_PREP, ts.RESIZE_MIGRATING, ts.RESIZE_MIGRATED,
                   ts.RESIZE_FINISH), vs.RESIZED,
                  doc='cold migration; migration type migration'),
    'confirmResize': _T((vs.RESIZED,), (), BY_POWER_STATE,
                        doc='no task: the migration moves finished to '
                            'confirming with compare-and-swap'),
    'revertResize': _T((vs.RESIZED,), (ts.RESIZE_REVERTING,),
                       BY_POWER_STATE, doc='back on the source host'),
    'shelve': _T(_RUNNING_STATES, (ts.SHELVING,
                                   ts.SHELVING_IMAGE_UPLOADING),
                 vs.SHELVED, power_state.SHUTDOWN,
                 doc='then offloaded at once if shelved_offload_time is 0'),
    'shelveOffload': _T((vs.SHELVED,), (ts.SHELVING_OFFLOADING,),
                        vs.SHELVED_OFFLOADED, power_state.NOSTATE,
                        doc='guest and claim gone, no host'),
    'unshelve': _T((vs.SHELVED, vs.SHELVED_OFFLOADED),
                   (ts.UNSHELVING, ts.SPAWNING), vs.ACTIVE,
                   power_state.RUNNING,
                   doc='offloaded: scheduled again, spawned from the '
                       'shelved image'),
    'live-migration': _T((vs.ACTIVE, vs.PAUSED), (ts.MIGRATING,), KEEP,
                         doc='os-migrateLive'),
    'soft-delete': _T(_ANY_VM_STATE[1:], (ts.SOFT_DELETING,),
                      vs.SOFT_DELETED, power_state.SHUTDOWN,
                      doc='delete with reclaim_instance_interval > 0'),
    'restore': _T((vs.SOFT_DELETED,), (ts.RESTORING,), vs.ACTIVE,
                  power_state.RUNNING),
    'delete': _T(_ANY_VM_STATE, (ts.DELETING,), vs.DELETED,
                 from_task_states=ANY_TASK,
                 doc='delete, forceDelete, reclaim; interrupts any task'),
})


def transition(action):
    """The row of ``action``; KeyError names an action without one."""
    return TRANSITIONS[action]


def check_can_start(instance, action):
    """Raise InstanceInvalidState unless ``action`` may start now.

    The message names the field that is wrong, as Nova's 409 does.
    """
    row = transition(action)
    if instance.vm_state not in row.from_vm_states:
        raise exception.InstanceInvalidState(
            attr='vm_state', instance_uuid=instance.uuid,
            state=instance.vm_state, method=action)
    if not row.may_start(instance):
        raise exception.InstanceInvalidState(
            attr='task_state', instance_uuid=instance.uuid,
            state=instance.task_state, method=action)


def begin(instance, action):
    """Enter the action's first task_state, iff the server is still idle.

    :raises InstanceInvalidState: the state read does not allow ``action``.
    :raises UnexpectedTaskStateError: another request changed the server
        since it was read; nothing was written.
    """
    row = transition(action)
    check_can_start(instance, action)
    expected_task = (None if row.from_task_states == ANY_TASK
                     else list(row.from_task_states))
    instance.task_state = row.task_states[0] if row.task_states else None
    instance.save(expected_task_state=expected_task,
                  expected_vm_state=list(row.from_vm_states))


def advance(instance, action, task_state):
    """Move to the action's next task_state (from the one before it)."""
    row = transition(action)
    index = row.task_states.index(task_state)
    if index == 0:
        raise ValueError('%s is the first task state of %s'
                         % (task_state, action))
    instance.task_state = task_state
    instance.save(expected_task_state=[row.task_states[index - 1]])


def target_vm_state(instance, action):
    row = transition(action)
    if row.to_vm_state == KEEP:
        return instance.vm_state
    if row.to_vm_state == BY_POWER_STATE:
        if instance.power_state == power_state.SHUTDOWN:
            return vs.STOPPED
        return vs.ACTIVE
    return row.to_vm_state


def finish(instance, action, power=None, **changes):
    """End the action: its vm_state and power state, no task.

    ``power`` overrides the row's power state (what the driver reports);
    ``changes`` are further fields written in the same compare-and-swap.
    """
    row = transition(action)
    new_power = row.power_state if power is None else power
    if new_power is not None:
        instance.power_state = new_power
    instance.vm_state = changes.pop('vm_state', None) or \
        target_vm_state(instance, action)
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.task_state = None
    instance.save(**_expected_in_action(row))


def _expected_in_action(row):
    """The guard of a write that ends ``row``'s action."""
    if row.task_states:
        return {'expected_task_state': list(row.task_states)}
    # An action without a task of its own: still in its start state.
    return {'expected_task_state': [None],
            'expected_vm_state': list(row.from_vm_states)}


def rollback(instance, action, power=None):
    """Give up the action: the vm_state it had, no task.

    Used when the driver failed; ``power`` is what the guest is now.
    """
    row = transition(action)
    if power is not None:
        instance.power_state = power
    instance.task_state = None
    instance.save(**_expected_in_action(row))


# os-resetState may only set these.
RESETTABLE_VM_STATES = (vs.ACTIVE, vs.ERROR)


def reset(instance, vm_state):
    """os-resetState: force ``vm_state`` and clear the task.

    Still a compare-and-swap against the state that was read, so a reset
    never overwrites a change it did not see.
    """
    if vm_state not in RESETTABLE_VM_STATES:
        raise exception.InvalidInput(reason='state %s' % vm_state)
    expected_vm, expected_task = instance.vm_state, instance.task_state
    instance.vm_state = vm_state
    instance.task_state = None
    instance.save(expected_task_state=[expected_task],
                  expected_vm_state=[expected_vm])


def all_vm_states():
    """Every vm_state the table mentions, in table order."""
    seen = []
    for row in TRANSITIONS.values():
        for state in row.from_vm_states + (row.to_vm_state,):
            if state not in seen and state not in (KEEP, BY_POWER_STATE):
                seen.append(state)
    return seen
