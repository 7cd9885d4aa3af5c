"""Pretenuring: what a flush builds goes straight to the collector's oldest generation.

A flush builds what the screen shows (elements, instances, bindings), and
those objects live as long as the screen shows them. CPython's cyclic
collector walks each new object in its young generation, then again in the
middle one, before it concludes that; after a 1,000-row mount that walk is a
tenth of the mount, after 10,000 rows a quarter. Garbage collectors that know
an allocation will live long put it in the old generation at once
("pretenuring"); the reconciler knows, so after a flush that made many
objects it moves them there (`gc.freeze()` then `gc.unfreeze()`: two list
splices, whatever their number).

Moved objects skip the young collections, and CPython does not count them
towards its next full collection, so the reconciler runs that one itself,
by CPython's own rule: once the objects it moved since the last one exceed
a quarter of what that collection kept. Cyclic garbage (an unmounted row
whose closure refers to its own element) is still collected, at most that
late. An app that froze objects itself (`gc.freeze()`, to keep them out of
every collection) keeps them frozen: while the permanent generation holds
anything, nothing is moved.
"""

from __future__ import annotations

import gc

__all__ = ["MIN_FULL_BUDGET", "MIN_YOUNG", "Tenuring", "tenuring"]

MIN_YOUNG = 2_000
"""Fewer new objects than this: the flush leaves them to the young collections."""

MIN_FULL_BUDGET = 50_000
"""The fewest moved objects that call for a full collection (a small heap's quarter
would make it run too often)."""


class Tenuring:
    """Moves the objects a flush made to the oldest generation; runs the full
    collections that moving them would otherwise delay."""

    __slots__ = ("budget", "full_collections", "moved")

    def __init__(self) -> None:
        self.moved = 0
        """Objects moved since the last full collection."""
        self.budget = MIN_FULL_BUDGET
        """How many may be moved before the next full collection."""
        self.full_collections = 0
        """Full collections run because of moved objects (for tests and soaks)."""

    def after_flush(self) -> None:
        """Called at the end of a flush, while the collector is still off."""
        young = gc.get_count()[0]
        if young < MIN_YOUNG or gc.get_freeze_count():
            return
        gc.freeze()
        gc.unfreeze()  # (back into the oldest generation, not the young one)
        self.moved += young
        if self.moved >= self.budget:
            gc.collect()
            self.full_collections += 1
            self.moved = 0
            self.budget = max(MIN_FULL_BUDGET, len(gc.get_objects()) // 4)


tenuring = Tenuring()
"""The process's one `Tenuring` (the collector is the process's too)."""
