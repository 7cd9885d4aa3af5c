"""The image manager's memory: one record per source, two byte budgets, LRU order.

Records live in an `OrderedDict` keyed by source, least recently used first
(a request, a draw or a finished load moves a record to the end). Two tiers
are budgeted separately:

1. **Decoded pixels** (`budget`, `w * h * 4` bytes each). `evict` drops,
   least recently used first, the pixels of *released* sources, then those of
   *held* images outside the protected set (the images drawn or loaded since
   the previous eviction), until the total fits. Protected pixels are never
   dropped: what is on screen may exceed the budget, and `over_budget` says so.
2. **Encoded bytes** of URL sources (`encoded_budget`), kept so that a
   re-decode needs no network; dropped least recently used first.

A record with nothing left (no id, pixels, bytes or running job) is removed.
Not thread-safe: the manager calls it with its lock held.
"""

from __future__ import annotations

import concurrent.futures as futures
import enum
from collections import OrderedDict
from collections.abc import Callable, Iterable

from renderer._image_fetch import Decoded, ImageLoadError, is_url

__all__ = ["ImageCache", "Phase", "Record"]


class Phase(enum.Enum):
    """Where a source's load stands, as the engine was (or will be) told."""

    LOADING = enum.auto()
    """A fetch/decode is running or queued; the engine has the id at 0x0."""
    LOADED = enum.auto()
    """The engine has the size; pixels are held or will be re-decoded on demand."""
    FAILED = enum.auto()
    """The load failed; the engine was told, the record's `error` says why."""


class Record:
    """Everything known about one source string."""

    __slots__ = ("decoded", "encoded", "error", "image_id", "job", "phase", "refs", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.image_id = 0
        """The engine id while held (refs > 0), else 0."""
        self.refs = 0
        self.phase = Phase.LOADING
        self.decoded: Decoded | None = None
        self.encoded: bytes | None = None
        self.job: futures.Future[tuple[bytes, Decoded]] | None = None
        self.error: ImageLoadError | None = None

    def idle(self) -> bool:
        """Holds nothing worth keeping (no id, pixels, bytes or work)."""
        return (self.image_id == 0 and self.decoded is None and self.encoded is None
                and self.job is None)


class ImageCache:
    """Records by source in LRU order, with the decoded and encoded byte budgets."""

    def __init__(self, budget: int, encoded_budget: int) -> None:
        self.budget = budget
        """Bytes of decoded pixels to keep (beyond protected ones)."""
        self.encoded_budget = encoded_budget
        """Bytes of encoded URL sources to keep."""
        self.decoded_bytes = 0
        self.encoded_bytes = 0
        self.evictions = 0
        """Decoded images dropped to fit the budget so far."""
        self.over_budget = False
        """Whether the last `evict` could not get under the budget."""
        self._records: OrderedDict[str, Record] = OrderedDict()

    def __len__(self) -> int:
        return len(self._records)

    def record(self, src: str) -> Record:
        """The record of `src` (created if new), marked most recently used."""
        record = self._records.get(src)
        if record is None:
            record = self._records[src] = Record(src)
        self._records.move_to_end(src)
        return record

    def touch(self, record: Record) -> None:
        """Marks `record` most recently used."""
        self._records.move_to_end(record.src)

    def set_decoded(self, record: Record, decoded: Decoded | None) -> None:
        """Replaces the record's pixels, keeping the byte count."""
        if record.decoded is not None:
            self.decoded_bytes -= record.decoded.nbytes
        record.decoded = decoded
        if decoded is not None:
            self.decoded_bytes += decoded.nbytes

    def keep_encoded(self, record: Record, data: bytes) -> None:
        """Keeps a URL source's bytes for re-decoding, if they fit the budget at all."""
        if record.encoded is None and is_url(record.src) and len(data) <= self.encoded_budget:
            record.encoded = data
            self.encoded_bytes += len(data)

    def drop_encoded(self, record: Record) -> None:
        """Forgets the record's encoded bytes."""
        if record.encoded is not None:
            self.encoded_bytes -= len(record.encoded)
            record.encoded = None

    def discard_if_idle(self, record: Record) -> None:
        """Removes the record if it holds nothing."""
        if record.idle():
            self._records.pop(record.src, None)

    def evict(self, protected: set[int]) -> list[int]:
        """Fits both budgets; returns the held image ids whose pixels were dropped.

        Released pixels go first, then held ones whose id is not in `protected`.
        """
        dropped: list[int] = []
        for evictable in (_released, lambda r: r.image_id not in protected):
            self._evict_decoded(evictable, dropped)
        self.over_budget = self.decoded_bytes > self.budget
        for record in self._lru():
            if self.encoded_bytes <= self.encoded_budget:
                break
            if record.encoded is not None:
                self.drop_encoded(record)
                self.discard_if_idle(record)
        return dropped

    def clear(self) -> None:
        """Drops every record."""
        self._records.clear()
        self.decoded_bytes = self.encoded_bytes = 0

    def _evict_decoded(self, evictable: Callable[[Record], bool], dropped: list[int]) -> None:
        for record in self._lru():
            if self.decoded_bytes <= self.budget:
                return
            if record.decoded is not None and evictable(record):
                self.set_decoded(record, None)
                self.evictions += 1
                if record.image_id:
                    dropped.append(record.image_id)
                self.discard_if_idle(record)

    def _lru(self) -> Iterable[Record]:
        return list(self._records.values())


def _released(record: Record) -> bool:
    return record.image_id == 0
