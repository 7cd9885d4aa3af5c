"""Bindings: one reactive value kept in step with something outside the graph.

A UI binds thousands of props to signals ("this row's background follows the
selection"). An ``Effect`` per prop works, but each costs an owner link, a
closure or bound method, a first-run batch and a helper object to remember the
last value sent. A ``Binding`` is all of that in one object: it runs
``source()`` tracked, as an effect does, and hands the *value* to
``changed(value, previous)``, which a subclass overrides; a value equal to the
last one (same type, ``==``) is not handed over again.

Differences from an effect, all deliberate:

* no owner: nobody disposes a binding but its holder (``dispose()``);
* ``changed`` runs after the tracked read, untracked: what it reads is not a
  dependency, and what it writes is a plain write;
* the first run joins the batch it is created in (an effect's first run is a
  batch of its own), so a binding made while a batch is open costs no flush.
  Made outside any batch, its first run is its own batch, as an effect's is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ._effect import Effect
from ._flush import end_batch
from ._graph import (
    DIRTY,
    DISPOSED,
    RT,
    RUNNING,
    State,
    check_thread,
    relink,
    subscribe,
    unlink_sources,
    unsubscribe,
)
from ._graph import _get_ident as get_ident
from ._native import speedups
from ._owner import _OWNER, Owner, dispose_owned, handle_error

__all__ = ["Binding"]

T = TypeVar("T")

_NOTHING: Any = object()
"""``Binding.value`` before the first value was handed over."""


class Binding(Effect, Generic[T]):
    """Calls ``self.changed(value, previous)`` with ``source()`` now and whenever it changes.

    Example:
        ```python
        class Title(Binding[str]):
            def changed(self, value, previous):
                window.set_title(value)

        title = Title(lambda: f"{count()} items")
        title.dispose()
        ```
    """

    __slots__ = ("_value",)

    def __init__(self, source: Callable[[], T]) -> None:
        """Read ``source()`` now, tracked, and hand the value to ``changed``.

        Raises:
            SignalError: called from a thread that does not own the graph.
        """
        rt = RT
        if rt.thread != get_ident():
            check_thread()
        self._state: State | None = DIRTY
        self._owned: list[Any] | None = None
        self._context: dict[object, Any] | None = None
        self._parent = None
        self._fn: Callable[[], object] | None = source
        self._observers = None
        self._sources: Any = ()
        self._ran_at = -1
        self._value: T = _NOTHING
        if rt.debug:
            from ._debug import record_creation

            record_creation(self, free=True)
        if rt.batch_depth:
            self._update()
            return
        rt.batch_depth = 1
        try:
            self._update()
        finally:
            if rt.queue or rt.reverted or rt.errors:
                end_batch()
            else:
                rt.batch_depth = 0
                if rt.pending:
                    rt.pending = {}

    @property
    def value(self) -> T | None:
        """The value last handed to ``changed`` (None before the first)."""
        return None if self._value is _NOTHING else self._value

    def changed(self, value: T, previous: T | None) -> None:
        """Called with each new value (``previous`` is None the first time). Override it."""

    def failed(self, error: Exception) -> None:
        """Called when ``source`` or ``changed`` raises; by default the error is raised
        from the ``set()`` or batch that ran the binding (override to route it)."""
        handle_error(self, error)

    def _update(self) -> None:
        """Read ``source()`` as the tracking observer, then hand over a changed value."""
        rt = RT
        if self._owned is not None:
            dispose_owned(self)
            if self._state is DISPOSED:
                return
        prev_observer, prev_reads = rt.observer, rt.reads
        prev_owner, prev_effect = rt.owner, rt.effect
        rt.observer = rt.owner = rt.effect = self
        reads: list[Any] = []
        rt.reads = reads
        token = _OWNER.set(self) if rt.in_loop else None
        self._state = RUNNING
        start = self._ran_at = rt.epoch
        value: Any = None
        error: Exception | None = None
        try:
            value = self._fn()  # type: ignore[misc]
        except Exception as exc:
            error = exc
        finally:
            rt.observer, rt.reads = prev_observer, prev_reads
            rt.owner, rt.effect = prev_owner, prev_effect
            if token is not None:
                _OWNER.reset(token)
            if self._state is RUNNING:
                self._state = None
                if not self._sources and len(reads) == 1:
                    # The usual first run (one source): ``relink``'s work, inlined.
                    self._sources = reads
                    observers = reads[0]._observers
                    if type(observers) is list:
                        observers.append(self)
                    else:
                        subscribe(reads[0], self)
                elif reads != self._sources and (reads or self._sources):  # ([] vs ())
                    relink(self, reads)
            else:  # disposed by its own run: subscribe to nothing
                unlink_sources(self)
        if rt.epoch != start and self._state is None:
            self._requeue_if_written_by_others(start)
        if self._state is DISPOSED:
            return  # disposed by its own run: nothing to hand over
        if error is not None:
            self.failed(error)
            return
        previous: Any = self._value
        if previous is _NOTHING:
            previous = None
        elif value is previous or _same_value(value, previous):
            return
        try:
            self.changed(value, previous)
        except Exception as exc:
            self.failed(exc)
            return
        self._value = value

    def dispose(self) -> None:
        """Stop: the binding never runs again and reads nothing any more. Idempotent."""
        if self._owned is not None or self._state is RUNNING or self._state is DISPOSED:
            Owner.dispose(self)  # cleanups to run, or disposed by its own run
            return
        self._state = DISPOSED
        unlink_sources(self)
        self._fn = None  # release the closure and what it captured

    def __repr__(self) -> str:
        name = getattr(self._fn, "__qualname__", "disposed")
        return f"{type(self).__name__}({name})"


def _same_value(a: object, b: object) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


if speedups is not None:  # the compiled build: the first run in C (``binding_init``)
    speedups.install_binding(RT, Binding, Binding.__init__, Binding._update, Binding.dispose,
                             RUNNING, DISPOSED, _NOTHING, subscribe, unsubscribe, relink,
                             unlink_sources)
    Binding.__init__ = speedups.binding_init  # type: ignore[method-assign]
    Binding.dispose = speedups.binding_dispose  # type: ignore[method-assign]
    Binding._update = speedups.binding_update  # type: ignore[method-assign]
