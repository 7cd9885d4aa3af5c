"""Reactions: track what a function reads, and be told (not re-run) when it changes.

An ``Effect`` re-runs its function as soon as the batch that changed one of
its sources ends. A scheduler wants less: it wants to know that a change
happened and decide itself when to run the work again (the component renderer
re-renders at the next frame, parents before children, each component once).
A ``Reaction`` is that building block (SolidJS calls it ``createReaction``):

* ``track(fn)`` runs ``fn`` now with the reaction as the tracking observer and
  returns its result; what ``fn`` read replaces the reaction's sources. The
  current owner is left alone, so what ``fn`` creates belongs to the caller's
  owner, not to the reaction, and is not disposed by the next ``track``.
* When a source changes, the end of the batch calls ``on_change()`` once (a
  computed source that recomputes an equal value does not count). Further
  changes are not reported until the next ``track``.
* ``forbid_writes`` names the work being tracked: writing a signal inside
  ``track`` then raises ``SignalError`` with that name (a component must not
  write signals while it renders).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ._effect import Effect
from ._graph import (
    DIRTY,
    DISPOSED,
    RT,
    RUNNING,
    State,
    check_thread,
    relink,
    unlink_sources,
)
from ._graph import _get_ident as get_ident
from ._native import speedups
from ._owner import Owner, _register, current_owner, handle_error

__all__ = ["Reaction"]

T = TypeVar("T")


class Reaction(Effect):
    """Tracks the reads of ``track(fn)``; calls ``on_change()`` when one of them changes.

    Example:
        ```python
        r = Reaction(lambda: print("stale"))
        r.track(lambda: count())   # reads count
        count.set(1)               # prints "stale"; nothing re-runs
        ```
    """

    __slots__ = ("_on_change", "_write_guard")

    def __init__(
        self, on_change: Callable[[], object], *, forbid_writes: str | None = None
    ) -> None:
        """Create a reaction owned by the current owner; nothing runs yet.

        Raises:
            SignalError: called from a thread that does not own the graph.
        """
        if RT.thread != get_ident():
            check_thread()
        self._state: State | None = None  # clean
        self._owned: list[Any] | None = None
        self._context: dict[object, Any] | None = None
        self._fn = on_change
        self._on_change = on_change
        self._write_guard = forbid_writes
        self._observers = None  # a leaf, as every effect
        self._sources: Any = ()
        self._ran_at = -1
        owner: Owner | None = RT.owner
        if owner is None:
            owner = current_owner()
        self._parent = owner
        if owner is not None:
            _register(owner, self)

    def sources(self) -> list[Any]:
        """What the last `track` read (signals and computeds), for developer tools."""
        return list(self._sources)

    def track(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` now, tracking what it reads, and return its result.

        Exceptions from ``fn`` propagate to the caller; the reads made before
        the exception are still tracked.
        """
        rt = RT
        prev, prev_reads = rt.observer, rt.reads
        rt.observer = self
        reads: list[Any] = []
        rt.reads = reads
        self._state = RUNNING
        self._ran_at = rt.epoch
        try:
            return fn(*args)
        finally:
            rt.observer = prev
            rt.reads = prev_reads
            if reads != self._sources and (reads or self._sources):  # ([] vs (): same)
                relink(self, reads)
            if self._state is RUNNING:
                self._state = None  # clean
            elif self._state is DISPOSED:
                unlink_sources(self)  # disposed by its own run: stay subscribed to nothing

    @property
    def has_sources(self) -> bool:
        """Whether the last ``track`` read anything (if not, nothing can report a change)."""
        return bool(self._sources)

    @property
    def stale(self) -> bool:
        """Whether a source changed since the last ``track`` (``on_change`` was called)."""
        return self._state is DIRTY

    def _update(self) -> None:
        # Called by the flush (or a refresh) because a source changed: report it
        # and stay DIRTY, so later writes do not queue us again before ``track``.
        if self._state is DISPOSED:
            return
        self._state = DIRTY
        try:
            self._on_change()
        except Exception as exc:
            handle_error(self._parent, exc)

    def __repr__(self) -> str:
        return f"Reaction({self._write_guard or getattr(self._fn, '__qualname__', '?')})"


if speedups is not None:  # the compiled build: ``track`` in C (``reaction_track``)
    speedups.install_reaction(RT, Reaction, Reaction.track, RUNNING, DISPOSED, relink,
                              unlink_sources)
    Reaction.track = speedups.reaction_track  # type: ignore[method-assign]
