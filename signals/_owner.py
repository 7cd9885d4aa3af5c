"""Owners: the disposal tree, cleanups and error handlers.

Every computed and effect is an owner, and so are roots. Whatever is created
while an owner runs (computeds, effects, cleanups, catch_error scopes) is
registered in its ``_owned`` list and torn down, newest first, when the owner
re-runs or is disposed. Cleanups and children share one list so that "reverse
registration order" holds across both.

The current owner is ``RT.owner`` during synchronous runs and, outside them,
the ``_OWNER`` ContextVar: effects, roots and ``run_with_owner`` set both, so an
asyncio task created inside them copies the owner with its context and keeps
it across ``await``. (Effects skip the ContextVar when no event loop is
running in the thread: then no task can be created during their run.)
Computeds set only ``RT.owner`` (they should be pure and are re-evaluated far
more often), so a task started inside a computed belongs to the computed's
enclosing effect or root.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable
from typing import Any, TypeVar

from ._errors import SignalError
from ._flush import raise_errors
from ._graph import DISPOSED, RT, RUNNING, State, check_thread, unlink_sources

__all__ = [
    "Owner",
    "catch_error",
    "create_root",
    "current_owner",
    "get_owner",
    "handle_error",
    "on_cleanup",
    "route_error",
    "run_with_owner",
]

T = TypeVar("T")

_OWNER: contextvars.ContextVar[Owner | None] = contextvars.ContextVar(
    "marquee_signals_owner", default=None
)
_ERROR_HANDLER = object()
"""Key of a catch_error handler in an owner's context dict."""


class Owner:
    """A node of the disposal tree: owns computeds, effects and cleanups.

    Roots are plain owners; ``Computed`` and ``Effect`` are owners too.
    """

    __slots__ = ("__weakref__", "_context", "_owned", "_parent", "_state")

    def __init__(self, parent: Owner | None = None, *, attach: bool = True) -> None:
        """Create an owner below ``parent`` (registered for disposal if ``attach``)."""
        self._state: State | None = None  # clean
        self._owned: list[Any] | None = None
        self._context: dict[object, Any] | None = None
        self._parent = parent
        if attach and parent is not None:
            _register(parent, self)

    @property
    def disposed(self) -> bool:
        """Whether ``dispose`` ran."""
        return self._state is DISPOSED

    @property
    def parent(self) -> Owner | None:
        """The owner this one was created in (None for a top-level root)."""
        return self._parent

    def dispose(self) -> None:
        """Dispose everything this owner owns, newest first, then the owner itself.

        Idempotent. A disposed computed keeps its last value; a disposed effect
        never runs again.
        """
        state = self._state
        if state is DISPOSED:
            return
        self._state = DISPOSED
        if self._owned is not None:
            dispose_owned(self)
        if hasattr(self, "_sources"):
            node: Any = self
            if state is RUNNING:
                # Disposed by its own run (or by code it called): the run is still
                # reading. Its reads from now on are untracked, and the run's end
                # unlinks every source.
                if RT.observer is self:
                    RT.observer = RT.reads = None
            else:
                unlink_sources(node)
            node._fn = None  # release the closure and what it captured
        parent = self._parent
        if parent is not None:
            owned = parent._owned
            if owned is not None:
                with contextlib.suppress(ValueError):
                    owned.remove(self)
            self._parent = None
        self._context = None
        if RT.errors and not RT.batch_depth:
            raise_errors()  # a cleanup raised and no catch_error took it


def _register(owner: Owner, item: Any) -> None:
    owned = owner._owned
    if owned is None:
        owner._owned = [item]
    else:
        owned.append(item)


def dispose_owned(owner: Owner) -> None:
    """Tear down what ``owner`` owns, newest first (children and cleanups)."""
    owned = owner._owned
    owner._owned = None
    if not owned:
        return
    rt = RT
    prev_observer, prev_reads = rt.observer, rt.reads
    rt.observer = rt.reads = None  # cleanups must not subscribe whoever is running
    try:
        for item in reversed(owned):
            if isinstance(item, Owner):
                item._parent = None  # already detached: skip the list removal
                item.dispose()
            else:
                try:
                    item()
                except Exception as exc:
                    handle_error(owner, exc)
    finally:
        rt.observer = prev_observer
        rt.reads = prev_reads


def current_owner() -> Owner | None:
    """The owner new nodes are registered in (sync run first, then the context)."""
    owner = RT.owner
    if owner is None:
        owner = _OWNER.get()
    return owner  # type: ignore[no-any-return]


def get_owner() -> Owner | None:
    """Return the current owner, or None outside any root, effect or computed."""
    return current_owner()


def handle_error(owner: Owner | None, exc: BaseException) -> None:
    """Send ``exc`` to the nearest catch_error handler above ``owner``.

    With no handler it is kept in ``RT.errors`` and re-raised when the current
    flush ends (after every other scheduled effect ran).
    """
    node = owner
    while node is not None:
        ctx = node._context
        if ctx is not None and _ERROR_HANDLER in ctx:
            try:
                ctx[_ERROR_HANDLER](exc)
            except Exception as again:
                exc = again
            else:
                return
        node = node._parent
    RT.errors.append(exc)


def route_error(owner: Owner | None, exc: Exception) -> Exception | None:
    """Send ``exc`` to the nearest ``catch_error`` handler above ``owner``, now.

    For errors raised outside any effect run (an asyncio task's, a callback's):
    unlike an effect's error, nothing is kept to be re-raised by a later flush.
    A handler that raises passes its exception to the next handler up.

    Returns:
        None when a handler took it; otherwise the exception nobody handled
        (``exc``, or what the last handler raised), for the caller to report.
    """
    node = owner
    while node is not None:
        ctx = node._context
        if ctx is not None and _ERROR_HANDLER in ctx:
            try:
                ctx[_ERROR_HANDLER](exc)
            except Exception as again:
                exc = again
            else:
                return None
        node = node._parent
    return exc


def on_cleanup(fn: Callable[[], object]) -> Callable[[], object]:
    """Run ``fn`` before the current owner re-runs or is disposed.

    Cleanups run in reverse registration order. Returns ``fn``.

    Raises:
        SignalError: there is no current owner, so ``fn`` would never run.
    """
    owner = current_owner()
    if owner is None:
        raise SignalError(
            "on_cleanup() was called outside any owner, so the cleanup would never run; "
            "call it inside create_root(), an effect, a computed or a component"
        )
    _register(owner, fn)
    return fn


def create_root(fn: Callable[[Callable[[], None]], T]) -> T:
    """Run ``fn(dispose)`` in a new detached owner and return its result.

    The root is not disposed with the current owner (it still sees its context
    and error handlers); call ``dispose`` to tear it down. ``fn`` runs untracked.
    """
    check_thread()
    root = Owner(current_owner(), attach=False)
    return _run_in(root, lambda: fn(root.dispose))


def run_with_owner(owner: Owner, fn: Callable[[], T]) -> T:
    """Run ``fn`` untracked with ``owner`` as the current owner.

    Use it to create nodes or read context from a callback (an event handler, an
    asyncio callback) that runs outside the owner's own run.

    Raises:
        SignalError: ``owner`` is already disposed.
    """
    if owner._state is DISPOSED:
        raise SignalError(
            "run_with_owner() got a disposed owner: nothing created now would ever be "
            "cleaned up; check owner.disposed before running"
        )
    return _run_in(owner, fn)


def _run_in(owner: Owner, fn: Callable[[], T]) -> T:
    rt = RT
    prev_owner, prev_observer, prev_reads = rt.owner, rt.observer, rt.reads
    rt.owner = owner
    rt.observer = rt.reads = None
    token = _OWNER.set(owner)
    try:
        return fn()
    finally:
        _OWNER.reset(token)
        rt.owner = prev_owner
        rt.observer = prev_observer
        rt.reads = prev_reads


def catch_error(fn: Callable[[], T], handler: Callable[[Exception], object]) -> T | None:
    """Run ``fn`` in an owner whose effects send their exceptions to ``handler``.

    Exceptions raised by effects created (directly or deeper) inside ``fn`` go to
    the nearest ``catch_error`` handler above them. An exception raised by
    ``fn`` itself also goes to ``handler`` and ``None`` is returned. If the
    handler raises, that exception goes to the next handler up.
    """
    scope = Owner(current_owner())
    scope._context = {_ERROR_HANDLER: handler}
    rt = RT
    prev_owner = rt.owner
    rt.owner = scope
    token = _OWNER.set(scope)
    try:
        return fn()
    except Exception as exc:
        handle_error(scope, exc)
        return None
    finally:
        _OWNER.reset(token)
        rt.owner = prev_owner


def set_owner_var(owner: Owner | None) -> contextvars.Token[Owner | None]:
    """Mirror ``owner`` into the ContextVar (used by effects)."""
    return _OWNER.set(owner)


def reset_owner_var(token: contextvars.Token[Owner | None]) -> None:
    """Undo ``set_owner_var``."""
    _OWNER.reset(token)
