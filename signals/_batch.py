"""Batching writes and reading without tracking."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TypeVar, overload

from ._flush import end_batch, flush
from ._graph import RT

__all__ = ["batch", "untrack"]

T = TypeVar("T")


class _Batch:
    """Context manager form of ``batch()``; one shared instance, re-entrant."""

    __slots__ = ()

    def __enter__(self) -> None:
        # No thread check here: a batch mutates nothing; writes check.
        RT.batch_depth += 1

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Writes made before an exception still happened: flush them either way.
        end_batch()


_BATCH = _Batch()


@overload
def batch() -> _Batch: ...
@overload
def batch(fn: Callable[[], T]) -> T: ...
def batch(fn: Callable[[], T] | None = None) -> T | _Batch:
    """Group writes so that effects run once, after the outermost batch ends.

    Use as ``with batch(): ...`` or ``batch(fn)`` (returns ``fn()``). Reads
    inside the batch already see the new values. Each affected effect runs at
    most once per flush round when the outermost batch ends.
    """
    if fn is None:
        return _BATCH
    # The context manager and ``end_batch`` inlined: three calls fewer per batch.
    rt = RT
    rt.batch_depth += 1
    try:
        return fn()
    finally:
        if rt.batch_depth > 1:
            rt.batch_depth -= 1
        elif rt.queue or rt.reverted or rt.errors:
            try:
                flush()
            finally:
                rt.batch_depth = 0
        else:
            rt.batch_depth = 0
            if rt.pending:
                rt.pending = {}  # nothing to settle: forget the start values


def untrack(fn: Callable[[], T]) -> T:
    """Run ``fn`` and return its result without subscribing to what it reads."""
    rt = RT
    prev, prev_reads = rt.observer, rt.reads
    if prev is None:
        return fn()
    rt.observer = rt.reads = None
    try:
        return fn()
    finally:
        rt.observer = prev
        rt.reads = prev_reads
