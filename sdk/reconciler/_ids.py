"""Node ids: allocated by the sender, recycled only after the engine saw the removal.

Events cross threads: the engine may report a focus or press on node 42 in
the same frame in which the app removes node 42. If 42 were reused at once, the
event would reach the wrong node. So a freed id waits in quarantine, tagged
with the number of the batch that removed it, until `acknowledge(n)` says the
engine applied the first `n` batches.

Template instances need consecutive ids: `alloc_block(n)` returns a base;
blocks are recycled whole, by size.
"""

from __future__ import annotations

__all__ = ["NodeIds"]

MAX_BLOCK_NODES = 256
"""The largest id block (template) a subtree is mounted from."""


class NodeIds:
    """Allocates node ids; frees them after the batch that removed them is acknowledged."""

    __slots__ = ("_blocks", "_free", "_next", "_quarantine", "_unsorted", "batches")

    def __init__(self, first: int = 1) -> None:
        self._next = first
        self._free: list[int] = []
        self._blocks: dict[int, list[int]] = {}
        self._quarantine: list[tuple[int, int, int]] = []
        """(batch number, base, size): size 0 marks a single id."""
        self._unsorted: set[int] = set()
        """The sizes (0: single ids) whose free list got ids since it was last sorted."""
        self.batches = 0
        """How many batches were sealed (the batch being written is `batches + 1`)."""

    def alloc(self) -> int:
        """A fresh or recycled single id."""
        free = self._free
        if free:
            if self._unsorted:
                self._sort()
            return free.pop()
        node = self._next
        self._next = node + 1
        return node

    def alloc_block(self, size: int) -> int:
        """The base of `size` consecutive free ids."""
        bases = self._blocks.get(size)
        if bases:
            if self._unsorted:
                self._sort()
            return bases.pop()
        base = self._next
        self._next = base + size
        return base

    def free(self, node: int) -> None:
        """Return a single id (reusable once the current batch is acknowledged)."""
        self._quarantine.append((self.batches + 1, node, 0))

    def free_block(self, base: int, size: int) -> None:
        """Return a block from `alloc_block`."""
        self._quarantine.append((self.batches + 1, base, size))

    def seal_batch(self) -> int:
        """The batch being written is complete; returns its number (1, 2, ...)."""
        self.batches += 1
        return self.batches

    def acknowledge(self, applied: int) -> None:
        """The engine applied batches `1..applied`: their freed ids become reusable."""
        quarantine = self._quarantine
        if not quarantine or quarantine[0][0] > applied:
            return
        keep = []
        grown = self._unsorted
        for entry in quarantine:
            batch, base, size = entry
            if batch > applied:
                keep.append(entry)
            elif size == 0:
                self._free.append(base)
                grown.add(0)
            else:
                self._blocks.setdefault(size, []).append(base)
                grown.add(size)
        self._quarantine = keep

    def _sort(self) -> None:
        """Order the free lists that grew, lowest id last (they pop from the end): a list
        mounted again gets ascending ids, as the engine's scene walks them best (memory
        order). Done when ids are next taken, so freeing one row sorts nothing."""
        for size in self._unsorted:
            (self._free if size == 0 else self._blocks[size]).sort(reverse=True)
        self._unsorted.clear()

    @property
    def in_quarantine(self) -> int:
        """How many ids (singles and blocks) wait for an acknowledgement."""
        return len(self._quarantine)
