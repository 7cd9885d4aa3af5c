"""The bridge to reactivex: signals as observables and observables as signals.

* ``to_observable(sig)`` emits the current value on subscribe and then every
  distinct change (as decided by the signal's ``equals``). If reading raises
  (a failing computed), the observer gets ``on_error``.
* ``from_observable(obs, initial)`` returns an ``ObservableSignal``, a
  ``ReadSignal`` that follows ``obs``. It unsubscribes when the owner it was
  created in is disposed (or on ``dispose()``). Nothing is swallowed:

  - ``on_error(exc)``: ``.error`` is set, readers are notified and every read
    from then on raises ``exc``; ``exc`` is also sent to the nearest
    ``catch_error`` handler of the creating owner, if there is one.
  - ``on_completed``: the last value stays readable and ``.completed`` (itself
    reactive through ``completed_signal``) becomes True.

Observables must emit on the thread that owns the graph (use ``observe_on``
with the app's scheduler); an emission from another thread raises
``SignalError`` in that thread.
"""

from __future__ import annotations

from typing import Any, TypeVar

import reactivex
from reactivex import Observable
from reactivex.abc import DisposableBase, ObserverBase, SchedulerBase
from reactivex.disposable import Disposable

from ._effect import Effect
from ._owner import _ERROR_HANDLER, Owner, _register, current_owner, run_with_owner
from ._signal import ReadSignal, Signal

__all__ = ["ObservableSignal", "from_observable", "to_observable"]

T = TypeVar("T")


def to_observable(source: ReadSignal[T]) -> Observable[T]:
    """An observable of ``source``: its current value, then each distinct change."""

    def subscribe(
        observer: ObserverBase[T], scheduler: SchedulerBase | None = None
    ) -> DisposableBase:
        scope = Owner(None)

        def push() -> None:
            try:
                value = source()
            except Exception as exc:
                observer.on_error(exc)
                return
            observer.on_next(value)

        run_with_owner(scope, lambda: Effect(push))
        return Disposable(scope.dispose)

    return reactivex.create(subscribe)


class ObservableSignal(ReadSignal[T]):
    """A read-only signal following an observable (see ``from_observable``)."""

    __slots__ = ("_completed", "_owner", "_subscription", "_value", "error")

    def __init__(self, initial: T) -> None:
        self._value: Signal[T] = Signal(initial, equals=False)
        self._completed = Signal(False)
        self.error: Exception | None = None
        """The error the observable ended with, if any."""
        self._subscription: DisposableBase | None = None
        self._owner: Owner | None = None

    def __call__(self) -> T:
        value = self._value()
        if self.error is not None:
            raise self.error
        return value

    def peek(self) -> T:
        if self.error is not None:
            raise self.error
        return self._value.peek()

    @property
    def completed(self) -> bool:
        """True once the observable completed (or failed); reactive."""
        return self._completed()

    def dispose(self) -> None:
        """Unsubscribe from the observable (idempotent)."""
        sub, self._subscription = self._subscription, None
        if sub is not None:
            sub.dispose()

    def _on_error(self, exc: Exception) -> None:
        self.error = exc
        owner = self._owner
        self._value.set(self._value.peek())  # equals=False: readers re-run and raise
        self._completed.set(True)
        node: Any = owner
        while node is not None:
            ctx = node._context
            if ctx is not None and _ERROR_HANDLER in ctx:
                ctx[_ERROR_HANDLER](exc)
                return
            node = node._parent

    def __repr__(self) -> str:
        return f"ObservableSignal({self._value.peek()!r}, completed={self._completed.peek()})"


def from_observable(source: Observable[T], initial: T) -> ObservableSignal[T]:
    """A ``ReadSignal`` holding ``initial``, then each value ``source`` emits.

    The subscription ends when the current owner is disposed.
    """
    result: ObservableSignal[T] = ObservableSignal(initial)
    owner = current_owner()
    result._owner = owner

    def on_next(value: T) -> None:
        current = result._value.peek()
        if current is not value and current != value:  # _value notifies on every set
            result._value.set(value)

    def on_completed() -> None:
        result._completed.set(True)

    result._subscription = source.subscribe(on_next, result._on_error, on_completed)
    if owner is not None:
        _register(owner, result.dispose)
    return result
