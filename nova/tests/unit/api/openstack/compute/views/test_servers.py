"""The server status table and its inverse, used by views and filters."""

import ddt

from nova.api.openstack.compute.views import servers
from nova import test


@ddt.ddt
class StatusTest(test.TestCase):

    @ddt.data(('building', 'scheduling', 'BUILD'),
              ('building', None, 'BUILD'),
              ('active', None, 'ACTIVE'),
              ('active', 'migrating', 'MIGRATING'),
              ('active', 'deleting', 'ACTIVE'),
              ('paused', None, 'PAUSED'),
              ('paused', 'migrating', 'MIGRATING'),
              ('stopped', None, 'SHUTOFF'),
              ('error', None, 'ERROR'),
              ('error', 'migrating', 'ERROR'),
              ('deleted', None, 'DELETED'),
              ('weird', None, 'UNKNOWN'))
    @ddt.unpack
    def test_status_from_state(self, vm_state, task_state, status):
        self.assertEqual(status,
                         servers.status_from_state(vm_state, task_state))

    @ddt.data((['ACTIVE'], ({'active'}, None)),
              (['active'], ({'active'}, None)),
              (['MIGRATING'], ({'active', 'paused'}, {'migrating'})),
              (['MIGRATING', 'PAUSED'], ({'active', 'paused'}, None)),
              (['SUSPENDED'], ({'suspended'}, None)),
              (['RESCUE'], (set(), set())),
              (['ACTIVE', 'NOPE'], None),
              (['UNKNOWN'], None))
    @ddt.unpack
    def test_states_from_statuses(self, statuses, expected):
        self.assertEqual(expected, servers.states_from_statuses(statuses))

    def test_every_status_maps_back_to_its_states(self):
        for vm_state, by_task in servers._STATUS_BY_STATE.items():
            for task_state, status in by_task.items():
                vm_states, _tasks = servers.states_from_statuses([status])
                self.assertIn(vm_state, vm_states, status)
