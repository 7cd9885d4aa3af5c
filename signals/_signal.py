"""Signals: writable values that notify their readers when they change.

A signal is a source node of the graph (see ``_graph.py``). Reading it inside a
computed or effect subscribes that node; writing a different value bumps the
signal's version, paints its readers CHECK and, outside a batch, flushes the
effects.

Equality: by default a write is ignored when the new value ``is`` the old one
or ``==`` to it. Pass ``equals=`` to change that (``equals=False`` notifies on
every write).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ._errors import SignalError
from ._flush import flush
from ._graph import RT, State, check_thread, propagate
from ._graph import _get_ident as get_ident
from ._native import SignalCall

__all__ = ["ReadSignal", "Signal", "signal"]

T = TypeVar("T")
Equals = Callable[[Any, Any], bool]


def _never_equal(old: object, new: object) -> bool:
    return False


def equals_option(equals: Callable[[T, T], bool] | bool | None) -> Callable[[T, T], bool] | None:
    """Normalise an ``equals=`` option: None means the identity-or-== default."""
    if equals is None or equals is True:
        return None
    if equals is False:
        return _never_equal
    return equals


class ReadSignal(Generic[T]):
    """Something you can read reactively: a signal's read-only view or a computed.

    ``Signal``, ``Computed`` and the view returned by ``Signal.read_only()`` are
    all ``ReadSignal``s, so APIs that only read should accept this type.
    """

    __slots__ = ()

    def __call__(self) -> T:
        """Read the value and, inside a computed or effect, subscribe to it."""
        raise NotImplementedError

    def peek(self) -> T:
        """Read the value without subscribing."""
        raise NotImplementedError


class _ReadOnlyView(ReadSignal[T]):
    __slots__ = ("_source",)

    def __init__(self, source: ReadSignal[T]) -> None:
        self._source = source

    def __call__(self) -> T:
        return self._source()

    def peek(self) -> T:
        return self._source.peek()

    def __repr__(self) -> str:
        return f"ReadSignal({self._source.peek()!r})"


class Signal(SignalCall, ReadSignal[T]):
    """A writable reactive value.

    Example:
        ```python
        count = Signal(0)
        count.set(count.peek() + 1)
        ```
    """

    __slots__ = (
        "__weakref__",
        "_equals",
        "_observers",
        "_state",
        "_value",
        "_version",
        "_writer",
    )

    def __init__(self, value: T, *, equals: Callable[[T, T], bool] | bool | None = None) -> None:
        """Create a signal holding ``value``.

        Args:
            value: the initial value.
            equals: ``(old, new) -> bool``; an equal write notifies nobody. The
                default is ``old is new or old == new``; ``False`` notifies always.
        """
        self._value = value
        self._observers: Any = ()
        self._version = 0
        self._writer: Any = None
        """The effect whose run made the last write (None: no effect was running)."""
        self._state: State | None = None  # always clean: lets refresh treat all sources alike
        self._equals = None if equals is None else equals_option(equals)
        if RT.debug:
            from ._debug import record_creation

            record_creation(self)

    def __call__(self) -> T:
        # Hot path: tracking is one append to the running observer's reads.
        # (The compiled build serves this read in C: see ``_native.py``.)
        reads = RT.reads
        if reads is not None:
            reads.append(self)
        return self._value

    def peek(self) -> T:
        """Read the value without subscribing."""
        return self._value

    def _is_equal(self, old: Any, new: Any) -> bool:
        equals = self._equals
        if equals is None:
            return old is new or bool(old == new)
        return equals(old, new)

    def set(self, value: T) -> None:
        """Write ``value``; readers re-run unless it equals the current value.

        Outside a batch, the effects that depend on this signal run before
        ``set`` returns.

        Raises:
            SignalError: called while a computed is being evaluated, or from a
                thread that does not own the graph.
        """
        rt = RT
        obs = rt.observer
        if obs is not None:
            if obs._observers is not None:  # only computeds have observers
                raise SignalError(
                    f"a signal was written while {obs!r} was being evaluated; computeds must "
                    "be pure: derive the value instead, or write from an effect"
                )
            if obs._write_guard is not None:
                raise SignalError(
                    f"a signal was written while {obs._write_guard}; writes are not allowed "
                    "there: write from an event handler or a use_effect instead"
                )
        old = self._value
        equals = self._equals
        if equals is None:
            if old is value or old == value:
                return
        elif equals(old, value):
            return
        if rt.thread != get_ident():
            check_thread()
        if rt.batch_depth:
            pending = rt.pending
            if self not in pending:
                pending[self] = (old, self._version, rt.epoch + 1)
            elif self._is_equal(pending[self][0], value):
                rt.reverted.append(self)  # back to its start value: settle may undo the bump
            self._value = value
            rt.epoch = epoch = rt.epoch + 1
            self._version = epoch
            self._writer = rt.effect
            observers = self._observers
            if observers:
                propagate(observers)
            return
        self._value = value
        rt.epoch = epoch = rt.epoch + 1
        self._version = epoch
        self._writer = rt.effect
        observers = self._observers
        if observers:
            # A write outside any batch is its own batch (``end_batch`` inlined:
            # nothing else can be pending or reverted here).
            rt.batch_depth = 1
            try:
                propagate(observers)
                if rt.queue or rt.errors:
                    flush()
            finally:
                rt.batch_depth = 0

    def update(self, fn: Callable[[T], T]) -> None:
        """Write ``fn(current value)`` (the current value is read untracked)."""
        self.set(fn(self._value))

    def read_only(self) -> ReadSignal[T]:
        """A view that can read this signal but not write it."""
        return _ReadOnlyView(self)

    def __repr__(self) -> str:
        return f"Signal({self._value!r})"


signal = Signal
"""Create a ``Signal`` (an alias of the class: the factory costs no extra call)."""
