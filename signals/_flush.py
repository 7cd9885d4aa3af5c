"""Ending batches: settle reverted signals, flush the effect queue in rounds.

When the outermost batch ends (a write outside any batch is its own batch),
``flush`` first gives their old version back to signals that ended the batch
equal to their start value (``settle_pending``), then runs the queued
effects. Effects that write signals queue more effects for the next round; a
flush that needs more than ``MAX_FLUSH_ROUNDS`` rounds is a ``CycleError``.
Unhandled effect errors are re-raised once the queue is empty.
"""

from __future__ import annotations

from ._errors import CycleError
from ._graph import CHECK, DIRTY, RT, describe, refresh

__all__ = ["MAX_FLUSH_ROUNDS", "end_batch", "flush", "raise_errors", "settle_pending"]

MAX_FLUSH_ROUNDS = 1000
"""How many effect rounds one flush may take before it is declared a cycle."""


def settle_pending() -> None:
    """Give back their old version to signals that ended the batch unchanged."""
    rt = RT
    pending = rt.pending
    rt.pending = {}
    for sig, (start, version, first) in pending.items():
        value = sig._value
        equals = sig._equals
        if equals is None:
            if start is not value and start != value:
                continue
        elif not equals(start, value):
            continue
        # A direct reader that ran on the in-between value must still re-run.
        observers = sig._observers
        if any(obs._ran_at >= first for obs in observers):
            continue
        sig._version = version
        # propagate painted them DIRTY because of this signal; CHECK makes them
        # compare versions instead, which is always safe.
        for obs in observers:
            if obs._state is DIRTY:
                obs._state = CHECK


def flush() -> None:
    """Run queued effects in rounds until the graph settles (batch_depth held at 1)."""
    rt = RT
    rounds = 0
    while True:
        if rt.pending:
            settle_pending()
        queue = rt.queue
        if not queue:
            break
        rounds += 1
        if rounds > MAX_FLUSH_ROUNDS:
            rt.queue = []
            rt.errors = []
            names = ", ".join(sorted({describe(e) for e in queue}))
            raise CycleError(
                f"effects kept re-triggering each other for {MAX_FLUSH_ROUNDS} rounds: {names}; "
                "an effect probably writes a signal it reads: make the write conditional "
                "so it converges, or derive the value with a computed"
            )
        rt.queue = []
        try:
            for effect in queue:
                st = effect._state
                if st is DIRTY:
                    effect._update()  # effects never raise TooDeep themselves
                elif st is CHECK:
                    refresh(effect)
        except BaseException:
            # An interrupt (effect errors are caught in Effect._update): keep the
            # effects not run yet, or they would stay painted and never run again.
            rt.queue = [e for e in queue if e._state is CHECK or e._state is DIRTY] + rt.queue
            raise
    if rt.errors:
        raise_errors()


def raise_errors() -> None:
    """Raise the unhandled effect/cleanup errors collected so far (one, or a group)."""
    rt = RT
    errors = rt.errors
    rt.errors = []
    if len(errors) == 1:
        raise errors[0]
    raise ExceptionGroup("several effects raised", errors)  # type: ignore[type-var]


def end_batch() -> None:
    """Leave one batch level; the outermost one flushes the effect queue."""
    rt = RT
    if rt.batch_depth > 1:
        rt.batch_depth -= 1
        return
    if not (rt.queue or rt.pending or rt.errors):  # nothing was written or queued
        rt.batch_depth = 0
        return
    try:
        flush()
    finally:
        rt.batch_depth = 0
