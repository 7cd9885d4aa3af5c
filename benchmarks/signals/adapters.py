"""Adapters from each library's API to :class:`~benchmarks.signals.framework.ReactiveFramework`.

One class per library; each imports its library only when instantiated, so a
missing library fails only the runs that ask for it.

Equality: JavaScript frameworks compare numbers by value (``===``). reaktiv
compares by identity (``is``) unless told otherwise, which in CPython treats
two equal ints above 256 as different and defeats the cut-off the benchmark
exercises, so its adapter passes ``equal=operator.eq``. Marquee and observ
compare by value already.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any, TypeVar

from .framework import Computed, ReactiveFramework, Signal

T = TypeVar("T")


class MarqueeFramework:
    """Marquee's own ``signals`` package (``create_root`` is the build scope)."""

    name = "marquee"
    test_pull_counts = True

    def __init__(self) -> None:
        import signals

        self._lib = signals
        self._dispose: Callable[[], None] | None = None

    def signal(self, value: T) -> Signal[T]:
        s = self._lib.signal(value)
        return Signal(s, s.set)

    def computed(self, fn: Callable[[], T]) -> Computed[T]:
        return Computed(self._lib.computed(fn))

    def effect(self, fn: Callable[[], object]) -> None:
        self._lib.effect(fn)

    def with_batch(self, fn: Callable[[], object]) -> None:
        self._lib.batch(fn)

    def with_build(self, fn: Callable[[], T]) -> T:
        def body(dispose: Callable[[], None]) -> T:
            self._dispose = dispose
            return fn()

        result: T = self._lib.create_root(body)
        return result

    def cleanup(self) -> None:
        if self._dispose is not None:
            self._dispose()
            self._dispose = None

    def native_signal(self, value: Any) -> Any:
        return self._lib.signal(value)

    def native_computed(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        c: Callable[[], Any] = self._lib.computed(fn)
        return c

    def native_effect(self, fn: Callable[[], object]) -> Any:
        return self._lib.effect(fn)


class ReaktivFramework:
    """reaktiv 0.24: effects are weakly held, so the build scope keeps them alive."""

    name = "reaktiv"
    test_pull_counts = True

    def __init__(self) -> None:
        import reaktiv

        self._lib = reaktiv
        self._effects: list[Any] = []

    def signal(self, value: T) -> Signal[T]:
        s = self._lib.Signal(value, equal=operator.eq)
        return Signal(s.get, s.set)

    def computed(self, fn: Callable[[], T]) -> Computed[T]:
        return Computed(self._lib.ComputeSignal(fn, equal=operator.eq).get)

    def effect(self, fn: Callable[[], object]) -> None:
        self._effects.append(self._lib.Effect(fn))

    def with_batch(self, fn: Callable[[], object]) -> None:
        with self._lib.batch():
            fn()

    def with_build(self, fn: Callable[[], T]) -> T:
        self._effects = []
        return fn()

    def cleanup(self) -> None:
        effects, self._effects = self._effects, []
        for e in effects:
            e.dispose()

    def native_signal(self, value: Any) -> Any:
        return self._lib.Signal(value, equal=operator.eq)

    def native_computed(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        c: Callable[[], Any] = self._lib.ComputeSignal(fn, equal=operator.eq)
        return c

    def native_effect(self, fn: Callable[[], object]) -> Any:
        return self._lib.Effect(fn)


class ObservFramework:
    """observ 1.0 (Vue 2 style): ``ref`` dicts, lazy ``computed``, queued watchers.

    observ has no batch primitive; its scheduler queues watchers until
    someone flushes. The adapter flushes at the end of the outermost batch and
    after a write made outside any batch, which gives upstream's semantics.
    """

    name = "observ"
    test_pull_counts = True

    def __init__(self) -> None:
        import observ

        self._lib = observ
        self._scheduler = observ.scheduler
        self._scheduler.register_request_flush(_do_nothing)
        self._depth = 0
        self._watchers: list[Any] = []

    def signal(self, value: T) -> Signal[T]:
        ref = self._lib.ref(value)
        setitem = ref.__setitem__
        scheduler = self._scheduler

        def write(v: T) -> None:
            setitem("value", v)
            if not self._depth:
                scheduler.flush()

        return Signal(functools.partial(ref.__getitem__, "value"), write)

    def computed(self, fn: Callable[[], T]) -> Computed[T]:
        return Computed(self._lib.computed(deep=False)(fn))

    def effect(self, fn: Callable[[], object]) -> None:
        self._watchers.append(self._lib.watch_effect(fn, deep=False))

    def with_batch(self, fn: Callable[[], object]) -> None:
        self._depth += 1
        try:
            fn()
        finally:
            self._depth -= 1
        if not self._depth:
            self._scheduler.flush()

    def with_build(self, fn: Callable[[], T]) -> T:
        self._watchers = []
        return fn()

    def cleanup(self) -> None:
        watchers, self._watchers = self._watchers, []
        for w in watchers:
            w.stop()

    def native_signal(self, value: Any) -> Any:
        return self._lib.ref(value)

    def native_computed(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        c: Callable[[], Any] = self._lib.computed(deep=False)(fn)
        return c

    def native_effect(self, fn: Callable[[], object]) -> Any:
        return self._lib.watch_effect(fn, deep=False)


class MinimalFramework:
    """The minimal push-pull core in ``minimal.py``: the lower bound for Marquee.

    Reads call the bound ``get`` method, the core's own read. (Calling the node,
    ``__call__``, as Marquee's API does, costs more per read in CPython: the
    call cannot be inlined into the caller's frame.)
    """

    name = "minimal"
    test_pull_counts = True

    def __init__(self) -> None:
        from . import minimal

        self._lib = minimal
        self._effects: list[Any] = []

    def signal(self, value: T) -> Signal[T]:
        s = self._lib.Signal(value)
        return Signal(s.get, s.set)

    def computed(self, fn: Callable[[], T]) -> Computed[T]:
        return Computed(self._lib.Computed(fn).get)

    def effect(self, fn: Callable[[], object]) -> None:
        self._effects.append(self._lib.Effect(fn))

    def with_batch(self, fn: Callable[[], object]) -> None:
        self._lib.batch(fn)

    def with_build(self, fn: Callable[[], T]) -> T:
        self._effects = []
        return fn()

    def cleanup(self) -> None:
        effects, self._effects = self._effects, []
        for e in effects:
            e.dispose()

    def native_signal(self, value: Any) -> Any:
        return self._lib.Signal(value)

    def native_computed(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        c: Callable[[], Any] = self._lib.Computed(fn)
        return c

    def native_effect(self, fn: Callable[[], object]) -> Any:
        return self._lib.Effect(fn)


def _do_nothing() -> None:
    """observ's flush request: the adapter flushes itself, at the end of a batch."""


FRAMEWORKS: dict[str, Callable[[], ReactiveFramework]] = {
    "marquee": MarqueeFramework,
    "reaktiv": ReaktivFramework,
    "observ": ObservFramework,
    "minimal": MinimalFramework,
}
"""Python libraries by name, Marquee first (the reference for ratios)."""


def load(name: str) -> ReactiveFramework:
    """Instantiate the adapter called ``name`` (a key of :data:`FRAMEWORKS`)."""
    try:
        factory = FRAMEWORKS[name]
    except KeyError:
        raise ValueError(f"unknown library {name!r}; choose from {', '.join(FRAMEWORKS)}") from None
    return factory()
