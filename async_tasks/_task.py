"""`spawn`: asyncio tasks that live and die with a signals owner.

The algorithm. `spawn(coro)` wraps the coroutine in a small driver (the same
send/throw protocol an `asyncio.Task` uses) and runs that driver as an
`asyncio.Task`, created with the current owner in the owner `ContextVar`:

* Each step of the coroutine (from one `await` to the next) runs untracked
  (a read after an `await` never subscribes whoever happens to be running) and
  through the frame hook: its writes wait for the next frame boundary in one
  batch (see `_frame.py`; with no hook installed a step is its own batch).
* The owner gets a cleanup that cancels the task; when the task ends the
  cleanup is detached again (a child `Owner` holds it), so a long-lived
  component that spawns many short tasks does not accumulate cleanups.
* When the task fails and nobody is awaiting it, the exception goes to the
  nearest `catch_error` handler of the owner (`signals.route_error`); nobody
  handling it is an app failure raised at the next frame boundary (or, with
  no runtime, reported to the event loop's exception handler).

The driver is what `asyncio.current_task()` returns inside the coroutine, so
`asyncio.timeout`, cancellation and `uncancel` behave as in a plain task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine, Generator
from typing import Any, Generic, TypeVar

from signals import Owner, batch, get_owner, on_cleanup, route_error, run_with_owner, untrack

from ._frame import current_frame_hook
from ._waits import PARKED, READY, waiting

__all__ = ["Task", "live_tasks", "spawn"]

T = TypeVar("T")

_LIVE: set[Task[Any]] = set()
"""Spawned tasks not finished yet (strong references: asyncio keeps only weak ones)."""


class Task(Generic[T]):
    """A spawned task: awaitable, cancellable, owned by a signals owner."""

    __slots__ = ("_awaiters", "_task", "_token", "name", "owner")

    def __init__(self, coro: Coroutine[Any, Any, T], owner: Owner | None, name: str) -> None:
        self.owner = owner
        """The owner whose disposal cancels the task (None: nobody does)."""
        self.name = name
        """The task's name (the coroutine's qualified name unless given)."""
        self._awaiters = 0
        self._token: Owner | None = None
        if owner is not None:
            token = self._token = Owner(owner)
            run_with_owner(token, lambda: on_cleanup(self.cancel))

        def create() -> asyncio.Task[T]:
            return asyncio.get_running_loop().create_task(_drive(coro), name=name)

        self._task = run_with_owner(owner, create) if owner is not None else create()
        _LIVE.add(self)
        self._task.add_done_callback(self._finished)

    @property
    def asyncio_task(self) -> asyncio.Task[T]:
        """The underlying `asyncio.Task`."""
        return self._task

    def done(self) -> bool:
        """Whether the task finished (returned, raised or was cancelled)."""
        return self._task.done()

    def cancelled(self) -> bool:
        """Whether the task ended cancelled."""
        return self._task.cancelled()

    def cancel(self) -> bool:
        """Asks the task to stop; it ends at its next `await`. False if it already ended."""
        return self._task.cancel()

    def result(self) -> T:
        """The task's return value (raises what it raised; `InvalidStateError` if running)."""
        return self._task.result()

    def __await__(self) -> Generator[Any, None, T]:
        # An awaiter takes over the exception: it is not also sent to catch_error.
        self._awaiters += 1
        try:
            with waiting(self._task, self._task):
                return (yield from self._task.__await__())
        finally:
            self._awaiters -= 1

    def _finished(self, task: asyncio.Task[T]) -> None:
        _LIVE.discard(self)
        if self._token is not None:
            self._token.dispose()  # detaches the cancel cleanup from the owner
            self._token = None
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None or self._awaiters:
            return
        if not isinstance(exc, Exception):
            _report(task, exc)
            return
        exc.add_note(f"raised by the task {self.name!r} (async_tasks.spawn)")
        leftover = route_error(self.owner, exc)
        if leftover is not None:
            _report(task, leftover)

    def __repr__(self) -> str:
        state = "cancelled" if self.cancelled() else "done" if self.done() else "running"
        return f"<Task {self.name!r} {state}>"


def spawn(aw: Awaitable[T], *, name: str | None = None) -> Task[T]:
    """Runs `aw` as an asyncio task owned by the current owner.

    Disposing the owner (unmounting the component) cancels the task. An
    exception goes to the owner's nearest `catch_error` handler unless someone
    awaits the task. Writes the task makes reach the scene at the next frame
    boundary, in one batch.

    Example:
        ```python
        def Clock():
            now = signal("")
            async def tick():
                while True:
                    now.set(time.strftime("%H:%M"))
                    await sleep(1000)
            spawn(tick())
            return Text(now)
        ```

    Raises:
        RuntimeError: no asyncio loop is running in this thread, or the
            current owner is already disposed.
    """
    coro = aw if isinstance(aw, Coroutine) else _await(aw)
    label = name or getattr(coro, "__qualname__", None) or repr(aw)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        coro.close()
        raise RuntimeError(
            f"spawn({label}) needs a running asyncio loop: call it inside an App "
            "(components, handlers, effects) or under asyncio.run()"
        ) from None
    owner = get_owner()
    if owner is not None and owner.disposed:
        coro.close()
        raise RuntimeError(
            f"spawn({label}) in a disposed owner: the task would never be cancelled; "
            "check owner.disposed first"
        )
    return Task(coro, owner, label)


def live_tasks() -> list[Task[Any]]:
    """Spawned tasks that have not finished yet (for leak checks in tests)."""
    return [task for task in _LIVE if not task.done()]


async def _await(aw: Awaitable[T]) -> T:
    return await aw


def _report(task: asyncio.Task[Any], exc: BaseException) -> None:
    hook = current_frame_hook()
    if hook is not None and isinstance(exc, Exception):
        hook.report(exc)
        return
    task.get_loop().call_exception_handler(
        {"message": f"task {task.get_name()!r} failed and no catch_error handled it",
         "exception": exc, "task": task}
    )


async def _drive(coro: Coroutine[Any, Any, T]) -> T:
    send: Any = None
    error: BaseException | None = None
    finished = False
    me = asyncio.current_task()
    assert me is not None  # the driver always runs as a task
    try:
        while True:
            try:
                yielded = _step(coro, send, error)
            except StopIteration as stop:
                finished = True
                return stop.value  # type: ignore[no-any-return]
            except BaseException:
                finished = True
                raise
            send, error = None, None
            if yielded is None:  # a bare `yield` (asyncio.sleep(0)): let others run
                PARKED[me] = READY
                try:
                    await asyncio.sleep(0)
                except BaseException as exc:
                    error = exc
                finally:
                    del PARKED[me]
                continue
            if getattr(yielded, "_asyncio_future_blocking", None) is None:
                error = RuntimeError(f"a spawned task yielded a non-future: {yielded!r}")
                continue
            yielded._asyncio_future_blocking = False
            PARKED[me] = yielded
            try:
                await yielded
            except BaseException as exc:
                # The future's own outcome reaches the coroutine through
                # future.result(); anything else (our task was cancelled while
                # the future was already done) is thrown into it.
                if not _outcome_of(yielded, exc):
                    error = exc
            finally:
                del PARKED[me]
    finally:
        if not finished:
            coro.close()


def _outcome_of(future: Any, exc: BaseException) -> bool:
    if not future.done():
        return False
    if future.cancelled():
        return isinstance(exc, asyncio.CancelledError)
    return future.exception() is exc


def _step(coro: Coroutine[Any, Any, T], send: Any, error: BaseException | None) -> Any:
    hook = current_frame_hook()
    if hook is not None:
        hook.hold()
        return untrack(lambda: coro.send(send) if error is None else coro.throw(error))
    with batch():
        return untrack(lambda: coro.send(send) if error is None else coro.throw(error))
