"""Deduplication by deliveryId: the in-memory store and the interface for the user's own store."""

import sqlite3
import threading
import unittest

from verk_webhooks import DeliveryDeduplicator, InMemoryDeliveryDeduplicator


class InMemoryDeduplicatorTest(unittest.TestCase):
    def test_a_completed_delivery_is_never_claimed_again(self):
        dedup = InMemoryDeliveryDeduplicator()
        self.assertTrue(dedup.try_claim("delivery_1"))
        self.assertFalse(dedup.try_claim("delivery_1"))
        dedup.complete("delivery_1")
        dedup.release("delivery_1")
        self.assertFalse(dedup.try_claim("delivery_1"))
        self.assertTrue(dedup.try_claim("delivery_2"))

    def test_a_released_claim_can_be_claimed_again(self):
        dedup = InMemoryDeliveryDeduplicator()
        self.assertTrue(dedup.try_claim("delivery_1"))
        dedup.release("delivery_1")
        self.assertTrue(dedup.try_claim("delivery_1"))

    def test_an_abandoned_claim_expires_after_the_claim_timeout_on_the_injected_clock(self):
        now = [1000.0]
        dedup = InMemoryDeliveryDeduplicator(claim_timeout_seconds=60, now=lambda: now[0])
        self.assertTrue(dedup.try_claim("delivery_1"))
        now[0] += 59.999
        self.assertFalse(dedup.try_claim("delivery_1"))
        now[0] += 0.001
        self.assertTrue(dedup.try_claim("delivery_1"))

    def test_the_least_recently_used_ids_are_forgotten_beyond_the_bound(self):
        dedup = InMemoryDeliveryDeduplicator(2)
        for delivery_id in ("a", "b"):
            dedup.try_claim(delivery_id)
            dedup.complete(delivery_id)
        self.assertFalse(dedup.try_claim("a"))  # touches a: b is now the eldest
        dedup.try_claim("c")
        self.assertEqual(len(dedup), 2)
        self.assertFalse(dedup.try_claim("a"))
        self.assertTrue(dedup.try_claim("b"))

    def test_blank_ids_and_bad_settings_are_refused(self):
        with self.assertRaises(ValueError):
            InMemoryDeliveryDeduplicator().try_claim(" ")
        with self.assertRaises(ValueError):
            InMemoryDeliveryDeduplicator(0)
        with self.assertRaises(ValueError):
            InMemoryDeliveryDeduplicator(claim_timeout_seconds=0)

    def test_concurrent_claims_of_one_delivery_have_exactly_one_winner(self):
        dedup = InMemoryDeliveryDeduplicator()
        barrier = threading.Barrier(8)
        wins = []

        def claim():
            barrier.wait()
            wins.append(dedup.try_claim("delivery_1"))

        threads = [threading.Thread(target=claim) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(wins), [False] * 7 + [True])


class ProcessOnceTest(unittest.TestCase):
    def test_process_once_runs_the_work_once_and_skips_the_duplicate(self):
        dedup = InMemoryDeliveryDeduplicator()
        runs = []
        self.assertTrue(dedup.process_once("delivery_1", lambda: runs.append(1)))
        self.assertFalse(dedup.process_once("delivery_1", lambda: runs.append(2)))
        self.assertEqual(runs, [1])

    def test_process_once_releases_a_delivery_whose_work_failed_so_a_retry_runs_it(self):
        dedup = InMemoryDeliveryDeduplicator()

        def fail():
            raise RuntimeError("database down")

        with self.assertRaisesRegex(RuntimeError, "database down"):
            dedup.process_once("delivery_1", fail)
        self.assertTrue(dedup.process_once("delivery_1", lambda: None))

    def test_first_time_is_the_specs_seen_before_check(self):
        dedup = InMemoryDeliveryDeduplicator()
        self.assertTrue(dedup.first_time("delivery_1"))
        self.assertFalse(dedup.first_time("delivery_1"))

    def test_a_users_own_store_only_implements_claim_complete_and_release(self):
        class SqliteDeduplicator(DeliveryDeduplicator):
            """The kind of store a user writes: the primary key makes the claim atomic."""

            def __init__(self):
                self.db = sqlite3.connect(":memory:", check_same_thread=False)
                self.db.execute("CREATE TABLE processed (id TEXT PRIMARY KEY, done INTEGER NOT NULL)")

            def try_claim(self, delivery_id):
                try:
                    with self.db:
                        self.db.execute("INSERT INTO processed VALUES (?, 0)", (delivery_id,))
                    return True
                except sqlite3.IntegrityError:
                    return False

            def complete(self, delivery_id):
                with self.db:
                    self.db.execute("UPDATE processed SET done = 1 WHERE id = ?", (delivery_id,))

            def release(self, delivery_id):
                with self.db:
                    self.db.execute("DELETE FROM processed WHERE id = ? AND done = 0", (delivery_id,))

        store = SqliteDeduplicator()
        runs = []
        self.assertTrue(store.process_once("delivery_1", lambda: runs.append("a")))
        self.assertFalse(store.process_once("delivery_1", lambda: runs.append("b")))
        self.assertTrue(store.first_time("delivery_2"))
        self.assertEqual(runs, ["a"])
        self.assertEqual(store.db.execute("SELECT COUNT(*) FROM processed WHERE done = 1").fetchone()[0], 2)

    def test_the_interface_cannot_be_used_without_its_three_methods(self):
        class Incomplete(DeliveryDeduplicator):
            def try_claim(self, delivery_id):
                return True

        with self.assertRaises(TypeError):
            Incomplete()


if __name__ == "__main__":
    unittest.main()
