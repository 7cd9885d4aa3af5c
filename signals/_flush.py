"""Ending batches: settle reverted signals, flush the effect queue in rounds.

When the outermost batch ends (a write outside any batch is its own batch),
``flush`` first gives their old version back to signals that ended the batch
equal to their start value (``settle_pending``), then runs the queued
effects. Effects that write signals queue more effects for the next round; a
flush that needs more than ``MAX_FLUSH_ROUNDS`` rounds is a ``CycleError``.
Unhandled effect errors are re-raised once the queue is empty.
"""

from __future__ import annotations

from asyncio import _get_running_loop

from ._errors import CycleError
from ._graph import (
    CHECK,
    DIRTY,
    RECURSIVE_DEPTH,
    RT,
    TooDeep,
    check_node,
    describe,
    refresh,
    refresh_deep,
)

__all__ = ["MAX_FLUSH_ROUNDS", "end_batch", "flush", "raise_errors", "settle_pending"]

MAX_FLUSH_ROUNDS = 1000
"""How many effect rounds one flush may take before it is declared a cycle."""


def settle_pending() -> None:
    """Give back their old version to signals that ended the batch unchanged.

    Only the signals a later write in the batch set back to their start value
    (``RT.reverted``) can be unchanged; the others are just forgotten.
    """
    rt = RT
    pending = rt.pending
    reverted = rt.reverted
    rt.pending = {}
    if not reverted:
        return
    rt.reverted = []
    for sig in reverted:
        entry = pending.pop(sig, None)
        if entry is None:  # listed twice
            continue
        start, version, first = entry
        value = sig._value
        equals = sig._equals
        if equals is None:
            if start is not value and start != value:
                continue  # a still later write moved it again
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
    rt.in_loop = _get_running_loop() is not None
    depth = rt.depth  # (0, unless a batch ends inside a computed's run)
    walk = depth < RECURSIVE_DEPTH
    rounds = 0
    while True:
        if rt.pending:
            if rt.reverted:
                settle_pending()
            else:
                rt.pending = {}  # nothing can have ended the batch unchanged
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
                    if walk:  # ``refresh`` inlined: one call fewer per effect
                        try:
                            check_node(effect, depth + 1)
                        except TooDeep:
                            rt.depth = depth
                            refresh_deep(effect)
                        finally:
                            rt.depth = depth
                    else:
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
    if not (rt.queue or rt.reverted or rt.errors):  # nothing to settle or run
        rt.batch_depth = 0
        if rt.pending:
            rt.pending = {}
        return
    try:
        flush()
    finally:
        rt.batch_depth = 0
