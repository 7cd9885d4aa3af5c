"""`resource(source, fetcher)`: async data as signals, where the latest request wins.

The algorithm. An effect reads `source()` (tracked); each new source value
cancels the request in flight and spawns `fetcher(value)` as a task owned by
the resource's owner. Every request gets a number and only the newest one may
write: a stale request is cancelled, and even one that cannot be cancelled in
time (its fetcher ignored the cancellation) never lands. A `None` source
means "nothing to load": the request in flight is cancelled and `loading`
turns False.

State lives in three signals, so reading `loading`, `error` and `value` in a
component or effect subscribes it: `loading` is True while a request is in
flight; `value` keeps the last successful result while a refetch is pending
(no flash back to empty); `error` is the last request's exception (cleared
when a new request starts, kept until then).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from signals import Effect, Owner, ReadSignal, batch, effect, get_owner, run_with_owner, signal

from ._task import Task, spawn

__all__ = ["Resource", "resource"]

S = TypeVar("S")
T = TypeVar("T")


class Resource(ReadSignal[T | None], Generic[S, T]):
    """Async data with `loading`, `error` and `value`; calling it reads `value` (tracked)."""

    __slots__ = (
        "_effect", "_error", "_fetcher", "_key", "_loading", "_owner", "_request", "_source",
        "_task", "_value",
    )

    def __init__(
        self,
        source: Callable[[], S | None],
        fetcher: Callable[[S], Awaitable[T]],
        initial: T | None = None,
    ) -> None:
        if not callable(source) or not callable(fetcher):
            raise TypeError(f"resource needs a source and a fetcher callable, got {source!r}, "
                            f"{fetcher!r}")
        self._source = source
        self._fetcher = fetcher
        self._value = signal(initial)
        self._loading = signal(False)
        self._error: Any = signal(None)
        self._task: Task[None] | None = None
        self._request = 0
        self._key: S | None = None
        self._owner: Owner | None = get_owner()
        self._effect: Effect = effect(self._track)

    def __call__(self) -> T | None:
        """The last successful value (tracked read)."""
        return self._value()

    def peek(self) -> T | None:
        """The last successful value, without subscribing."""
        return self._value.peek()

    @property
    def value(self) -> T | None:
        """The last successful value (tracked; kept while a refetch is pending)."""
        return self._value()

    @property
    def loading(self) -> bool:
        """Whether a request is in flight (tracked)."""
        return self._loading()

    @property
    def error(self) -> Exception | None:
        """The last request's exception, or None (tracked)."""
        error: Exception | None = self._error()
        return error

    def refetch(self) -> None:
        """Requests the current source value again (the request in flight is dropped)."""
        if not self._effect.disposed:
            self._start(self._key)

    def dispose(self) -> None:
        """Stops following the source and cancels the request in flight; idempotent."""
        self._effect.dispose()
        self._cancel()

    def _track(self) -> None:
        try:
            key = self._source()
        except Exception as exc:
            self._cancel()
            with batch():
                self._error.set(exc)
                self._loading.set(False)
            return
        self._start(key)

    def _start(self, key: S | None) -> None:
        self._cancel()
        self._key = key
        if key is None:
            self._loading.set(False)
            return
        self._request += 1
        request = self._request
        with batch():
            self._error.set(None)
            self._loading.set(True)
        coro = self._load(key, request)
        owner = self._owner
        if owner is not None and not owner.disposed:
            self._task = run_with_owner(owner, lambda: spawn(coro, name=f"resource({key!r})"))
        else:
            self._task = spawn(coro, name=f"resource({key!r})")

    def _cancel(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    async def _load(self, key: S, request: int) -> None:
        try:
            result = await self._fetcher(key)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if request == self._request:
                with batch():
                    self._error.set(exc)
                    self._loading.set(False)
            return
        if request == self._request:  # a newer request started: this one never lands
            with batch():
                self._value.set(result)
                self._loading.set(False)

    def __repr__(self) -> str:
        state = "loading" if self._loading.peek() else "error" if self._error.peek() else "ready"
        return f"<Resource {self._key!r} {state}>"


def resource(
    source: Callable[[], S | None],
    fetcher: Callable[[S], Awaitable[T]],
    *,
    initial: T | None = None,
) -> Resource[S, T]:
    """Loads `fetcher(source())` and again whenever `source()` changes; the latest wins.

    Call it inside an owner (a component, an effect, a root) with an asyncio
    loop running; disposing the owner cancels the request in flight.

    Example:
        ```python
        details = resource(selected_id, api.title)   # selected_id: Signal[str | None]
        Text(lambda: "..." if details.loading else details.value.name)
        ```
    """
    return Resource(source, fetcher, initial)
