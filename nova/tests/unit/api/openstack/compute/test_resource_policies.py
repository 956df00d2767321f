"""Default rules of servers, flavors, services and instance actions.

The defaults are contract section 11 (HEAD column); the matrix checks
what they mean for an admin, a member of the target's project and a
member of another project.
"""

import ddt

from nova import context as nova_context
from nova import policies
from nova import policy
from nova import test
from nova.tests.unit.api.openstack import fakes

ADMIN = 'rule:context_is_admin'
READER = 'rule:project_reader_or_admin'
MEMBER = 'rule:project_member_or_admin'

DEFAULTS = {
    'os_compute_api:servers:index': READER,
    'os_compute_api:servers:detail': READER,
    'os_compute_api:servers:index:get_all_tenants': ADMIN,
    'os_compute_api:servers:detail:get_all_tenants': ADMIN,
    'os_compute_api:servers:allow_all_filters': ADMIN,
    'os_compute_api:servers:show': READER,
    'os_compute_api:servers:show:host_status': ADMIN,
    'os_compute_api:servers:show:host_status:unknown-only': ADMIN,
    'os_compute_api:servers:create': MEMBER,
    'os_compute_api:servers:create:forced_host': ADMIN,
    'os_compute_api:servers:delete': MEMBER,
    'os_compute_api:os-extended-server-attributes': ADMIN,
    'os_compute_api:os-services:list': ADMIN,
    'os_compute_api:os-instance-actions:list': READER,
    'os_compute_api:os-instance-actions:show': READER,
    'os_compute_api:os-instance-actions:events': ADMIN,
    'os_compute_api:os-flavor-extra-specs:index': READER,
    'os_compute_api:os-flavor-extra-specs:show': READER,
    'os_compute_api:os-live-migration-queues:list': ADMIN,
    'os_compute_api:os-live-migration-queues:show': ADMIN,
    'os_compute_api:os-live-migration-queues:drain': ADMIN,
    'os_compute_api:os-live-migration-queues:move': ADMIN,
    'os_compute_api:os-aggregates:index': ADMIN,
    'os_compute_api:os-aggregates:create': ADMIN,
    'os_compute_api:os-aggregates:show': ADMIN,
    'os_compute_api:os-aggregates:update': ADMIN,
    'os_compute_api:os-aggregates:delete': ADMIN,
    'os_compute_api:os-aggregates:add_host': ADMIN,
    'os_compute_api:os-aggregates:remove_host': ADMIN,
    'os_compute_api:os-aggregates:set_metadata': ADMIN,
}

PROJECT = 'p1'


def _context(roles, project_id=PROJECT):
    return nova_context.RequestContext(user_id='u', project_id=project_id,
                                       roles=roles)


@ddt.ddt
class ResourcePolicyTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fakes.PolicyFixture())
        self.rules = {rule.name: rule for rule in policies.list_rules()}

    def test_defaults(self):
        self.assertEqual(DEFAULTS, {name: self.rules[name].check_str
                                    for name in DEFAULTS})

    def test_documented_with_operations_and_project_scope(self):
        for name in DEFAULTS:
            rule = self.rules[name]
            self.assertTrue(rule.description, name)
            self.assertTrue(rule.operations, name)
            self.assertEqual(['project'], rule.scope_types, name)

    @ddt.data(
        # (check string, admin, same-project member, other-project member)
        (READER, True, True, False),
        (MEMBER, True, True, False),
        (ADMIN, True, False, False),
    )
    @ddt.unpack
    def test_matrix(self, check_str, admin, member, other):
        names = [n for n, c in DEFAULTS.items() if c == check_str]
        callers = ((admin, _context(['admin', 'member', 'reader'], 'adm')),
                   (member, _context(['member', 'reader'])),
                   (other, _context(['member', 'reader'], 'p2')))
        for name in names:
            for expected, ctxt in callers:
                self.assertEqual(expected, policy.authorize(
                    ctxt, name, {'project_id': PROJECT}, fatal=False),
                    (name, ctxt.project_id))

    def test_reader_role_alone_reads_but_cannot_create(self):
        reader = _context(['reader'])
        target = {'project_id': PROJECT}
        self.assertTrue(policy.authorize(
            reader, 'os_compute_api:servers:show', target, fatal=False))
        self.assertFalse(policy.authorize(
            reader, 'os_compute_api:servers:create', target, fatal=False))
