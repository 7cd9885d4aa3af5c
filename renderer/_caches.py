"""A small least-recently-used cache with a cost budget, for the painter and images.

Entries carry a cost (bytes of pixels, estimated bytes of a text blob, or 1
per entry for count-bounded caches); an optional entry bound caps the count
as well (a cache of many tiny entries pays per-entry overhead that a cost
estimate may miss). Inserting past either bound evicts the least recently
used entries until both hold again; an entry bigger than the whole budget is still
kept (alone) so that the one thing on screen is never refused. Lookups move an
entry to the most-recently-used end. Backed by `dict` insertion order, so
`get`, `put` and eviction are O(1) amortised.

Not thread-safe by itself: owners that share a cache across threads wrap it in
their own lock (the image manager does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """Maps keys to values, evicting least recently used entries over a budget.

    Args:
        budget: the largest total cost kept (for example bytes, or a count).
        on_evict: called with `(key, value)` for each evicted or replaced entry.
        max_entries: the most entries kept, whatever their cost (None: no
            count bound).
    """

    __slots__ = ("_budget", "_entries", "_max_entries", "_on_evict", "_total", "evictions",
                 "hits", "misses")

    def __init__(
        self, budget: int, on_evict: Callable[[K, V], None] | None = None,
        *, max_entries: int | None = None,
    ) -> None:
        if budget <= 0:
            raise ValueError(f"LruCache budget must be positive, got {budget}")
        if max_entries is not None and max_entries <= 0:
            raise ValueError(f"LruCache max_entries must be positive, got {max_entries}")
        self._budget = budget
        self._max_entries = max_entries
        self._entries: dict[K, tuple[V, int]] = {}
        self._total = 0
        self._on_evict = on_evict
        self.hits = 0
        """Lookups that found their key."""
        self.misses = 0
        """Lookups that did not."""
        self.evictions = 0
        """Entries dropped to stay within the budget."""

    @property
    def budget(self) -> int:
        """The largest total cost this cache keeps."""
        return self._budget

    @property
    def max_entries(self) -> int | None:
        """The most entries this cache keeps (None: bounded by cost only)."""
        return self._max_entries

    @property
    def total_cost(self) -> int:
        """The summed cost of the entries held now."""
        return self._total

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[K]:
        return iter(list(self._entries))

    def get(self, key: K) -> V | None:
        """Returns the value for `key` (marking it recently used), or None."""
        entry = self._entries.pop(key, None)
        if entry is None:
            self.misses += 1
            return None
        self._entries[key] = entry
        self.hits += 1
        return entry[0]

    def peek(self, key: K) -> V | None:
        """Returns the value for `key` without touching its recency."""
        entry = self._entries.get(key)
        return None if entry is None else entry[0]

    def put(self, key: K, value: V, cost: int = 1) -> None:
        """Stores `value` under `key`, then evicts down to the budget."""
        old = self._entries.pop(key, None)
        if old is not None:
            self._total -= old[1]
            if self._on_evict is not None and old[0] is not value:
                self._on_evict(key, old[0])
        self._entries[key] = (value, cost)
        self._total += cost
        self._evict_over_budget()

    def pop(self, key: K) -> V | None:
        """Removes `key` and returns its value (no eviction callback)."""
        entry = self._entries.pop(key, None)
        if entry is None:
            return None
        self._total -= entry[1]
        return entry[0]

    def resize(self, budget: int) -> None:
        """Changes the budget, evicting at once if the new one is smaller."""
        if budget <= 0:
            raise ValueError(f"LruCache budget must be positive, got {budget}")
        self._budget = budget
        self._evict_over_budget()

    def clear(self) -> None:
        """Drops every entry (no eviction callbacks)."""
        self._entries.clear()
        self._total = 0

    def _over(self) -> bool:
        if self._total > self._budget:
            return True
        return self._max_entries is not None and len(self._entries) > self._max_entries

    def _evict_over_budget(self) -> None:
        entries = self._entries
        while len(entries) > 1 and self._over():
            key = next(iter(entries))
            value, cost = entries.pop(key)
            self._total -= cost
            self.evictions += 1
            if self._on_evict is not None:
                self._on_evict(key, value)
