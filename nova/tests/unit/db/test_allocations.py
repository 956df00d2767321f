"""Resource claims (allocations) on SQLite, MariaDB and PostgreSQL.

The race tests hold one transaction open with a view read before another
writer commits, then let it write: a claim with that stale view must lose
(its compare-and-swap sees the new generation), while a release or a move
must still succeed, since neither adds usage.
"""

import types

import ddt

from nova import context
from nova.db.main import allocations
from nova.db.main import api
from nova.db.main import models
from nova.db.main import services
from nova import exception
from nova.tests.unit import db as db_tests
from nova.tests.unit.db import test_db_api

SERVER_BACKENDS = tuple(b for b in db_tests.BACKENDS if b != 'sqlite')


@ddt.ddt
class AllocationTestCase(test_db_api.DbTestCase):

    def _generation(self, node):
        return services.compute_node_get(self.ctxt, node.id).generation

    @ddt.data(*db_tests.BACKENDS)
    def test_claim_records_exact_usage(self, backend):
        self.use_backend(backend)
        node = self._node()
        allocations.allocation_claim(self.ctxt, 'a' * 32, node.id, {
            'VCPU': 2, 'MEMORY_MB': 1024, 'DISK_GB': 0})
        allocations.allocation_claim(self.ctxt, 'b' * 32, node.id, {
            'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 10})
        self.assertEqual({'VCPU': 3, 'MEMORY_MB': 1536, 'DISK_GB': 10},
                         allocations.usage_by_node(self.ctxt, node.id))
        self.assertEqual({node.id: {'VCPU': 2, 'MEMORY_MB': 1024}},
                         allocations.allocation_get_by_consumer(
                             self.ctxt, 'a' * 32))
        self.assertEqual(2, self._generation(node))
        # A consumer claiming again replaces what it held.
        allocations.allocation_claim(self.ctxt, 'a' * 32, node.id,
                                     {'VCPU': 1})
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 512, 'DISK_GB': 10},
                         allocations.usage_by_node(self.ctxt, node.id))

    @ddt.data(*db_tests.BACKENDS)
    def test_oversubscription_refused(self, backend):
        self.use_backend(backend)
        node = self._node(vcpus=2, cpu_ratio=2.0, memory_mb=1000)
        allocations.allocation_claim(self.ctxt, 'a' * 32, node.id,
                                     {'VCPU': 3, 'MEMORY_MB': 1000})
        exc = self.assertRaises(
            exception.InsufficientResources, allocations.allocation_claim,
            self.ctxt, 'b' * 32, node.id, {'VCPU': 2})
        self.assertIn('VCPU (3 used of 4, 2 asked)', str(exc))
        self.assertRaises(exception.InsufficientResources,
                          allocations.allocation_claim, self.ctxt, 'b' * 32,
                          node.id, {'VCPU': 1, 'MEMORY_MB': 1})
        self.assertEqual({}, allocations.allocation_get_by_consumer(
            self.ctxt, 'b' * 32))
        self.assertEqual(1, self._generation(node))
        allocations.allocation_claim(self.ctxt, 'b' * 32, node.id,
                                     {'VCPU': 1})
        self.assertEqual(4, allocations.usage_by_node(
            self.ctxt, node.id)['VCPU'])

    @ddt.data(*db_tests.BACKENDS)
    def test_release(self, backend):
        self.use_backend(backend)
        one, two = self._node('host1'), self._node('host2')
        for node in (one, two):
            allocations.allocation_claim(self.ctxt, 'a' * 32, node.id,
                                         {'VCPU': 1})
        self.assertTrue(allocations.allocation_delete_by_consumer(
            self.ctxt, 'a' * 32, one.id))
        self.assertEqual({two.id: {'VCPU': 1}},
                         allocations.allocation_get_by_consumer(
                             self.ctxt, 'a' * 32))
        self.assertEqual((2, 1), (self._generation(one),
                                  self._generation(two)))
        self.assertTrue(allocations.allocation_delete_by_consumer(
            self.ctxt, 'a' * 32))
        self.assertFalse(allocations.allocation_delete_by_consumer(
            self.ctxt, 'a' * 32))
        self.assertEqual({}, allocations.usage_by_node(self.ctxt, two.id))

    @ddt.data(*db_tests.BACKENDS)
    def test_move_hands_destination_to_the_instance(self, backend):
        self.use_backend(backend)
        node = self._node()
        migration, instance = 'm' * 32, 'i' * 32
        allocations.allocation_claim(self.ctxt, instance, node.id,
                                     {'VCPU': 4})
        allocations.allocation_delete_by_consumer(self.ctxt, instance)
        allocations.allocation_claim(self.ctxt, migration, node.id,
                                     {'VCPU': 2, 'MEMORY_MB': 256})
        self.assertEqual(2, allocations.allocation_move(
            self.ctxt, migration, instance, node.id))
        self.assertEqual({}, allocations.allocation_get_by_consumer(
            self.ctxt, migration))
        self.assertEqual({node.id: {'VCPU': 2, 'MEMORY_MB': 256}},
                         allocations.allocation_get_by_consumer(
                             self.ctxt, instance))
        self.assertEqual(4, self._generation(node))

    @ddt.data(*db_tests.BACKENDS)
    def test_race_for_last_resources_stale_writer_loses(self, backend):
        """Two claims want the last 2 VCPUs; exactly one gets them.

        The loser read the node (generation and usage) before the winner
        committed, so its view says the VCPUs are free; only the generation
        compare-and-swap stops its write.
        """
        self.use_backend(backend)
        node = self._node(vcpus=2)
        loser = context.get_admin_context()
        with api.context_manager.reader.using(loser) as session:
            row = session.query(models.ComputeNode).filter_by(
                id=node.id).one()
            seen = types.SimpleNamespace(id=row.id, host=row.host,
                                         generation=row.generation)
            self.assertEqual({}, allocations._usage(session, node.id))

        allocations.allocation_claim(context.get_admin_context(), 'w' * 32,
                                     node.id, {'VCPU': 2})

        def stale_write():
            with api.context_manager.writer.using(loser) as session:
                session.add(models.Allocation(
                    consumer_uuid='l' * 32, compute_node_id=node.id,
                    resource_class='VCPU', used=2))
                allocations._bump_generation(session, seen)

        self.assertRaises(exception.ClaimConflict, stale_write)
        self.assertEqual({'VCPU': 2},
                         allocations.usage_by_node(self.ctxt, node.id))
        self.assertEqual({}, allocations.allocation_get_by_consumer(
            self.ctxt, 'l' * 32))
        self.assertEqual(1, self._generation(node))
        # Re-reading, the loser now sees there is no room.
        self.assertRaises(exception.InsufficientResources,
                          allocations.allocation_claim, loser, 'l' * 32,
                          node.id, {'VCPU': 2})

    def _claim(self, consumer, node, resources):
        allocations.allocation_claim(self.ctxt, consumer, node.id, resources)

    def _with_stale_view(self, node, stale, commit_first):
        """Run ``stale`` after ``commit_first``, with an older view.

        ``stale`` runs in a transaction that read ``node`` before
        ``commit_first`` committed in a transaction of its own.  SQLite
        is left out: its writers hold the database for the whole
        transaction, so the second writer could not commit meanwhile.
        """
        holder = context.get_admin_context()
        with api.context_manager.writer.using(holder) as session:
            seen = session.query(models.ComputeNode).filter_by(
                id=node.id).one().generation
            commit_first(context.get_admin_context())
            return seen, stale(holder, seen)

    def _after_another_release(self, node, write):
        """``write`` with a view older than another consumer's release."""
        self._claim('b' * 32, node, {'VCPU': 1})
        return self._with_stale_view(
            node, lambda ctxt, seen: write(ctxt),
            lambda ctxt: allocations.allocation_delete_by_consumer(
                ctxt, 'b' * 32))

    @ddt.data(*SERVER_BACKENDS)
    def test_release_with_stale_view_still_succeeds(self, backend):
        self.use_backend(backend)
        node = self._node()
        self._claim('a' * 32, node, {'VCPU': 1})
        seen, released = self._after_another_release(
            node, lambda ctxt: allocations.allocation_delete_by_consumer(
                ctxt, 'a' * 32))
        self.assertEqual(2, seen)
        self.assertTrue(released)
        self.assertEqual({}, allocations.usage_by_node(self.ctxt, node.id))
        self.assertEqual(4, self._generation(node))

    @ddt.data(*SERVER_BACKENDS)
    def test_move_with_stale_view_still_succeeds(self, backend):
        self.use_backend(backend)
        node = self._node()
        self._claim('m' * 32, node, {'VCPU': 2})
        seen, moved = self._after_another_release(
            node, lambda ctxt: allocations.allocation_move(
                ctxt, 'm' * 32, 'i' * 32, node.id))
        self.assertEqual((2, 1), (seen, moved))
        self.assertEqual({node.id: {'VCPU': 2}},
                         allocations.allocation_get_by_consumer(
                             self.ctxt, 'i' * 32))
        self.assertEqual(4, self._generation(node))

    @ddt.data(*SERVER_BACKENDS)
    def test_claim_after_a_release_it_did_not_see_loses(self, backend):
        """A claim that read before a release must re-read.

        The release bumps the generation, so the claim's old view loses.
        """
        self.use_backend(backend)
        node = self._node(vcpus=2)
        self._claim('b' * 32, node, {'VCPU': 1})

        def stale_claim(ctxt, seen):
            node_view = types.SimpleNamespace(id=node.id, host=node.host,
                                              generation=seen)
            return allocations._bump_generation(ctxt.session, node_view)

        self.assertRaises(
            exception.ClaimConflict, self._with_stale_view, node,
            stale_claim,
            lambda ctxt: allocations.allocation_delete_by_consumer(
                ctxt, 'b' * 32))
        self.assertEqual(2, self._generation(node))
