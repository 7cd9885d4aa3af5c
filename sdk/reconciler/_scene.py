"""The reconciler's shared state for one mounted tree.

A `Scene` holds what every instance needs: the command buffer being
written, node ids, string ids, the image source, the node -> instance map (for
events and queries), the components waiting to re-render, the effects waiting
for the commit, and the template cache. `SceneRoot` (in `_root.py`) drives it.

Scheduling: a component whose render read a signal that changed is marked
dirty (its `Reaction` calls `schedule`); nothing renders then. `flush`
re-renders the dirty ones at the frame boundary, parents before children
(by depth), each at most once: a parent's re-render that updates a dirty
child renders it, and the child is then clean.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import reactivex
from reactivex import operators
from reactivex.subject import Subject

from renderer import AnimationDoneEvent, CommandBuffer, Dim, KeyEvent, Prop
from renderer.lowlevel import PROP_BY_ID, PropType
from signals import Owner, on_cleanup, run_with_owner, untrack

from ._element import Element
from ._host_props import Pairs, WireValue, _SelfNode
from ._ids import MAX_BLOCK_NODES, NodeIds
from ._instance import Instance, route_error
from ._strings import StringTable

if TYPE_CHECKING:
    from ._hooks import Ref
    from ._host import HostInstance
    from ._templates import Templates

__all__ = ["ImageSource", "InstanceFactory", "Scene"]


class ImageSource(Protocol):
    """Turns an image `src` into an engine image id (the renderer's `ImageManager`)."""

    def acquire(self, src: str) -> int:
        """The image id for `src` (defined in the scene before it is used)."""
        ...

    def release(self, image: int) -> None:
        """One user of `image` is gone."""
        ...


class InstanceFactory(Protocol):
    """Makes the unmounted instance that will show an element."""

    def __call__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> Instance:
        """An instance of the class that mounts `element`'s type."""
        ...


class NodeMap(dict[int, "HostInstance"]):
    """Scene node id -> its host instance.

    The inner nodes of a lazily mounted template copy have no entry until
    something asks for one: a lookup that misses looks back, at most one
    template's size, for the copy's root (a root's block holds the ids right
    after its own), which then makes their instances
    (`HostInstance.materialize`). Iterating lists only the nodes that have
    instances.
    """

    def get(self, node: int, default: HostInstance | None = None  # type: ignore[override]
            ) -> HostInstance | None:
        """The instance of `node` (materialized if needed), or `default`."""
        inst = dict.get(self, node)
        if inst is not None:
            return inst
        root = self._lazy_root_of(node)
        if root is None:
            return default
        root.materialize()
        return dict.get(self, node, default)

    def __getitem__(self, node: int) -> HostInstance:
        inst = self.get(node)
        if inst is None:
            raise KeyError(node)
        return inst

    def __contains__(self, node: object) -> bool:
        if dict.__contains__(self, node):
            return True
        return isinstance(node, int) and self._lazy_root_of(node) is not None

    def _lazy_root_of(self, node: int) -> HostInstance | None:
        for base in range(node - 1, max(0, node - MAX_BLOCK_NODES), -1):
            inst = dict.get(self, base)
            if inst is not None:
                return inst if inst.lazy and base + inst.lazy >= node else None
        return None


class Scene:
    """State shared by the instances of one mounted tree."""

    def __init__(self, images: ImageSource, create: InstanceFactory,
                 glyphs: Callable[[str], bytes] | None = None) -> None:
        self._create = create
        self.buf = CommandBuffer()
        self.ids = NodeIds()
        self.strings = StringTable(glyphs=glyphs)
        self.images = images
        self.nodes = NodeMap()
        self.templates: Templates | None = None
        """The template cache (None: templates are off)."""
        self._dirty: list[tuple[int, int, Instance]] = []
        self._dirty_set: set[Instance] = set()
        self._order = itertools.count()
        self.after_commit: list[Callable[[], None]] = []
        self.errors: list[BaseException] = []
        self.rendering: Instance | None = None
        self.focused = 0
        """The focused node as the engine last reported it (0: none)."""
        self.reduced_motion = False
        """Motion props are sent in their reduced form (`_motion.py`); set by `SceneRoot`."""
        self.live: dict[int, HostInstance] = {}
        """Mounted live regions (`live="polite"|"assertive"`), by node, for the announcer."""
        self._keys: Subject[KeyEvent] | None = None
        self._animation_waiters: dict[
            int, list[tuple[int | None, asyncio.Future[AnimationDoneEvent]]]] = {}

    def create(self, element: Element, parent: Instance | None, host_parent: int,
               owner: Owner | None) -> Instance:
        """An unmounted instance for `element` (the caller mounts it)."""
        return self._create(self, element, parent, host_parent, owner)

    # scheduling -----------------------------------------------------------------

    def schedule(self, instance: Instance) -> None:
        """Re-render `instance` at the next flush (parents first)."""
        if instance in self._dirty_set:
            return
        self._dirty_set.add(instance)
        heapq.heappush(self._dirty, (instance.depth, next(self._order), instance))

    def unschedule(self, instance: Instance) -> None:
        """`instance` rendered (or unmounted) already: do not render it again this flush."""
        self._dirty_set.discard(instance)

    @property
    def dirty(self) -> bool:
        """Whether a flush has renders, effects or commands to do."""
        return bool(self._dirty_set or self.after_commit or len(self.buf))

    def render_dirty(self) -> None:
        """Re-render every scheduled instance, parents before children."""
        heap = self._dirty
        while heap:
            _, _, instance = heapq.heappop(heap)
            if instance not in self._dirty_set:
                continue
            self._dirty_set.discard(instance)
            try:
                instance.rerender()
            except Exception as exc:
                route_error(instance.parent, exc)

    def render_pending(self) -> bool:
        """Whether renders are scheduled (an effect after the commit wrote a signal)."""
        return bool(self._dirty_set)

    def run_after_commit(self) -> None:
        """Run effects queued by renders (`use_effect`), in order."""
        while self.after_commit:
            queue = self.after_commit
            self.after_commit = []
            for fn in queue:
                fn()

    # commands --------------------------------------------------------------------

    def send_props(self, node: int, pairs: Pairs) -> None:
        """`SET_PROP(S)` for `pairs`, resolving string values to string ids."""
        resolved = [self._resolve(node, prop, value) for prop, value in pairs]
        if len(resolved) == 1:
            self.buf.set_prop(node, resolved[0][0], resolved[0][1])
        else:
            self.buf.set_props(node, resolved)

    def send_state_props(self, node: int, state: int, pairs: Pairs) -> None:
        """`SET_STATE_PROPS` (an empty list clears the state's overrides)."""
        self.buf.set_state_props(node, state, [self._resolve(node, p, v) for p, v in pairs])

    def send_text(self, node: int, text: str) -> None:
        """`SET_TEXT` with an interned string id (`""` empties the node)."""
        sid = self.strings.id_for(text, self.buf) if text else 0
        self.buf.set_text(node, sid)

    def _resolve(self, node: int, prop: int, value: WireValue
                 ) -> tuple[int, int | float | str | Dim]:
        if value.__class__ is str and PROP_BY_ID[int(prop)].type is PropType.STRING:
            return prop, (self.strings.id_for(value, self.buf) if value else 0)
        if isinstance(value, _SelfNode):
            return prop, node  # `STOP`: the node's own id means "stay" (PROTOCOL.md)
        return prop, value

    # waiting for animations ------------------------------------------------------------

    def wait_animation(self, node: int, prop: int | None) -> asyncio.Future[AnimationDoneEvent]:
        """A future resolved by the next `ANIMATION_DONE` of `node` (of `prop`, or any)."""
        future: asyncio.Future[AnimationDoneEvent] = asyncio.get_running_loop().create_future()
        self._animation_waiters.setdefault(node, []).append((prop, future))
        return future

    def animation_done(self, event: AnimationDoneEvent) -> None:
        """Resolve the waiters of `event.node` that match `event.prop`."""
        waiters = self._animation_waiters.get(event.node)
        if not waiters:
            return
        keep: list[tuple[int | None, asyncio.Future[AnimationDoneEvent]]] = []
        for prop, future in waiters:
            if future.done():
                continue
            if prop is None or prop == event.prop:
                future.set_result(event)
            else:
                keep.append((prop, future))
        if keep:
            self._animation_waiters[event.node] = keep
        else:
            del self._animation_waiters[event.node]

    # key events as an observable ---------------------------------------------------------

    def key_events_for(self, owner: Owner | None) -> reactivex.Observable[KeyEvent]:
        """An observable of key events that completes when `owner` is disposed."""
        if self._keys is None:
            self._keys = Subject()
        ended: Subject[None] = Subject()
        if owner is not None:
            run_with_owner(owner, lambda: on_cleanup(lambda: ended.on_next(None)))
        source: reactivex.Observable[KeyEvent] = self._keys
        return source.pipe(operators.take_until(ended))

    def publish_key(self, event: KeyEvent) -> None:
        """Hand a key event to the observers of `key_events_for`."""
        if self._keys is not None:
            self._keys.on_next(event)

    # refs ------------------------------------------------------------------------------

    def attach_ref(self, instance: HostInstance, before: Ref | None, ref: Ref | None) -> None:
        """Point `ref` at `instance`'s node (and detach `before`)."""
        box = None
        if before is not None and before is not ref:
            if ref is not None and before.node == instance.node:
                # Same node, new Ref: the engine reports a box only when it changes.
                box = untrack(lambda: before.box)
            before._detach(instance.node)
        if ref is not None:
            ref._attach(self, instance.node)
            if box is not None:
                ref._set_box(box)

    def take_commands(self) -> bytes:
        """The commands written since the last call, as one batch."""
        data = self.buf.getvalue()
        self.buf.clear()
        return data


REPORT_LAYOUT = Prop.REPORT_LAYOUT
