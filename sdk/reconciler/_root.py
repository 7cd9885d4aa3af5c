"""`SceneRoot`: one mounted element tree and the command batches it produces.

This is the reconciler's whole surface towards the runtime (and tests):

* `flush()` - at a frame boundary: re-render dirty components (parents
  first), run the effects the renders queued, and return the commands as one
  batch. The first flush creates the scene (a full-screen root view, the
  surface, painted `background`: the default theme's page colour) and sets
  the root.
* `handle_events(events)` - run the handlers of engine events (`on_press`,
  `on_focus`, `on_blur`, `on_key`, `on_layout`, `on_scroll`, refs' boxes) inside one
  signals batch, each under its component's owner (tasks it spawns are the
  component's). An exception goes to the nearest `ErrorBoundary` of the
  node; with none it is raised once every handler ran.
* `acknowledge(n)` - the engine applied the first `n` batches: node ids they
  removed may be reused.
* `rebuild_commands()` - the whole current scene for a fresh engine (after
  a crash): same node ids, current values.
* `dispose()` - unmount everything.
* `add_observer(observer)` - a `SceneObserver` (the announcer, `sdk.a11y`) hears
  every `handle_events` batch after its handlers ran, and every flush.

The viewer's settings (`viewer=`, `_viewer.py`) are provided as `ViewerContext`
to the whole tree. One effect of the root watches them: when `reduced_motion`
changes it re-sends the motion of every mounted node in its new form; when
`text_scale` or `high_contrast` changes it schedules every rendering instance
(the theme, which reads them untracked so that thousands of widget builds
add no dependencies, changed under all of them), so the next flush renders
the whole tree again, once.
"""

from __future__ import annotations

import gc
import inspect
import logging
from collections.abc import Sequence
from typing import Protocol, TypeAlias, cast

from renderer import (
    AnimationDoneEvent,
    BlurEvent,
    Event,
    FocusEvent,
    FontSet,
    KeyEvent,
    Kind,
    LayoutEvent,
    PressEvent,
    Prop,
    ScrollEvent,
    parse_color,
)
from signals import (
    Effect,
    Owner,
    batch,
    catch_error,
    create_root,
    get_owner,
    provide_context,
    run_with_owner,
    untrack,
)

from ._element import CallableProp, Element, Special
from ._factory import new_scene
from ._hooks import Ref
from ._host import HostInstance, top_hosts
from ._instance import Instance, route_error, walk
from ._scene import ImageSource, Scene
from ._viewer import ViewerContext, ViewerSettings

__all__ = ["ComponentError", "SceneObserver", "SceneRoot"]

log = logging.getLogger(__name__)

HandlerArg: TypeAlias = Event | tuple[float, float, float, float] | tuple[float, float]
"""What a handler prop may be called with: the engine event, the box (`on_layout`) or
the scroll offset (`on_scroll`)."""


class SceneObserver(Protocol):
    """Hears what happens to a `SceneRoot` (`SceneRoot.add_observer`)."""

    def after_flush(self, root: SceneRoot, batch: bytes) -> None:
        """A flush produced `batch` (possibly empty): the instances are up to date."""
        ...

    def after_events(self, root: SceneRoot, events: Sequence[Event]) -> None:
        """The handlers of one frame's `events` ran."""
        ...


class ComponentError(RuntimeError):
    """An exception escaped every error boundary (it is chained as `__cause__`)."""


class _NoImages:
    """Image source for trees without images: `src=` is an error naming the fix."""

    def acquire(self, src: str) -> int:
        raise ValueError(
            f"Image(src={src!r}) needs an image source: mount the tree with "
            "SceneRoot(..., images=sdk.ImageSource(renderer.ImageManager())) "
            "(App does this for you)"
        )

    def release(self, image: int) -> None:
        return None


class _RootInstance(Instance):
    """The full-screen root view that the app's element is mounted in."""

    __slots__ = ("child",)

    def __init__(self, scene: Scene, element: Element, host_parent: int, owner: Owner) -> None:
        super().__init__(scene, element, None, host_parent, owner)
        self.child: Instance | None = None

    def host_nodes(self, out: list[int]) -> None:
        out.append(self.host_parent)

    def first_host(self) -> int | None:
        return self.host_parent


DEFAULT_BACKGROUND = "#0b0d12"
"""The surface's colour under the app's elements: the default theme's page background
(`components.TEN_FOOT.colors.background`), so light theme text is readable on it. An app
with another theme gives its root element that theme's `background=`."""


class SceneRoot:
    """Mounts `element` and turns its life into protocol command batches."""

    def __init__(self, element: Element, *, images: ImageSource | None = None,
                 templates: bool = True, size: tuple[float, float] = (1920, 1080),
                 fonts: FontSet | None = None,
                 background: str | int | None = DEFAULT_BACKGROUND,
                 viewer: ViewerSettings | None = None) -> None:
        """Mount `element` at the first `flush()`.

        Args:
            element: what to show.
            images: turns `Image(src=...)` into engine image ids (App passes one).
            templates: use protocol templates for repeated structure.
            size: the design size of the root view.
            fonts: the engine's fonts; characters they have not uploaded yet are
                sent with each new string (App passes its `FontSet`).
            background: the root view's colour (any `parse_color` form), shown
                wherever the app paints nothing; `None` leaves it transparent.
            viewer: the viewer's settings the tree follows (default: new
                `ViewerSettings()`, everything off).
        """
        glyphs = fonts.glyph_commands_for if fonts is not None else None
        self._scene = new_scene(images if images is not None else _NoImages(),
                                templates=templates, glyphs=glyphs)
        self._element = element
        self._size = size
        self._background = parse_color(background) if background is not None else 0
        # Effect errors that no ErrorBoundary caught are kept for the next flush /
        # handle_events (as ComponentError) instead of surfacing in whichever code
        # wrote the signal that re-ran the effect.
        self.viewer = viewer if viewer is not None else ViewerSettings()
        """The viewer's settings (provided to the tree as `ViewerContext`)."""
        self._scene.reduced_motion = self.viewer.reduced_motion.peek()
        self._observers: list[SceneObserver] = []

        def root_owner() -> Owner | None:
            provide_context(ViewerContext, self.viewer)
            return get_owner()

        owner = create_root(lambda dispose: catch_error(root_owner, self._escaped))
        assert owner is not None
        self._owner: Owner = owner
        self._seen_viewer: tuple[bool, float, bool] | None = None
        run_with_owner(owner, lambda: Effect(self._follow_viewer))
        self._root_node = 0
        self._root: _RootInstance | None = None
        self._child: Instance | None = None
        self._disposed = False

    def _escaped(self, error: Exception) -> None:
        self._scene.errors.append(error)

    # flushing ------------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        """The reconciler state (nodes, ids, buffer); for tests and tools."""
        return self._scene

    @property
    def dirty(self) -> bool:
        """Whether `flush()` would produce commands."""
        return self._root is None or self._scene.dirty

    def flush(self) -> bytes:
        """Render what changed and return the batch of commands (b"" when nothing did)."""
        scene = self._scene
        if self._disposed:
            return scene.take_commands()  # the removals `dispose()` wrote, then nothing
        # A render allocates thousands of objects that all stay alive: cyclic GC
        # passes during it find nothing and, as the heap grows, cost a third of
        # a 10,000-row mount. Garbage made meanwhile is collected after.
        collecting = gc.isenabled()
        gc.disable()
        try:
            data = self._render(scene)
        finally:
            if collecting:
                gc.enable()
        for observer in self._observers:
            observer.after_flush(self, data)
        return data

    def _follow_viewer(self) -> None:
        viewer = self.viewer
        seen = (viewer.reduced_motion(), viewer.text_scale(), viewer.high_contrast())
        before, self._seen_viewer = self._seen_viewer, seen
        if before is None or before == seen:
            return
        untrack(lambda: self._viewer_changed(seen[0] != before[0], seen[1:] != before[1:]))

    def _viewer_changed(self, motion: bool, look: bool) -> None:
        scene = self._scene
        scene.reduced_motion = self.viewer.reduced_motion.peek()
        if self._child is None:
            return
        for instance in walk(self._child):
            if motion and isinstance(instance, HostInstance):
                instance.send_all_motion()
            elif look and type(instance).rerender is not Instance.rerender:
                scene.schedule(instance)

    def add_observer(self, observer: SceneObserver) -> None:
        """Tell `observer` about every flush and every frame's events (see the module doc)."""
        self._observers.append(observer)

    def remove_observer(self, observer: SceneObserver) -> None:
        """Stop telling `observer` (no error if it was not added)."""
        if observer in self._observers:
            self._observers.remove(observer)

    def _render(self, scene: Scene) -> bytes:
        if self._root is None:
            self._mount()
        errors: list[BaseException] = []
        # Effects of a render run after it; what they write renders in the same
        # flush, and effects of components that render mounted run too (bounded:
        # a chain longer than that continues at the next flush).
        for _ in range(_MAX_PASSES):
            with batch():
                scene.render_dirty()
            if not scene.after_commit:
                break
            try:
                with batch():
                    scene.run_after_commit()
            except Exception as exc:  # effects with no boundary
                errors.append(exc)
            if not scene.render_pending():
                break
        data = scene.take_commands()
        if data:
            scene.ids.seal_batch()
        errors += scene.errors
        scene.errors = []
        if errors:
            raise ComponentError(f"{len(errors)} error(s) escaped every ErrorBoundary: "
                                 f"{errors[0]!r}") from errors[0]
        return data

    def _create_root_view(self, node: int) -> None:
        """The full-screen view everything mounts in: the surface, in `background`."""
        buf = self._scene.buf
        buf.create(node, Kind.VIEW)
        buf.set_props(node, [(Prop.WIDTH, "100%"), (Prop.HEIGHT, "100%")])
        if self._background:
            buf.set_prop(node, Prop.BACKGROUND, self._background)

    def _mount(self) -> None:
        scene = self._scene
        node = scene.ids.alloc()
        self._create_root_view(node)
        scene.buf.set_root(node)
        self._root_node = node
        root_element = Element(Special.ROOT, {}, (self._element,))
        self._root = _RootInstance(scene, root_element, node, self._owner)
        child = scene.create(self._element, self._root, node, self._owner)
        self._child = child
        self._root.child = child
        try:
            child.mount(None)
        except Exception as exc:
            scene.errors.append(exc)

    # events ----------------------------------------------------------------------

    def handle_events(self, events: Sequence[Event]) -> None:
        """Run the handlers for `events` inside one batch (see the module doc)."""
        scene = self._scene
        with batch():
            for event in events:
                self._dispatch(event)
        for observer in self._observers:
            observer.after_events(self, events)
        if scene.errors:
            errors = scene.errors
            scene.errors = []
            raise ComponentError(f"{len(errors)} error(s) escaped every ErrorBoundary: "
                                 f"{errors[0]!r}") from errors[0]

    def _dispatch(self, event: Event) -> None:
        nodes = self._scene.nodes
        if isinstance(event, PressEvent):
            self._call(nodes.get(event.node), "on_press", event)
        elif isinstance(event, FocusEvent):
            self._scene.focused = event.node
            self._call(nodes.get(event.node), "on_focus", event)
        elif isinstance(event, BlurEvent):
            if self._scene.focused == event.node:
                self._scene.focused = event.next
            self._call(nodes.get(event.node), "on_blur", event)
        elif isinstance(event, KeyEvent):
            self._scene.publish_key(event)
            target = nodes.get(event.node)
            if target is None:  # nothing focused: the deepest handler hears it first
                target = self._deepest_key_handler()
            self._bubble_key(target, event)
        elif isinstance(event, ScrollEvent):
            self._call(nodes.get(event.node), "on_scroll", (event.x, event.y))
        elif isinstance(event, AnimationDoneEvent):
            self._scene.animation_done(event)
            self._call(nodes.get(event.node), "on_animation_end", event)
        elif isinstance(event, LayoutEvent):
            instance = nodes.get(event.node)
            if instance is not None:
                box = (event.x, event.y, event.w, event.h)
                ref = cast("Ref | None", instance.element.props.get("ref"))
                if ref is not None:
                    ref._set_box(box)
                self._call(instance, "on_layout", box)

    def _deepest_key_handler(self) -> HostInstance | None:
        """The last, deepest visible host with `on_key` (a page's handler before its app's)."""
        best: HostInstance | None = None
        best_depth = -1
        stack: list[Instance] = [] if self._child is None else [self._child]
        while stack:
            node = stack.pop()
            if isinstance(node, HostInstance):
                visible = node.element.props.get("visible")
                if callable(visible):
                    visible = untrack(visible)
                if visible is False:
                    continue  # a covered page does not hear keys
                if node.element.props.get("on_key") is not None and node.depth >= best_depth:
                    best, best_depth = node, node.depth
            stack.extend(reversed(node.child_instances()))
        return best

    def _bubble_key(self, instance: HostInstance | None, event: KeyEvent) -> None:
        node: Instance | None = instance
        while node is not None:
            if (isinstance(node, HostInstance) and node.element.props.get("on_key") is not None
                    and self._call(node, "on_key", event) is True):
                return
            node = node.parent

    def _call(self, instance: HostInstance | None, name: str, event: HandlerArg) -> object:
        if instance is None:
            return None
        handler = instance.element.props.get(name)
        if handler is None:
            return None
        try:
            owner = instance.owner
            if owner is None or owner.disposed:
                return call_handler(cast(CallableProp, handler), event)
            # Under the component's owner: what the handler spawns dies with the
            # component, and a task's error reaches the boundary above it.
            return run_with_owner(owner, lambda: call_handler(cast(CallableProp, handler), event))
        except Exception as exc:
            route_error(instance, exc)
            return None

    # ids, crash recovery, teardown ----------------------------------------------------

    def acknowledge(self, batches_applied: int) -> None:
        """The engine applied the first `batches_applied` batches of this root."""
        self._scene.ids.acknowledge(batches_applied)

    def rebuild_commands(self) -> bytes:
        """The whole current scene as one batch for a fresh engine (same node ids).

        Pending commands are dropped (the rebuild contains their effect), and
        the next `flush` continues from the rebuilt scene.
        """
        scene = self._scene
        scene.buf.clear()
        scene.strings.forget_all()
        if scene.templates is not None:
            scene.templates.forget_all()
        rebuild = getattr(scene.images, "rebuild_commands", None)
        if rebuild is not None:
            scene.buf.extend(rebuild())
        node = self._root_node
        self._create_root_view(node)
        if self._child is not None:
            for host in [self._child] if self._child.is_host else top_hosts(self._child):
                assert isinstance(host, HostInstance)
                host.replay()
                scene.buf.insert(node, host.node, None)
            for instance in walk(self._child):
                instance.replay_offscreen()
        scene.buf.set_root(node)
        return scene.take_commands()

    def dispose(self) -> None:
        """Unmount everything: effects stop, cleanups run, nodes are removed."""
        if self._disposed:
            return
        self._disposed = True
        if self._child is not None:
            self._child.unmount(True)
            self._child = None
        self._owner.dispose()

    def find(self, node: int) -> HostInstance | None:
        """The host instance of scene node `node`."""
        return self._scene.nodes.get(node)

    @property
    def root_node(self) -> int:
        """The id of the full-screen root view (0 before the first flush)."""
        return self._root_node


_MAX_PASSES = 16
"""Render/effect rounds in one flush (effects that mount components with effects...)."""


_ARITY: dict[object, int] = {}
"""Per handler code object (or callable type): 1 if it takes the event, 0 if not."""


def call_handler(handler: CallableProp, event: object) -> object:
    """Call `handler()` or `handler(event)`, whichever it accepts."""
    code = getattr(handler, "__code__", None)
    key = code if code is not None else type(handler)
    arity = _ARITY.get(key)
    if arity is None:
        try:
            params = [p for p in inspect.signature(handler).parameters.values()
                      if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                               p.POSITIONAL_OR_KEYWORD)]
            accepts_var = any(p.kind is p.VAR_POSITIONAL
                              for p in inspect.signature(handler).parameters.values())
            arity = 1 if params or accepts_var else 0
        except (TypeError, ValueError):
            arity = 1
        if code is not None:
            _ARITY[key] = arity
    return handler(event) if arity else handler()

