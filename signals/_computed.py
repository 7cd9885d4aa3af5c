"""Computeds: lazy, cached values derived from other signals and computeds.

A computed is both a source and an observer in the graph (see ``_graph.py``).
It runs only when read (or when an effect that depends on it is refreshed) and
only if a source actually changed; otherwise the cached value is returned. An
exception raised by its function is cached like a value and re-raised to every
reader until a source changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ._graph import (
    ABORTED,
    CHECK,
    DIRTY,
    MAX_NESTED_RUNS,
    RECURSIVE_DEPTH,
    RT,
    RUNNING,
    State,
    TooDeep,
    check_node,
    refresh,
    refresh_deep,
    relink,
    state_name,
    unlink_sources,
)
from ._native import ComputedCall, install
from ._owner import Owner, _register, current_owner, dispose_owned
from ._signal import ReadSignal, Signal, equals_option

__all__ = ["Computed", "computed"]

T = TypeVar("T")
_UNSET: Any = object()


class Computed(ComputedCall, ReadSignal[T], Owner):
    """A lazily evaluated, cached value derived from other reactive values.

    Example:
        ```python
        double = Computed(lambda: count() * 2)
        ```
    """

    __slots__ = (
        "_equals",
        "_error",
        "_fn",
        "_observers",
        "_ran_at",
        "_sources",
        "_value",
        "_version",
    )

    _writer = None
    """Computeds are never written: an effect re-checks them (see ``Effect._update``)."""

    def __init__(
        self, fn: Callable[[], T], *, equals: Callable[[T, T], bool] | bool | None = None
    ) -> None:
        """Create a computed that evaluates ``fn`` when read.

        Args:
            fn: reads signals/computeds and returns the value. Must not write signals.
            equals: ``(old, new) -> bool``; when the new value is equal to the old
                one, dependents do not re-run. Default: ``is`` or ``==``.
        """
        # Owner fields are set inline: creation speed matters for big graphs.
        self._state: State | None = DIRTY
        self._owned: list[Any] | None = None
        self._context: dict[object, Any] | None = None
        self._fn: Callable[[], T] | None = fn
        self._value: T = _UNSET
        self._error: Exception | None = None
        self._observers: Any = ()
        self._sources: Any = ()
        self._ran_at = -1
        self._version = 0
        self._equals = None if equals is None else equals_option(equals)
        owner = RT.owner
        if owner is None:
            owner = current_owner()
        self._parent = owner
        if owner is not None:
            _register(owner, self)
        if RT.debug:
            from ._debug import record_creation

            record_creation(self)

    def __call__(self) -> T:
        # Hot path: the tracking code is inlined (same as Signal.__call__). It
        # runs before the refresh so that a run cut short by TooDeep still
        # knows this source (see ``refresh``). The compiled build serves a
        # clean read in C and calls this for the rest (see ``_native.py``).
        reads = RT.reads
        if reads is not None:
            reads.append(self)
        if self._state is not None:  # not clean
            # ``_bring_up_to_date`` inlined: a DIRTY read re-runs one call sooner.
            rt = RT
            depth = rt.depth
            if self._state is DIRTY and self._ran_at != ABORTED:
                if depth >= MAX_NESTED_RUNS:
                    raise TooDeep  # before touching anything: this node simply stays DIRTY
                rt.depth = depth + 1
                try:
                    self._update()
                except TooDeep:
                    rt.depth = depth
                    if depth > MAX_NESTED_RUNS // 2:
                        raise
                    refresh(self)  # room here: finish the cut-short runs iteratively
                finally:
                    rt.depth = depth
            elif self._state is CHECK and depth < RECURSIVE_DEPTH:
                try:  # ``refresh`` inlined: a CHECK read walks one call sooner
                    check_node(self, depth + 1)
                except TooDeep:
                    rt.depth = depth
                    refresh_deep(self)  # (room here: depth is below RECURSIVE_DEPTH)
                finally:
                    rt.depth = depth
            else:
                refresh(self)
        if self._error is not None:
            raise self._error
        return self._value

    def peek(self) -> T:
        """Read the (refreshed) value without subscribing."""
        if self._state is not None:  # not clean
            self._bring_up_to_date()
        if self._error is not None:
            raise self._error
        return self._value

    def _bring_up_to_date(self) -> None:
        """``refresh(self)``, with a shortcut for a node that must simply re-run.

        A ``DIRTY`` node (a direct reader of a changed source) needs no walk:
        run it here, one nesting level deeper (see ``MAX_NESTED_RUNS``).
        ``TooDeep`` is handled the way ``refresh`` handles it (the cut-short
        runs are finished iteratively).
        """
        rt = RT
        depth = rt.depth
        if self._state is DIRTY and self._ran_at != ABORTED:
            if depth >= MAX_NESTED_RUNS:
                raise TooDeep
            rt.depth = depth + 1
            try:
                self._update()
            except TooDeep:
                rt.depth = depth
                if depth > MAX_NESTED_RUNS // 2:
                    raise
                refresh(self)
            finally:
                rt.depth = depth
        else:
            refresh(self)

    def _update(self) -> None:
        """Re-run ``fn``, re-collect sources, bump the version if the value changed.

        The caller accounts for the nesting (``RT.depth``): a read that runs a
        node counts one level, a walk one per level (see ``MAX_NESTED_RUNS``).
        """
        rt = RT
        if self._owned is not None:
            dispose_owned(self)
        prev_observer, prev_reads, prev_owner = rt.observer, rt.reads, rt.owner
        rt.observer = rt.owner = self
        reads: list[Any] = []
        rt.reads = reads
        self._state = RUNNING
        self._ran_at = rt.epoch
        try:
            value = self._fn()  # type: ignore[misc]
        except TooDeep:
            # A long never-evaluated chain below us: keep the sources read so far
            # (see MAX_NESTED_RUNS); refresh evaluates them bottom-up and re-runs us.
            if self._link(reads):
                self._ran_at = ABORTED
                self._state = DIRTY
            raise
        except Exception as exc:
            if self._link(reads):
                self._state = None  # clean
                self._error = exc  # cached like a value: re-raised to every reader
                self._version = rt.epoch
            return
        except BaseException:
            if self._link(reads):
                self._state = DIRTY  # an interrupt: retry on the next read
            raise
        finally:
            rt.observer = prev_observer
            rt.reads = prev_reads
            rt.owner = prev_owner
        if self._state is not RUNNING:  # disposed by its own run: subscribe to nothing
            unlink_sources(self)
            return
        if reads != self._sources:  # one C-level compare when nothing changed
            relink(self, reads)
        self._state = None  # clean
        if self._error is not None:
            self._error = None
        else:
            old = self._value
            equals = self._equals
            if equals is None:
                if old is value or old == value:
                    return
            elif old is not _UNSET and equals(old, value):
                return
        self._value = value
        self._version = rt.epoch

    def _link(self, reads: list[Any]) -> bool:
        """After a run that raised: keep what it read; False if the run disposed us."""
        if self._state is not RUNNING:
            unlink_sources(self)
            return False
        if reads != self._sources:
            relink(self, reads)
        return True

    def _is_equal(self, old: Any, new: Any) -> bool:
        equals = self._equals
        if equals is None:
            return old is new or bool(old == new)
        return equals(old, new)

    def __repr__(self) -> str:
        value = "<unset>" if self._value is _UNSET else repr(self._value)
        return f"Computed({value}, {state_name(self._state)})"


install(RT, Signal, Computed)

computed = Computed
"""Create a ``Computed`` (an alias of the class: the factory costs no extra call)."""
