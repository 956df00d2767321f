"""Scheduler hints: the same_host/different_host filters and the RPC gate."""

from unittest import mock

from nova.conductor import rpcapi as conductor_rpcapi
from nova.scheduler import filters
from nova.scheduler import rpcapi as scheduler_rpcapi
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.unit.api.openstack.compute import test_servers


def state(host):
    return mock.Mock(host=host)


class HintFiltersTest(test.TestCase):

    def test_same_host(self):
        request = {'hints': {'same_host': {'a', 'b'}}}
        self.assertEqual(['a', 'b'], [
            s.host for s in map(state, 'abc')
            if filters.same_host_filter(s, request, 60)])

    def test_different_host(self):
        request = {'hints': {'different_host': {'a'}}}
        self.assertEqual(['b', 'c'], [
            s.host for s in map(state, 'abc')
            if filters.different_host_filter(s, request, 60)])

    def test_no_hints_filter_nothing(self):
        for check in (filters.same_host_filter,
                      filters.different_host_filter):
            self.assertTrue(check(state('a'), {}, 60))

    def test_a_hint_naming_no_instance_matches_no_host(self):
        request = {'hints': {'same_host': set()}}
        self.assertFalse(filters.same_host_filter(state('a'), request, 60))


class HintsRPCVersionTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(nova_fixtures.RPCFixture('fake://'))

    def _prepared_versions(self, api, call, **kwargs):
        with mock.patch.object(api.client, 'prepare') as prepare:
            call(**kwargs)
        return [c.kwargs['version'] for c in prepare.call_args_list]

    def test_hints_need_1_1_and_no_hints_stay_1_0(self):
        api = conductor_rpcapi.ConductorAPI()
        instance = mock.sentinel.instance
        self.assertEqual(['1.0', '1.1'], [
            self._prepared_versions(
                api, api.build_instances, context=None, instance=instance,
                scheduler_hints=hints)[0]
            for hints in (None, {'same_host': {'x'}})])
        scheduler = scheduler_rpcapi.SchedulerAPI()
        self.assertEqual(['1.1'], self._prepared_versions(
            scheduler, scheduler.select_destinations, context=None,
            consumer_uuid='u', resources={}, scheduler_hints={'a': 1}))

    def test_pinned_conductor_cannot_take_hints(self):
        self.assertTrue(conductor_rpcapi.ConductorAPI().can_send_hints())
        self.flags(conductor='1.0', group='upgrade_levels')
        self.assertFalse(conductor_rpcapi.ConductorAPI().can_send_hints())


class HintsRefusedWhilePinnedTest(test_servers.ServersTestBase):

    def test_create_with_hints_is_400_and_writes_nothing(self):
        self.flags(conductor='1.0', group='upgrade_levels')
        before = self.api.row_counts()
        body = test_servers.create_body()
        body['os:scheduler_hints'] = {
            'different_host': test_servers.IMAGE}
        resp = self.api.call('POST', '/servers', version='2.65', body=body)
        self.assertEqual(400, resp.status_int, resp.text)
        self.assertEqual(before, self.api.row_counts())
        self.assertEqual([], self.api.cast_methods())
