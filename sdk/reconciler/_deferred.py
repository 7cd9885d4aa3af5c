"""Deferred components: async components and the `Deferred` boundary that waits for them.

An `async def` component, or any component given an awaitable prop, is
*suspended* until its data arrives. Its render runs as a task owned by the
component (`async_tasks.spawn`): unmounting it cancels the task, and nothing
it returns afterwards reaches the scene. A render that finishes without
waiting (cached data) shows at once, in the same flush.

`Deferred(*children, fallback=..., error=..., timeout_ms=...)` is the
boundary. It mounts its children into a detached node, never laid out or
painted, and shows `fallback` meanwhile. When every suspended component below
it (not below a nested `Deferred`) has resolved, the next flush moves the
children's nodes into place and removes the fallback: one frame, one batch.
If nothing suspended, the children are in place at once and the fallback is
never created. An error (or a timeout, which names the component and the
time) shows `error(exception, retry)`; `retry()` mounts the children again.
After the first reveal, a component that suspends later (new props, a newly
mounted child) shows its previous output, or nothing, until it resolves; if
it fails then (or a render or handler below raises), the error view replaces
the content, as before the reveal. Without `error=` the error goes to the
boundary above.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Coroutine, Generator, Hashable
from typing import TYPE_CHECKING, TypeAlias, cast

from async_tasks import Task, spawn, timeout
from signals import Owner, run_with_owner, untrack

from ._composite import ComponentInstance, reconcile_one
from ._element import Child, Element, ErrorView, Special, component_type, normalize_children
from ._host import top_hosts
from ._instance import Instance, next_host_after, normalize_output, route_error

if TYPE_CHECKING:
    from ._scene import Scene

__all__ = ["AsyncComponentInstance", "Deferred", "DeferredInstance", "is_suspending"]

_Render: TypeAlias = Coroutine[object, object, object]
"""An async render in flight: it awaits anything and returns the component's output."""


def Deferred(*children: Child, fallback: Element | None = None,
             error: ErrorView | None = None,
             timeout_ms: float | None = None, key: Hashable | None = None) -> Element:
    """Show `fallback` until the async components below have their data.

    Example:
        ```python
        Deferred(Collections(page="home"), fallback=Spinner(),
                 error=lambda e, retry: ErrorCard(e, on_retry=retry), timeout_ms=8000)
        ```
    """
    if error is not None and not callable(error):
        raise TypeError("Deferred(error=...) must be a function (error, retry) -> element")
    if timeout_ms is not None and not timeout_ms > 0:
        raise ValueError(f"Deferred(timeout_ms=...) must be positive, got {timeout_ms!r}")
    kids = normalize_children(children, "Deferred()")
    return Element(Special.DEFERRED, {"fallback": fallback, "error": error,
                                      "timeout_ms": timeout_ms}, kids, key)


def is_suspending(element: Element) -> bool:
    """Whether mounting `element` (a component element) may suspend."""
    kind = element.type
    if getattr(kind, "is_async", False):
        return True
    return any(inspect.isawaitable(value) for value in element.props.values())


def nearest_boundary(instance: Instance) -> DeferredInstance | None:
    """The `Deferred` above `instance`, or None."""
    node = instance.parent
    while node is not None:
        if isinstance(node, DeferredInstance):
            return node
        node = node.parent
    return None


class _Resume:
    """Awaits the rest of a coroutine whose first step already ran (it yielded `first`)."""

    __slots__ = ("coro", "first")

    def __init__(self, coro: _Render, first: object) -> None:
        self.coro = coro
        self.first = first

    def __await__(self) -> Generator[object, object, object]:
        coro, yielded = self.coro, self.first
        while True:
            try:
                sent = yield yielded
            except BaseException as exc:  # cancellation and errors thrown into the task
                try:
                    yielded = coro.throw(exc)
                except StopIteration as stop:
                    return stop.value
            else:
                try:
                    yielded = coro.send(sent)
                except StopIteration as stop:
                    return stop.value


class AsyncComponentInstance(ComponentInstance):
    """A component whose render awaits: shows its last output until the new one arrives."""

    __slots__ = ("_generation", "_ready", "_task", "boundary")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        super().__init__(scene, element, parent, host_parent, owner)
        self._ready: Element | None = None
        self._task: Task[None] | None = None
        self._generation = 0
        self.boundary: DeferredInstance | None = None

    def render_output(self) -> object:
        ready = self._ready
        if ready is not None:
            self._ready = None
            return ready
        return self._start()

    def _start(self) -> object:
        """Run the render's first step now; suspend if it waits."""
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()
            self._task = None
        element = self.element
        awaitables = {name: value for name, value in element.props.items()
                      if inspect.isawaitable(value)}
        if awaitables:
            coro: _Render = _resolve_props(element, awaitables)
        else:
            result = component_type(element).render(element)
            if not inspect.iscoroutine(result):
                return result
            coro = result
        try:
            first = coro.send(None)
        except StopIteration as stop:  # finished without waiting: no suspension
            return stop.value
        self._suspend(_Resume(coro, first), generation)
        return None  # nothing (or the boundary's fallback) until it resolves

    def _suspend(self, rest: _Resume, generation: int) -> None:
        boundary = nearest_boundary(self)
        if boundary is not None and not boundary.revealed:
            self.boundary = boundary
            boundary.suspend(self)
        limit = boundary.timeout_ms if boundary is not None else None
        name = f"component {self.name}"

        async def finish() -> None:
            try:
                if limit is not None:
                    output = await timeout(limit, rest, what=name)
                else:
                    output = await rest
            except Exception as exc:
                if generation == self._generation and self.mounted:
                    self._failed(exc)
                return
            if generation == self._generation and self.mounted:
                self._resolved(output)

        owner = self.owner
        assert owner is not None
        self._task = run_with_owner(owner, lambda: spawn(finish(), name=name))

    def _resolved(self, output: object) -> None:
        self._ready = normalize_output(output, f"component {self.name}")
        self._task = None
        self.scene.schedule(self)
        boundary, self.boundary = self.boundary, None
        if boundary is not None:
            boundary.resume(self)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        boundary, self.boundary = self.boundary, None
        if boundary is not None:
            boundary.fail(exc)
        else:
            route_error(self, exc)

    def rerender(self) -> None:
        """Render again: the resolved output, or a new suspension when props changed."""
        if not self.mounted:
            return
        output = self._render()
        if self._ready is None and output.type is Special.FRAGMENT and not output.children \
                and self._task is not None and self.child is not None:
            return  # suspended again: keep showing the previous output until it resolves
        self.child = reconcile_one(self, self.child, output)

    def unmount(self, detach: bool) -> None:
        boundary, self.boundary = self.boundary, None
        if boundary is not None:
            boundary.resume(self, unmounted=True)
        super().unmount(detach)  # disposing the owner cancels the task


async def _resolve_props(element: Element, awaitables: dict[str, Awaitable[object]]) -> object:
    props = dict(element.props)
    for name, value in awaitables.items():
        props[name] = await value
    resolved = Element(element.type, props, element.children, element.key)
    result = component_type(element).render(resolved)
    if inspect.iscoroutine(result):
        result = await result
    return result


class DeferredInstance(Instance):
    """The `Deferred` boundary (see the module docstring)."""

    __slots__ = ("_container", "_pending", "content", "error", "revealed", "shown")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        super().__init__(scene, element, parent, host_parent, owner)
        self.content: Instance | None = None
        self.shown: Instance | None = None
        """The fallback or error view while the content is not revealed."""
        self.revealed = False
        self.error: BaseException | None = None
        self._pending: set[Instance] = set()
        self._container = 0

    @property
    def timeout_ms(self) -> float | None:
        """The boundary's time limit for each suspended component."""
        return cast("float | None", self.element.props["timeout_ms"])  # checked by Deferred()

    @property
    def detached_content(self) -> Instance | None:
        """The content while it lives in the detached container (for sibling walks)."""
        return None if self.revealed else self.content

    # mounting -------------------------------------------------------------------

    def mount(self, before: int | None) -> None:
        self._mount_content()
        if not self._pending and self.error is None:
            self._reveal(before)
        else:
            self._show_side(before)

    def _mount_content(self) -> None:
        scene = self.scene
        self.revealed = False
        self._pending = set()
        container = self._container = scene.ids.alloc()
        scene.buf.create(container, 0)
        content = scene.create(Element(Special.FRAGMENT, {}, self.element.children),
                               self, container, self.owner)
        self.content = content
        try:
            content.mount(None)
        except Exception as exc:
            self._drop_content()
            self.error = exc

    def _side_element(self) -> Element | None:
        if self.error is not None:
            make = cast("ErrorView | None", self.element.props["error"])
            if make is None:
                return None
            return normalize_output(make(self.error, self.retry), "Deferred error view")
        return cast("Element | None", self.element.props["fallback"])

    def _show_side(self, before: int | None) -> None:
        side = untrack(self._side_element)
        if side is None:
            return
        shown = self.scene.create(side, self, self.host_parent, self.owner)
        self.shown = shown
        shown.mount(before)

    def _hide_side(self) -> None:
        if self.shown is not None:
            self.shown.unmount(True)
            self.shown = None

    def _reveal(self, before: int | None) -> None:
        content = self.content
        container = self._container
        self.revealed = True
        if content is not None:
            _rehome(content, container, self.host_parent)
            content.move_before(before)
        scene = self.scene
        scene.buf.remove(container)
        scene.ids.free(container)
        self._container = 0

    def _drop_content(self) -> None:
        content, self.content = self.content, None
        if content is not None:
            content.unmount(self.revealed)  # in the container, its REMOVE covers them
        if self._container:
            self.scene.buf.remove(self._container)
            self.scene.ids.free(self._container)
            self._container = 0
        self._pending = set()

    # the suspended components --------------------------------------------------

    def suspend(self, instance: Instance) -> None:
        """`instance` (below) waits for its data."""
        self._pending.add(instance)

    def resume(self, instance: Instance, unmounted: bool = False) -> None:
        """`instance` has its data (or is gone); reveal at the next flush if it was the last."""
        self._pending.discard(instance)
        if not self._pending and not self.revealed and self.error is None and self.content:
            self.scene.schedule(self)

    def fail(self, error: BaseException) -> None:
        """A suspended component failed: show the error view at the next flush."""
        if self.error is None:
            self.error = error
            self.scene.schedule(self)

    def capture(self, error: BaseException) -> bool:
        """Take an error from below (after the reveal too) if there is an error view."""
        if self.element.props["error"] is None or self.error is not None:
            return False  # no error view, or showing it already: the boundary above handles it
        self.fail(error)
        return True

    def retry(self) -> None:
        """Mount the children again, fresh (at the next flush)."""
        if self.error is not None:
            self.error = None
            self.scene.schedule(self)

    def rerender(self) -> None:
        """Apply what changed: reveal, show the error view, or retry."""
        anchor = self._anchor()
        if self.error is not None:
            self._drop_content()
            self._hide_side()
            self._show_side(anchor)
            return
        if self.content is None:  # a retry
            self._hide_side()
            self._mount_content()
            if self.error is not None or self._pending:
                self._show_side(anchor)
            else:
                self._reveal(anchor)
            return
        if not self.revealed and not self._pending:
            self._hide_side()
            self._reveal(anchor)

    def _anchor(self) -> int | None:
        return next_host_after(self)

    def update(self, element: Element) -> None:
        self.element = element
        content = self.content
        if content is not None:
            content.update(Element(Special.FRAGMENT, {}, element.children))
        if self.shown is not None and not self.revealed:
            side = self._side_element()
            if side is not None:
                self.shown = reconcile_one(self, self.shown, side)

    def unmount(self, detach: bool) -> None:
        self.scene.unschedule(self)
        if detach:
            self._hide_side()
        else:
            self._forget_side()
        content, self.content = self.content, None
        if content is not None:
            content.unmount(detach if self.revealed else False)
        if self._container:
            self.scene.buf.remove(self._container)
            self.scene.ids.free(self._container)
            self._container = 0

    def _forget_side(self) -> None:
        if self.shown is not None:
            self.shown.unmount(False)
            self.shown = None

    def child_instances(self) -> list[Instance]:
        if self.revealed and self.content is not None:
            return [self.content]
        return [] if self.shown is None else [self.shown]

    def replay_offscreen(self) -> None:
        """Re-send the detached container and the content waiting in it (crash rebuild)."""
        content = self.content
        if self.revealed or content is None or not self._container:
            return
        buf = self.scene.buf
        buf.create(self._container, 0)
        for host in top_hosts(content):
            host.replay()
            buf.insert(self._container, host.node, None)

    def host_nodes(self, out: list[int]) -> None:
        if self.revealed and self.content is not None:
            self.content.host_nodes(out)
        elif self.shown is not None:
            self.shown.host_nodes(out)

    def first_host(self) -> int | None:
        out: list[int] = []
        self.host_nodes(out)
        return out[0] if out else None


def _rehome(instance: Instance, old: int, new: int) -> None:
    """Instances whose nodes sat under `old` now sit under `new`."""
    stack = [instance]
    while stack:
        node = stack.pop()
        if node.host_parent == old:
            node.host_parent = new
        if not node.is_host:
            stack.extend(node.child_instances())
