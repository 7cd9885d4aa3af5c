"""Host instances: one scene node per View/Text/Image element.

Mounting creates the node, sends its props in one `SET_PROPS`, mounts the
children under it and inserts it. Updating diffs the props (only changed
props become commands; a removed prop goes back to its default) and then the
children. A reactive prop (a signal, a computed or a zero-argument callable)
is bound by its own effect, which sends one command when its value changes:
no component re-renders for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TypeAlias, cast

from renderer import PROTOCOL_VERSION, Prop
from renderer.lowlevel import PROP_BY_ID, PropType
from signals import Binding, Owner, untrack

from ._element import (
    Element,
    HostKind,
    Props,
    ReactiveProp,
    host_type,
    is_reactive,
    same_closure,
)
from ._hooks import Ref
from ._host_props import (
    A11Y_PROPS,
    EVENT_PROPS,
    MOTION_PROPS,
    STATE_STYLE_PROPS,
    Pairs,
    WireValue,
    check_a11y_prop,
    convert_prop,
    convert_style,
)
from ._instance import Instance, reconcile_children, route_error
from ._motion import send_motion, send_reduced_scroll
from ._native import speedups

if TYPE_CHECKING:
    from ._scene import Scene

__all__ = ["CopyTemplate", "Extra", "HostInstance", "add_child", "diff_plain_props",
           "inner_props_are_plain", "is_plain_prop", "send_plain_props", "top_hosts"]

assert PROTOCOL_VERSION >= 1
_NOT_PROPS = frozenset({"text", "src", "ref", *EVENT_PROPS, *STATE_STYLE_PROPS,
                        *MOTION_PROPS, *A11Y_PROPS})


class HostInstance(Instance):
    """A mounted View/Text/Image: owns scene node `node`."""

    is_host = True

    __slots__ = ("_binds", "_collect", "_image", "block", "children", "in_block", "kind",
                 "lazy", "node", "template")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        # Instance's fields set here rather than by super().__init__: thousands of
        # host instances are made per list, and the extra call is a tenth of the cost.
        self.scene = scene
        self.element = element
        self.parent = parent
        self.host_parent = host_parent
        self.owner = owner
        self.depth: int = 0 if parent is None else parent.depth + 1
        self.kind: HostKind = host_type(element).kind
        self.node = 0
        self.children: list[Instance] = _NO_CHILDREN
        self._binds: _Binding | None = None
        """The first of the reactive props bound to this node (each links to the next: a
        row's one binding needs no list)."""
        self._collect: Pairs | None = None
        self._image = 0
        self.block = 0
        """Size of the template id block this node roots (its ids start at `node`; 0: none)."""
        self.in_block = False
        """The node's id belongs to an ancestor's template block (freed with it)."""
        self.lazy = 0
        """Nodes below this template copy's root that have no instance yet (see `materialize`)."""
        self.template: CopyTemplate | None = None
        """The template a lazily mounted copy was made from (it diffs the copy's updates)."""

    # mount -----------------------------------------------------------------

    def mount(self, before: int | None) -> None:
        scene = self.scene
        templates = scene.templates
        if templates is not None and templates.mount(self, before):
            return
        node = self.node = scene.ids.alloc()
        scene.buf.create(node, self.kind)
        scene.nodes[node] = self
        try:
            self.apply_props(self.element.props.items())
            if self.element.children:
                self.children = reconcile_children(self, [], self.element.children, None)
        except BaseException:
            self.unmount(True)  # the node exists (detached): remove it and its bindings
            raise
        scene.buf.insert(self.host_parent, node, before)

    def apply_props(self, props: Iterable[tuple[str, object]],
                    baked: frozenset[str] = frozenset()) -> None:
        """Send the `(name, value)` props of a fresh node (those in `baked` came with a
        template)."""
        pairs: Pairs = []
        self._collect = pairs
        try:
            kind = self.kind
            for name, value in props:
                if value is None or name in baked:
                    continue
                if name == "text" and value.__class__ is str:
                    self.scene.send_text(self.node, value)  # the commonest special prop
                elif name in _NOT_PROPS:
                    self._special(name, None, value)
                elif is_reactive(value):
                    self._bind(name, value)
                else:
                    pairs += convert_prop(kind, name, value)
        finally:
            self._collect = None
        if pairs:
            self.scene.send_props(self.node, pairs)
        if self.scene.reduced_motion and self.needs_reduced_scroll():
            send_reduced_scroll(self.scene.buf, self.node)

    def is_scroller(self) -> bool:
        """Whether this node is an `overflow="scroll"` container (as its element says)."""
        return self.element.props.get("overflow") == "scroll"

    def needs_reduced_scroll(self) -> bool:
        """A scroll container without `transition=`: reduced motion sends it one."""
        return self.is_scroller() and self.element.props.get("transition") is None

    def send_all_motion(self) -> None:
        """Re-send this node's motion for the scene's reduced-motion setting, which
        just changed (its old transitions and keyframes are cleared first)."""
        props = self.element.props
        scene, reduced, scroller = self.scene, self.scene.reduced_motion, self.is_scroller()
        transition, animate = props.get("transition"), props.get("animate")
        if transition is None and animate is None and not scroller:
            return
        scene.buf.clear_animations(self.node, 0)
        if transition is not None:
            send_motion(scene.buf, self.node, "transition", None, transition,
                        reduced=reduced, scroller=scroller)
        elif reduced:
            send_reduced_scroll(scene.buf, self.node)
        if animate is not None:
            send_motion(scene.buf, self.node, "animate", None, animate, reduced=reduced)

    # update ----------------------------------------------------------------

    def materialize(self) -> None:
        """Give the nodes of a lazily mounted template copy their instances.

        A copy whose inner nodes carry only plain per-copy values (text, string
        props, handlers) is mounted without instances below its root (see
        `_templates.py`); they are made here, the first time anything asks for
        them. Ids follow the template's pre-order, as `INSTANTIATE` gave them.
        """
        if not self.lazy:
            return
        self.lazy = 0
        self.template = None
        scene = self.scene
        nodes = scene.nodes
        next_id = self.node + 1
        stack: list[tuple[HostInstance, Iterator[Element]]] = [(self, iter(self.element.children))]
        while stack:
            parent, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                stack.pop()
                continue
            inst = HostInstance(scene, child, parent, parent.node, parent.owner)
            inst.node = next_id
            inst.in_block = True
            nodes[next_id] = inst
            next_id += 1
            add_child(parent, inst)
            stack.append((inst, iter(child.children)))

    def update(self, element: Element) -> None:
        if self.lazy:
            if self._update_copy(element):
                return
            self.materialize()
        old = self.element.props
        new = element.props
        self.element = element
        if old is not new:
            self._diff_props(old, new)
        if element.children or self.children:
            self.children = reconcile_children(self, self.children, element.children, None)

    def _update_copy(self, element: Element) -> bool:
        """Update a lazy copy without making its inner instances, if `element` is still
        a copy of its template with plain inner props; False otherwise (nothing done)."""
        template = self.template
        if template is None:
            return False
        diffed = None if _c_diff_copy is None else \
            _c_diff_copy(template.spec, template.size, self.element, element, _NO_EXTRA)
        if diffed is False:
            return False
        if diffed is None:  # (pure Python, or props the one-walk diff leaves to this)
            new_extras: list[Extra] = []
            if not template.match(element, [], new_extras) \
                    or not inner_props_are_plain(new_extras):
                return False
            old_extras: list[Extra] = []
            template.match(self.element, [], old_extras)  # the copy was made from it
            root_changed = True
            changes = [(offset, old_extras[offset], new_extras[offset])
                       for offset in changed_offsets(old_extras, new_extras)]
        else:
            root_changed, changes = diffed
        old = self.element.props
        self.element = element
        if root_changed and old is not element.props:
            self._diff_props(old, element.props)
        scene, base, kinds = self.scene, self.node, template.kinds
        if changes and _c_send_changed_texts is not None:
            changes = _c_send_changed_texts(changes, base, scene.strings, scene.buf)
        for offset, before, after in changes:
            diff_plain_props(scene, kinds[offset], base + offset, before, after)
        return True

    def _diff_props(self, old: Props, new: Props) -> None:
        pairs: Pairs = []
        self._collect = pairs
        kind = self.kind
        try:
            for name, value in new.items():
                before = old.get(name)
                if before is value or (before == value and not is_reactive(value)) \
                        or same_closure(before, value):
                    continue
                if name in _NOT_PROPS:
                    self._special(name, before, value)
                    continue
                last = self._unbind(name)
                if value is None:
                    # A bound prop resets from the value its binding last sent.
                    shown = last if is_reactive(before) else before
                    if shown is not None:
                        pairs += reset_pairs(kind, name, shown)
                elif is_reactive(value):
                    self._bind(name, value)
                else:
                    pairs += convert_prop(kind, name, value)
            for name, before in old.items():
                if name in new or before is None:
                    continue
                if name in _NOT_PROPS:
                    self._special(name, before, None)
                elif is_reactive(before):
                    last = self._unbind(name)
                    if last is not None:
                        pairs += reset_pairs(kind, name, last)
                else:
                    pairs += reset_pairs(kind, name, before)
        finally:
            self._collect = None
        if pairs:
            self.scene.send_props(self.node, pairs)

    # reactive bindings -------------------------------------------------------

    def _bind(self, name: str, source: ReactiveProp) -> None:
        # Free-standing (a Binding has no owner): the host instance disposes its
        # bindings itself, so no owner's list bookkeeping (an O(n) removal per row).
        binding = _Binding(self, name, source)
        binding.next_bound = self._binds
        self._binds = binding

    def _send_bound(self, name: str, before: object, value: object) -> None:
        if name == "text" or name == "src":
            self._special_value(name, before, value)
            return
        kind = self.kind
        if value is None:
            pairs = reset_pairs(kind, name, before) if before is not None else []
        else:
            pairs = convert_prop(kind, name, value)
        if self._collect is not None:
            self._collect.extend(pairs)
        elif pairs:
            self.scene.send_props(self.node, pairs)

    def _unbind(self, name: str) -> object:
        """Stop the binding of `name`; returns the value it last sent (None: no binding)."""
        previous: _Binding | None = None
        binding = self._binds
        while binding is not None:
            if binding.name == name:
                if previous is None:
                    self._binds = binding.next_bound
                else:
                    previous.next_bound = binding.next_bound
                binding.dispose()
                return binding.value
            previous, binding = binding, binding.next_bound
        return None

    # text, src, state styles, handlers ----------------------------------------

    def _special(self, name: str, before: object, value: object) -> None:
        if name == "ref" or name == "on_layout":
            if name == "ref":
                self.scene.attach_ref(self, _ref(before), _ref(value))
            wants = value is not None
            if wants != (before is not None):
                pairs: Pairs = [(Prop.REPORT_LAYOUT, int(wants or self._wants_layout()))]
                if self._collect is not None:
                    self._collect.extend(pairs)
                else:
                    self.scene.send_props(self.node, pairs)
            return
        if name in EVENT_PROPS:
            return  # handlers are looked up on the element when an event arrives
        if name in MOTION_PROPS:
            send_motion(self.scene.buf, self.node, name, before, value,
                        reduced=self.scene.reduced_motion, scroller=self.is_scroller())
            return
        if name in A11Y_PROPS:
            check_a11y_prop(name, value)
            if name == "live":
                if value is None or value == "off":
                    self.scene.live.pop(self.node, None)
                else:
                    self.scene.live[self.node] = self
            return
        if name in STATE_STYLE_PROPS:
            pairs = convert_style(self.kind, value or {}, name)
            self.scene.send_state_props(self.node, STATE_STYLE_PROPS[name], pairs)
            return
        self._unbind(name)
        if is_reactive(value):
            self._bind(name, value)
        else:
            self._special_value(name, before, value)

    def _wants_layout(self) -> bool:
        props = self.element.props
        return props.get("ref") is not None or props.get("on_layout") is not None

    def _special_value(self, name: str, before: object, value: object) -> None:
        scene = self.scene
        if name == "text":
            scene.send_text(self.node, _text_of(value))
        elif name == "src":
            image = scene.images.acquire(cast(str, value)) if value is not None else 0
            if self._image:
                scene.images.release(self._image)
            self._image = image
            image_pairs: Pairs = [(Prop.IMAGE, image)]
            if self._collect is not None:
                self._collect.extend(image_pairs)
            else:
                scene.send_props(self.node, image_pairs)

    # unmount -------------------------------------------------------------------

    def unmount(self, detach: bool) -> None:
        scene = self.scene
        node = self.node
        nodes = scene.nodes
        # (dict.get: the node is this instance's own, so NodeMap's lookup of lazy
        # inner nodes is not needed; one unmount per row of a cleared list)
        if node == 0 or dict.get(nodes, node) is not self:
            return  # never mounted, or unmounted already
        if detach:
            scene.buf.remove(node)
        children = self.children
        if children:
            for child in children:
                child.unmount(False)
            self.children = _NO_CHILDREN
        self.lazy = 0  # inner nodes never made have no entry in scene.nodes
        binding = self._binds
        if binding is not None:
            self._binds = None
            while binding is not None:
                binding.dispose()
                binding = binding.next_bound
        if self._image:
            scene.images.release(self._image)
            self._image = 0
        ref = self.element.props.get("ref")
        if ref is not None:
            scene.attach_ref(self, _ref(ref), None)
        del nodes[node]
        if scene.live:
            scene.live.pop(node, None)
        block = self.block
        if block:
            scene.ids.free_block(node, block)
        elif not self.in_block:
            scene.ids.free(node)

    def child_host_parent(self) -> int:
        return self.node

    def child_instances(self) -> list[Instance]:
        if self.lazy:
            self.materialize()
        return list(self.children)

    def list_children(self, children: list[Instance]) -> None:
        self.children = children

    def host_nodes(self, out: list[int]) -> None:
        out.append(self.node)

    def first_host(self) -> int | None:
        return self.node

    # crash recovery --------------------------------------------------------------

    def replay(self) -> None:
        """Re-send this node and its subtree to a fresh engine (same ids, current values)."""
        scene = self.scene
        buf = scene.buf
        buf.create(self.node, self.kind)
        pairs: Pairs = []
        kind = self.kind
        for name, value in self.element.props.items():
            if value is None or name in EVENT_PROPS or name == "ref" or name in A11Y_PROPS:
                continue
            if is_reactive(value):
                value = untrack(value)
                if value is None:
                    continue
            if name == "text":
                scene.send_text(self.node, _text_of(value))
            elif name == "src":
                pairs.append((Prop.IMAGE, self._image))
            elif name in STATE_STYLE_PROPS:
                scene.send_state_props(self.node, STATE_STYLE_PROPS[name],
                                       convert_style(kind, value, name))
            elif name in MOTION_PROPS:
                send_motion(buf, self.node, name, None, value, reduced=scene.reduced_motion,
                            scroller=self.is_scroller())
            else:
                pairs += convert_prop(kind, name, value)
        if self.element.props.get("ref") is not None or "on_layout" in self.element.props:
            pairs.append((Prop.REPORT_LAYOUT, 1))
        if pairs:
            scene.send_props(self.node, pairs)
        if scene.reduced_motion and self.needs_reduced_scroll():
            send_reduced_scroll(buf, self.node)
        for node in top_hosts(self):
            node.replay()
            buf.insert(self.node, node.node, None)


_EAGER_EVENTS = frozenset({"on_layout"})
"""Handlers that need their node's instance at mount (`on_layout` turns on reporting)."""


def is_plain_prop(name: str, value: object) -> bool:
    """Whether a per-copy prop can be sent for a node that has no instance yet.

    Plain: text, string and other static props, and handlers (looked up on the
    element when an event arrives). Not plain: reactive values (bound by an
    effect), refs, images, motion and anything else kept per instance.
    """
    if name in EVENT_PROPS:
        return name not in _EAGER_EVENTS
    return not callable(value) and name not in _NOT_PLAIN


_NOT_PLAIN = frozenset({"ref", "src", *MOTION_PROPS, *STATE_STYLE_PROPS, *A11Y_PROPS})


Extra: TypeAlias = list[tuple[str, object]]
"""A template copy's props that its template does not carry, for one node."""


class CopyTemplate(Protocol):
    """What a lazily mounted copy needs of its template (see `_templates.py`)."""

    size: int
    kinds: list[HostKind]
    @property
    def spec(self) -> Sequence[tuple[object, ...]]:
        """Per node (pre-order): what a match compares (see `_templates._Template`)."""
        ...

    def match(self, element: Element, flat: list[Element], extras: list[Extra]) -> bool:
        """Whether `element` is a copy; fills `flat` and per-node `extras`."""
        ...


def inner_props_are_plain(extras: list[Extra]) -> bool:
    """Whether every node but the root carries only plain props (see `is_plain_prop`)."""
    for offset in range(1, len(extras)):
        for name, value in extras[offset]:
            if not is_plain_prop(name, value):
                return False
    return True


def changed_offsets(before: list[Extra], after: list[Extra]) -> list[int]:
    """The inner nodes (offsets from 1) of two copies of a template whose per-copy props
    differ (a handler counts as changed only when it is another object)."""
    return [offset for offset in range(1, len(after))
            if not _same_extras(before[offset], after[offset])]


def _same_extras(before: Extra, after: Extra) -> bool:
    if len(before) != len(after):
        return False
    for (name_a, a), (name_b, b) in zip(before, after, strict=True):
        if name_a != name_b or not (a is b or (not callable(b) and _same_value(a, b))):
            return False
    return True


def diff_plain_props(scene: Scene, kind: HostKind, node: int, before: Extra,
                     after: Extra) -> None:
    """Send what changed between two sets of plain props of a node with no instance."""
    if len(before) == 1 == len(after) and before[0][0] == "text" == after[0][0] \
            and after[0][1].__class__ is str:  # the usual change: a new text
        if not _same_value(before[0][1], after[0][1]):
            scene.send_text(node, after[0][1])
        return
    old = dict(before)
    pairs: Pairs = []
    for name, value in after:
        previous = old.pop(name, None)
        if previous is value or name in EVENT_PROPS or _same_value(previous, value):
            continue  # handlers are looked up on the element when an event arrives
        if name == "text":
            scene.send_text(node, _text_of(value))
        else:
            pairs += convert_prop(kind, name, value)
    for name, previous in old.items():
        if name == "text":
            scene.send_text(node, "")
        elif name not in EVENT_PROPS:
            pairs += reset_pairs(kind, name, previous)
    if pairs:
        scene.send_props(node, pairs)


def send_plain_props(scene: Scene, kind: HostKind, node: int,
                     props: Iterable[tuple[str, object]]) -> None:
    """Send the plain props (see `is_plain_prop`) of a node that has no instance."""
    pairs: Pairs = []
    for name, value in props:
        if name == "text":
            scene.send_text(node, _text_of(value))
        elif name not in EVENT_PROPS:
            pairs += convert_prop(kind, name, value)
    if pairs:
        scene.send_props(node, pairs)


_NO_CHILDREN: list[Instance] = []
"""The children of every childless host instance: most nodes are leaves, and an
empty list each costs 56 bytes. Never mutated: `add_child` replaces it."""


def add_child(parent: HostInstance, child: Instance) -> None:
    """Append `child` to `parent`'s children (the shared empty list is never grown)."""
    if parent.children is _NO_CHILDREN:
        parent.children = [child]
    else:
        parent.children.append(child)


class _Binding(Binding[object]):
    """A reactive prop kept in sync: one command per changed value (see `Binding`)."""

    __slots__ = ("instance", "name", "next_bound")

    def __init__(self, instance: HostInstance, name: str, source: ReactiveProp) -> None:
        self.instance = instance
        self.name = name
        self.next_bound: _Binding | None = None
        """The node's next binding (see `HostInstance._binds`)."""
        Binding.__init__(self, source)

    def changed(self, value: object, previous: object) -> None:
        self.instance._send_bound(self.name, previous, value)

    def failed(self, error: Exception) -> None:
        route_error(self.instance, error)


def top_hosts(instance: Instance) -> list[HostInstance]:
    """The host instances whose nodes sit directly under `instance`'s node, in order."""
    out: list[HostInstance] = []
    stack = list(reversed(instance.child_instances()))
    while stack:
        child = stack.pop()
        if isinstance(child, HostInstance):
            out.append(child)
        else:
            stack.extend(reversed(child.child_instances()))
    return out


def _ref(value: object) -> Ref | None:
    """A `ref=` prop value (app code is untyped: a non-Ref fails where it is used)."""
    return cast("Ref | None", value)


def _same_value(a: object, b: object) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


def _text_of(value: object) -> str:
    if value is None:
        return ""  # a removed (or None) text empties the node, as on mount
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"Text content must be a string or a number, got {value!r}")


def reset_pairs(kind: HostKind, name: str, before: object) -> Pairs:
    """Pairs that put back the defaults of the properties `name` = `before` had set."""
    out: Pairs = []
    for prop, _ in convert_prop(kind, name, before):
        spec = PROP_BY_ID[int(prop)]
        # `PropSpec.default` is typed `object`; it holds the value the encoder accepts.
        default = "" if spec.type is PropType.STRING else cast(WireValue, spec.default)
        out.append((prop, default))
    return out


_c_diff_copy = None if speedups is None else speedups.diff_copy
"""The compiled build's `_update_copy` walk (see `_speedups.diff_copy`)."""
_c_send_changed_texts = None if speedups is None else speedups.send_changed_texts
"""The compiled build's texts of a copy's update (see `_speedups.send_changed_texts`)."""
_NO_EXTRA: Extra = []

if speedups is not None:  # the compiled build: the same in C
    speedups.install_copies(is_plain_prop)
    changed_offsets = speedups.changed_offsets
    inner_props_are_plain = speedups.inner_props_are_plain
