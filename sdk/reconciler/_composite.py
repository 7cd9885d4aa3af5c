"""Component instances: a render function, its hooks, and the one subtree it rendered.

A component instance owns a signals `Owner` (what its hooks create lives
there, and descendants' owners hang below it, so context flows down and
disposal tears everything down) and a `Reaction` that tracks what the render
read. A change marks the instance dirty; the scene re-renders it at the next
flush. A re-render diffs the new output against the mounted subtree.

`RenderFn` instances are also used for `For` rows: a row is a tiny component
whose render is `render(item)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from signals import Owner, Reaction, run_with_owner

from ._element import Element, component_type, props_equal
from ._hooks import HookState, rendering
from ._instance import Instance, next_host_after, normalize_output, same_kind

if TYPE_CHECKING:
    from ._scene import Scene

__all__ = ["ComponentInstance", "reconcile_one"]


class ComponentInstance(Instance):
    """A mounted component: renders `element.type.render(element)`."""

    __slots__ = ("_reaction", "child", "hooks", "mounted")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        super().__init__(scene, element, parent, host_parent, Owner(owner))
        self.child: Instance | None = None
        self.hooks = HookState(self)
        self.mounted = False
        own = self.owner
        assert own is not None
        self._reaction = run_with_owner(own, lambda: Reaction(
            self._stale, forbid_writes=f"rendering component {self.name}"))

    def _stale(self) -> None:
        if self.mounted:
            self.scene.schedule(self)

    def render_output(self) -> object:
        """Call the render function (subclasses override)."""
        return component_type(self.element).render(self.element)

    def _render(self) -> Element:
        scene = self.scene
        scene.unschedule(self)
        owner = self.owner
        assert owner is not None
        with rendering(self.hooks):
            output = run_with_owner(owner, lambda: self._reaction.track(self.render_output))
        return normalize_output(output, f"component {self.name}")

    def mount(self, before: int | None) -> None:
        try:
            output = self._render()
            self.mounted = True
            child = self.scene.create(output, self, self.host_parent, self.owner)
            self.child = child
            child.mount(before)
            if self.hooks.restart:  # a hot-reload seed did not fit: render again, fresh
                self.hooks.restart = False
                self.scene.schedule(self)
        except BaseException:
            self.mounted = False
            self.child = None
            if self.owner is not None:
                self.owner.dispose()
            raise

    def update(self, element: Element) -> None:
        old = self.element
        self.element = element
        if (not self._reaction.stale and old.children == element.children
                and props_equal(old.props, element.props)):
            return
        self.rerender()

    def rerender(self) -> None:
        """Render again and diff the output against the mounted subtree."""
        if not self.mounted:
            return
        output = self._render()
        self.child = reconcile_one(self, self.child, output)

    def unmount(self, detach: bool) -> None:
        if not self.mounted:
            return
        self.mounted = False
        self.scene.unschedule(self)
        if self.owner is not None:
            self.owner.dispose()
        if self.child is not None:
            self.child.unmount(detach)
            self.child = None

    def child_instances(self) -> list[Instance]:
        return [] if self.child is None else [self.child]

    @property
    def hook_state(self) -> HookState:
        return self.hooks

    def signals_read(self) -> list[object]:
        """The signals and computeds the last render read (developer tools)."""
        return self._reaction.sources()

    def host_nodes(self, out: list[int]) -> None:
        if self.child is not None:
            self.child.host_nodes(out)

    def first_host(self) -> int | None:
        return None if self.child is None else self.child.first_host()


class RenderFnInstance(ComponentInstance):
    """A component-like instance around a plain function (a `For` row, a `Show` branch)."""

    __slots__ = ("fn", "label")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None, fn: Callable[[], object],
                 label: str) -> None:
        self.fn = fn
        self.label = label
        super().__init__(scene, element, parent, host_parent, owner)

    @property
    def name(self) -> str:
        return self.label

    def render_output(self) -> object:
        return self.fn()


def reconcile_one(parent: Instance, old: Instance | None, element: Element) -> Instance:
    """Update `old` with `element` if they match (type and key), else replace it."""
    scene = parent.scene
    if old is not None and same_kind(old.element, element):
        if old.element is not element:
            old.update(element)
        return old
    instance = scene.create(element, parent, parent.child_host_parent(), parent.owner)
    before = old.first_host() if old is not None else None
    if before is None:
        before = next_host_after(old if old is not None else parent)
    instance.mount(before)
    if old is not None:
        old.unmount(True)
    return instance
