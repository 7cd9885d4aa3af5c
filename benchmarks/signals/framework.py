"""The adapter interface every library implements, after upstream's ``ReactiveFramework``.

Benchmark code sees a library only through this interface, so every library
runs the very same graphs. Handles carry the library's own callables
(``read`` and ``write``): hot loops may bind them to locals, as upstream's
S-bench does with ``const { read: get } = sources[i]``, and the indirection
costs the same for every library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Signal(Generic[T]):
    """A writable source: ``read()`` tracks it, ``write(v)`` sets it."""

    read: Callable[[], T]
    write: Callable[[T], None]


@dataclass(frozen=True, slots=True)
class Computed(Generic[T]):
    """A derived value: ``read()`` tracks it and returns its current value."""

    read: Callable[[], T]


class ReactiveFramework(Protocol):
    """What a benchmark needs from a signals library (upstream ``reactiveFramework.ts``)."""

    name: str
    """Short name used on the command line and in the table."""
    test_pull_counts: bool
    """Whether computeds are lazy, so unread leaves never run (upstream ``testPullCounts``)."""

    def signal(self, value: T) -> Signal[T]: ...

    def computed(self, fn: Callable[[], T]) -> Computed[T]: ...

    def effect(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` now and again whenever what it read changes."""

    def with_batch(self, fn: Callable[[], object]) -> None:
        """Run ``fn``; effects run once, after it returns."""

    def with_build(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` inside a fresh scope that :meth:`cleanup` disposes of."""

    def cleanup(self) -> None:
        """Dispose of everything created in the last :meth:`with_build`."""

    # Native constructors, for measuring memory per node without our handles.
    def native_signal(self, value: Any) -> Any: ...

    def native_computed(self, fn: Callable[[], Any]) -> Callable[[], Any]: ...

    def native_effect(self, fn: Callable[[], object]) -> Any: ...


class CaseFailed(AssertionError):
    """A case produced a wrong value: its time must not be reported as a result."""


def check(condition: bool, message: str) -> None:
    """Raise :class:`CaseFailed` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CaseFailed(message)


class Counter:
    """A mutable count shared by closures (upstream ``util/counter.ts``)."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0
