"""Control flow: fragments, `Show`, `For` and `ErrorBoundary`.

`Show` and `For` are small components, so a change of their condition or
list re-renders only them, never the component that contains them (the
fine-grained path). `For` rows are keyed components whose only prop is their
item: a row re-renders when its item changes (by identity or equality) or
when a signal its render read changes; reordering the list moves rows, with
the minimum number of moves.

`ErrorBoundary` catches exceptions raised while rendering below it, in
effects below it (through the signals `catch_error` chain) and in event
handlers below it; it then shows `fallback(error, reset)`. `reset()` drops the
fallback and mounts the children again, fresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, TypeVar, cast

from signals import Owner, Reactive, catch_error, get_owner, run_with_owner

from ._component import component
from ._element import Child, Element, ErrorView, Special, is_reactive, normalize_children
from ._instance import Instance, next_host_after, normalize_output, reconcile_children

if TYPE_CHECKING:
    from ._scene import Scene

__all__ = ["BoundaryInstance", "ErrorBoundary", "For", "Fragment", "FragmentInstance", "Show"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def Fragment(*children: Child, key: Hashable | None = None) -> Element:
    """Group children without a node of their own: `Fragment(Text("a"), Text("b"))`."""
    return Element(Special.FRAGMENT, {}, normalize_children(children, "Fragment()"), key)


@component
def Show(*children: Element, when: object, fallback: Element | None = None) -> Element | None:
    """Show `children` while `when` is truthy, else `fallback`.

    `when` may be a value, a signal, a computed or a zero-argument callable; a
    change re-renders only the `Show`.

    Example:
        ```python
        Show(Text("Signed in"), when=user, fallback=Button("Sign in"))
        ```
    """
    value = when() if is_reactive(when) else when
    if value:
        return Element(Special.FRAGMENT, {}, children, "then")
    return fallback


def For(each: Iterable[T] | Reactive[Iterable[T]], render: Callable[[T], object],
        key: Callable[[T], Hashable] | None = None) -> Element:
    """Render one keyed row per item of `each` (a list, or a signal/callable of one).

    Rows are reused by key (`key(item)`, default: the item itself): reordering
    moves them, an unchanged item is not re-rendered, and only added or
    removed items create or remove nodes. `key` must be pure: an item that is
    the same object as before may keep its row's key without a call (the
    compiled build calls `key` for new objects only).
    `render` is the row function of the latest render; a row re-renders when
    its item changes.

    Example:
        ```python
        For(each=movies, key=lambda m: m.id, render=lambda m: Poster(movie=m))
        ```
    """
    if not callable(render):
        raise TypeError(f"For(render=...) must be a function item -> element, got {render!r}")
    if key is not None and not callable(key):
        raise TypeError(f"For(key=...) must be a function item -> key, got {key!r}")
    return Element(Special.FOR, {"each": each, "render": render, "key_of": key}, ())


def ErrorBoundary(*children: Child,
                  fallback: ErrorView,
                  key: Hashable | None = None) -> Element:
    """Catch errors below: show `fallback(error, reset)` instead of the children.

    Catches exceptions raised while rendering, in effects and in event handlers
    of the subtree; the rest of the app keeps running. `reset()` mounts the
    children again.

    Example:
        ```python
        ErrorBoundary(Feed(), fallback=lambda e, reset: Button(f"Retry: {e}", on_press=reset))
        ```
    """
    if not callable(fallback):
        raise TypeError("ErrorBoundary(fallback=...) must be a function (error, reset) -> element")
    kids = normalize_children(children, "ErrorBoundary()")
    return Element(Special.ERROR_BOUNDARY, {"fallback": fallback}, kids, key)


class FragmentInstance(Instance):
    """Children without a node of their own."""

    __slots__ = ("children",)

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        super().__init__(scene, element, parent, host_parent, owner)
        self.children: list[Instance] = []

    def child_instances(self) -> list[Instance]:
        return list(self.children)

    def list_children(self, children: list[Instance]) -> None:
        self.children = children

    def mount(self, before: int | None) -> None:
        self.children = reconcile_children(self, [], self.element.children, before)

    def update(self, element: Element) -> None:
        self.element = element
        end = next_host_after(self) if self.children else _end_for_empty(self)
        self.children = reconcile_children(self, self.children, element.children, end)

    def unmount(self, detach: bool) -> None:
        children = self.children
        self.children = []
        for child in children:
            child.unmount(detach)

    def host_nodes(self, out: list[int]) -> None:
        for child in self.children:
            child.host_nodes(out)

    def first_host(self) -> int | None:
        for child in self.children:
            first = child.first_host()
            if first is not None:
                return first
        return None


def _end_for_empty(instance: Instance) -> int | None:
    return next_host_after(instance)


class BoundaryInstance(Instance):
    """An error boundary: its children, or its fallback after an error."""

    __slots__ = ("_attempt", "_scope", "child", "error")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        super().__init__(scene, element, parent, host_parent, owner)
        self.error: BaseException | None = None
        self.child: Instance | None = None
        parent_owner = owner if owner is not None else get_owner()
        scope = (run_with_owner(parent_owner, lambda: catch_error(get_owner, self._effect_error))
                 if parent_owner is not None else catch_error(get_owner, self._effect_error))
        assert scope is not None
        self._scope: Owner = scope
        self._attempt = Owner(scope)
        self.owner = self._attempt

    # what to show -------------------------------------------------------------

    def _content(self) -> Element:
        if self.error is None:
            return Element(Special.FRAGMENT, {}, self.element.children, "children")
        fallback = cast(ErrorView, self.element.props["fallback"])  # checked by ErrorBoundary()
        output = fallback(self.error, self.reset)
        return Element(Special.FRAGMENT, {}, (normalize_output(output, "ErrorBoundary fallback"),),
                       "fallback")

    def mount(self, before: int | None) -> None:
        self._show(before)

    def _show(self, before: int | None) -> None:
        content = self._content()
        child = self.scene.create(content, self, self.host_parent, self._attempt)
        self.child = child
        try:
            child.mount(before)
        except Exception as exc:
            if self.error is not None:
                raise  # the fallback itself failed: the next boundary up handles it
            self._clear()
            self.error = exc
            log.debug("ErrorBoundary caught %r while mounting", exc)
            self._show(before)

    def _clear(self) -> None:
        if self.child is not None:
            self.child.unmount(True)
            self.child = None
        self._attempt.dispose()
        self._attempt = Owner(self._scope)
        self.owner = self._attempt

    def update(self, element: Element) -> None:
        self.element = element
        if self.error is not None:
            self.rerender()
            return
        try:
            child = self.child
            if child is None:
                self._show(next_host_after(self))
            else:
                child.update(self._content())
        except Exception as exc:
            if not self.capture(exc):
                raise

    def _effect_error(self, error: BaseException) -> None:
        if not self.capture(error):
            raise error  # already showing the fallback: the next boundary up handles it

    def capture(self, error: BaseException) -> bool:
        """Show the fallback for `error` at the next flush (False: showing one already)."""
        if self.error is not None:
            return False  # already showing the fallback: the next boundary handles it
        self.error = error
        self.scene.schedule(self)
        return True

    def child_instances(self) -> list[Instance]:
        return [] if self.child is None else [self.child]

    def reset(self) -> None:
        """Drop the fallback and mount the children again, fresh (at the next flush)."""
        if self.error is None:
            return
        self.error = None
        self.scene.schedule(self)

    def rerender(self) -> None:
        """Swap between children and fallback."""
        # The old nodes are about to go: the new content goes before whatever follows them.
        before = next_host_after(self)
        self._clear()
        self._show(before)

    def unmount(self, detach: bool) -> None:
        self.scene.unschedule(self)
        if self.child is not None:
            self.child.unmount(detach)
            self.child = None
        self._scope.dispose()

    def host_nodes(self, out: list[int]) -> None:
        if self.child is not None:
            self.child.host_nodes(out)

    def first_host(self) -> int | None:
        return None if self.child is None else self.child.first_host()
