"""Deduplication by ``deliveryId`` (the Java SDK's ``DeliveryDeduplicator``)."""

import abc
import threading
import time
from collections import OrderedDict
from typing import Any, Callable


class DeliveryDeduplicator(abc.ABC):
    """Remembers which deliveries were processed, so a retried delivery is handled once.

    Subclass it over your own store (a table with a primary key, Redis ``SET NX``, ...) by
    implementing :meth:`try_claim`, :meth:`complete` and :meth:`release`. A delivery is marked
    processed only after processing succeeded; a claim that is neither completed nor released
    (the process died) should expire. Implementations must be thread-safe.
    """

    @abc.abstractmethod
    def try_claim(self, delivery_id: str) -> bool:
        """Claims a delivery: True if the caller now owns it and must complete or release it."""

    @abc.abstractmethod
    def complete(self, delivery_id: str) -> None:
        """Marks a delivery processed; later claims return False."""

    @abc.abstractmethod
    def release(self, delivery_id: str) -> None:
        """Gives up a claim after processing failed, so a later attempt may claim it again."""

    def first_time(self, delivery_id: str) -> bool:
        """The spec's simple form: True the first time, marking the delivery processed at once."""
        if self.try_claim(delivery_id):
            self.complete(delivery_id)
            return True
        return False

    def process_once(self, delivery_id: str, work: Callable[[], Any]) -> bool:
        """Runs ``work`` unless the delivery was already processed (or is being processed).

        Marks it processed when ``work`` returns and releases it when ``work`` raises (the
        exception propagates). Returns True if the work ran, False for a duplicate.
        """
        if not self.try_claim(delivery_id):
            return False
        try:
            work()
        except BaseException:
            self.release(delivery_id)
            raise
        self.complete(delivery_id)
        return True


_DONE = float("inf")


class InMemoryDeliveryDeduplicator(DeliveryDeduplicator):
    """A bounded in-memory deduplicator for one process (forgets on restart).

    Remembers up to ``max_entries`` delivery ids, forgetting the least recently used first;
    a claim lasts ``claim_timeout_seconds`` without :meth:`complete` or :meth:`release`.
    """

    DEFAULT_CLAIM_TIMEOUT_SECONDS = 300

    def __init__(
        self,
        max_entries: int = 100_000,
        *,
        claim_timeout_seconds: float = DEFAULT_CLAIM_TIMEOUT_SECONDS,
        now: Callable[[], float] = time.time,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        if not claim_timeout_seconds > 0:
            raise ValueError("claim_timeout_seconds must be positive")
        self._max_entries = max_entries
        self._timeout = claim_timeout_seconds
        self._now = now
        self._entries: "OrderedDict[str, float]" = OrderedDict()
        self._lock = threading.Lock()

    def try_claim(self, delivery_id: str) -> bool:
        _require_id(delivery_id)
        with self._lock:
            now = self._now()
            until = self._entries.get(delivery_id)
            if until is not None:
                self._entries.move_to_end(delivery_id)
                if until > now:
                    return False
            self._put(delivery_id, now + self._timeout)
            return True

    def complete(self, delivery_id: str) -> None:
        _require_id(delivery_id)
        with self._lock:
            self._put(delivery_id, _DONE)

    def release(self, delivery_id: str) -> None:
        _require_id(delivery_id)
        with self._lock:
            if self._entries.get(delivery_id) != _DONE:
                self._entries.pop(delivery_id, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _put(self, delivery_id: str, until: float) -> None:
        self._entries[delivery_id] = until
        self._entries.move_to_end(delivery_id)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)


def _require_id(delivery_id: str) -> None:
    if not isinstance(delivery_id, str) or not delivery_id.strip():
        raise ValueError("delivery_id must not be blank")
