"""Effects: functions re-run for their side effects when what they read changes.

An effect is a leaf observer of the graph (see ``_graph.py``). It runs
synchronously once when created, then at the end of the outermost batch in
which one of its sources changed (a write outside any batch is its own
batch), at most once per flush round. It is an owner: effects, computeds and
cleanups created while it runs are disposed before it re-runs.

An exception raised by the function goes to the nearest ``catch_error``
handler of its owner chain; with none it is re-raised from the ``set()`` or
``batch`` that triggered the run, after every other queued effect has run.
"""

from __future__ import annotations

from asyncio import _get_running_loop
from collections.abc import Callable
from typing import Any

from ._flush import end_batch
from ._graph import (
    CHECK,
    DIRTY,
    DISPOSED,
    RT,
    RUNNING,
    State,
    check_thread,
    relink,
    state_name,
    unlink_sources,
)
from ._graph import _get_ident as get_ident
from ._owner import (
    _OWNER,
    Owner,
    current_owner,
    dispose_owned,
    handle_error,
)

__all__ = ["CURRENT", "Effect", "effect"]

CURRENT: Any = object()
"""Default ``owner=``: the owner current when the effect is created."""


class Effect(Owner):
    """A side effect that re-runs when the signals and computeds it read change.

    Example:
        ```python
        e = Effect(lambda: print(count()))
        e.dispose()
        ```
    """

    __slots__ = ("_fn", "_observers", "_ran_at", "_sources")

    _write_guard: str | None = None
    """What a write made while this observer runs would interrupt (see ``Reaction``)."""

    def __init__(self, fn: Callable[[], object], *, owner: Any = CURRENT) -> None:
        """Create the effect and run ``fn`` once, now.

        Args:
            fn: the function to run.
            owner: the owner that disposes the effect and handles its errors;
                by default the current one. ``None`` makes a free-standing
                effect: nobody disposes it but you, and its errors are raised
                from the flush (catch them in ``fn``). It saves the owner's
                bookkeeping for effects with a lifetime managed elsewhere.

        Raises:
            SignalError: called from a thread that does not own the graph.
        """
        rt = RT
        if rt.thread != get_ident():
            check_thread()
        self._state: State | None = DIRTY
        self._owned: list[Any] | None = None
        self._context: dict[object, Any] | None = None
        self._fn: Callable[[], object] | None = fn
        # Always None: effects are leaves, ``propagate`` queues them. (A slot, not
        # a class attribute: CPython reads a class attribute through an instance
        # several times slower, and propagate reads it for every node.)
        self._observers: None = None
        self._sources: Any = ()
        self._ran_at = -1
        parent = owner
        if parent is CURRENT:
            parent = rt.owner
            if parent is None:
                parent = current_owner()
        self._parent = parent
        if parent is not None:
            owned = parent._owned  # (``_register`` inlined)
            if owned is None:
                parent._owned = [self]
            else:
                owned.append(self)
        if rt.debug:
            from ._debug import record_creation

            record_creation(self, free=owner is None)
        rt.in_loop = _get_running_loop() is not None
        # The first run is its own batch, so writes it makes are flushed after it.
        rt.batch_depth += 1
        try:
            self._update()
        finally:
            if rt.batch_depth > 1:
                rt.batch_depth -= 1
            elif rt.queue or rt.reverted or rt.errors:
                end_batch()
            else:  # (the rest of ``end_batch``, inlined: nothing to run)
                rt.batch_depth = 0
                if rt.pending:
                    rt.pending = {}

    def _update(self) -> None:
        """Run ``fn`` as the tracking observer and current owner."""
        rt = RT
        if self._owned is not None:
            dispose_owned(self)
            if self._state is DISPOSED:  # a cleanup disposed us
                return
        prev_observer, prev_reads = rt.observer, rt.reads
        prev_owner, prev_effect = rt.owner, rt.effect
        rt.observer = rt.owner = rt.effect = self
        reads: list[Any] = []
        rt.reads = reads
        # Mirror the owner into the ContextVar only when a task could copy it:
        # without a running loop there is no task to create, and the set/reset
        # pair costs about as much as the rest of this method.
        token = _OWNER.set(self) if rt.in_loop else None
        self._state = RUNNING
        start = self._ran_at = rt.epoch
        error: Exception | None = None
        try:
            self._fn()  # type: ignore[misc]
        except Exception as exc:
            error = exc
        finally:
            rt.observer = prev_observer
            rt.reads = prev_reads
            rt.owner = prev_owner
            rt.effect = prev_effect
            if token is not None:
                _OWNER.reset(token)
            if self._state is RUNNING:
                self._state = None  # clean, also when an interrupt (BaseException) escapes
                if reads != self._sources and (reads or self._sources):  # ([] vs ())
                    relink(self, reads)
            else:  # disposed by its own run (or by code it called): subscribe to nothing
                unlink_sources(self)
        if rt.epoch != start and self._state is None:  # (None: clean, not disposed)
            self._requeue_if_written_by_others(start)
        if error is not None:
            handle_error(self, error)

    def _requeue_if_written_by_others(self, start: int) -> None:
        """Queue a re-run if a source moved during the run, unless the write was ours.

        The push skipped us (we were RUNNING). A signal we wrote ourselves does
        not re-run us: the run already saw its write. A computed source that
        went stale is re-checked (the re-run happens only if its value changed).
        """
        rt = RT
        for src in self._sources:
            if src._state is not None or (src._version > start and src._writer is not self):
                self._state = CHECK
                rt.queue.append(self)
                return
            if rt.debug and src._version > start:
                from ._debug import warn
                from ._graph import describe

                warn(
                    f"{describe(self)} wrote a signal it reads; its own writes do not re-run "
                    "it, so what it read before the write is stale"
                )

    def __repr__(self) -> str:
        name = getattr(self._fn, "__qualname__", "disposed")
        return f"Effect({name}, {state_name(self._state)})"


effect = Effect
"""Create a ``Effect`` (an alias of the class: the factory costs no extra call)."""
