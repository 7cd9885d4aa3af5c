"""Frame boundaries: task writes wait for the next one and land in one batch.

The algorithm. A `FrameHook` is installed by the runtime (`install_frame_hook`,
like `install_clock`). Every step of a spawned task (the code between two
`await`s) runs through `FrameHook.hold()`: the first step after a boundary
opens one signals `batch()` and leaves it open. Until the runtime calls
`run_frame_boundary()`, every later step (of any task) writes into that same
batch. `run_frame_boundary()` closes it, so the effects and component
reactions that depend on what the tasks wrote run once, together, at the
boundary, and the renders that follow see all of those writes or none.

What "applied" means: inside a batch a write is visible at once to reads
(computeds refresh on demand), but nobody is notified; observers run when
the batch ends. While the frame batch is open, writes made by other code on
the app thread (an event handler) join it too, so they are also applied at the
boundary, which is when they would have been rendered anyway.

Errors: effect errors raised when the batch ends, and task errors that no
`catch_error` handler took (see `_task.py`), are raised from
`run_frame_boundary()`, so the runtime fails the app the way it does for an
unhandled handler exception. With no hook installed (scripts, unit tests),
each task step is its own batch and unhandled task errors go to the event
loop's exception handler.
"""

from __future__ import annotations

import asyncio

from signals import batch

from ._waits import woken

__all__ = ["FrameHook", "current_frame_hook", "install_frame_hook", "let_tasks_run"]


class FrameHook:
    """The runtime's frame boundary as seen by tasks: holds their writes until it."""

    def __init__(self) -> None:
        self._held = False
        self._errors: list[Exception] = []
        self.boundaries = 0
        """How many times `run_frame_boundary()` ran."""

    @property
    def held(self) -> bool:
        """Whether task writes are waiting for the next boundary."""
        return self._held

    def hold(self) -> None:
        """Opens the frame batch if it is not open yet (called before each task step)."""
        if not self._held:
            batch().__enter__()
            self._held = True

    def report(self, exc: Exception) -> None:
        """Keeps a task error nobody handled, to be raised by the next boundary."""
        self._errors.append(exc)

    def run_frame_boundary(self) -> None:
        """Applies the held writes in one batch (effects run now), then raises kept errors.

        The runtime calls it at every frame boundary, after due timers ran and
        woken tasks stepped, before it renders (`root.flush()`).

        Raises:
            Exception: an effect or task error nobody handled (several: an
                `ExceptionGroup`).
        """
        self.boundaries += 1
        errors: list[Exception] = []
        try:
            self.release()
        except Exception as exc:  # an effect failed: raise it with the task errors
            errors.append(exc)
        errors += self._errors
        self._errors = []
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ExceptionGroup("tasks failed and no catch_error handled them", errors)

    def release(self) -> None:
        """Closes the frame batch if it is open (effects run); idempotent."""
        if self._held:
            self._held = False
            batch().__exit__(None, None, None)


_HOOK: list[FrameHook] = []


def install_frame_hook(hook: FrameHook | None) -> None:
    """Makes `hook` the frame boundary tasks wait for (None uninstalls it).

    Called by the runtime at start (and with None at close). Uninstalling
    releases writes still held by the previous hook.
    """
    for old in _HOOK:
        old.release()
    _HOOK.clear()
    if hook is not None:
        _HOOK.append(hook)


def current_frame_hook() -> FrameHook | None:
    """The installed frame hook, or None outside a runtime."""
    return _HOOK[0] if _HOOK else None


async def let_tasks_run(min_turns: int = 2, max_turns: int = 50) -> None:
    """Yields to the loop until the spawned tasks that can run have run.

    The runtime awaits it between running due timers and the frame boundary,
    so what a task does after `await sleep(ms)` (or after its socket read
    completed) lands in this frame, not the next. A sleep's wake takes two
    loop turns (the timer resolves the future, then the task steps); this
    yields at least `min_turns` times, then as long as a spawned task is
    runnable (the future it is suspended on is done, or it only yielded), up
    to `max_turns` (a task that spins on `asyncio.sleep(0)` cannot hold the
    frame).
    """
    for turn in range(max_turns):
        if turn >= min_turns and not woken():
            return
        await asyncio.sleep(0)
