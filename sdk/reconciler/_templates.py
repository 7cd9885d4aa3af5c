"""Templates: repeated static structure crosses the boundary once.

When a host subtree is mounted, its *shape* is computed: node kinds, the tree
structure, and the props that are the same on every copy (static layout and
style values). Text content, string props (`label`, `test_id`, `value_text`),
images, reactive props, handlers and refs are per copy and are left out. The second
time a shape is mounted (the first time for a `For` row, which is made to be
repeated), the shape is defined once as a protocol template, and every copy
is one `INSTANTIATE` at a block of consecutive ids plus the per-copy props.

Only subtrees made of host elements alone qualify (a component inside could
render anything), with at least two nodes (one node gains nothing). Shapes
and templates are bounded LRU caches; evicting a template releases it in the
engine (existing copies are unaffected).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, TypeAlias

from renderer import APPEND, CommandBuffer, Dim
from renderer.lowlevel import Opcode

from ._element import Element, HostType, host_type
from ._host import Extra, HostInstance, add_child, inner_props_are_plain, send_plain_props
from ._host_props import (
    EVENT_PROPS,
    RULES,
    STATE_STYLE_PROPS,
    Pairs,
    _SelfNode,
    convert_prop,
    convert_style,
)
from ._ids import MAX_BLOCK_NODES
from ._native import speedups

if TYPE_CHECKING:
    from ._instance import Instance
    from ._scene import Scene
    from ._strings import StringTable

__all__ = ["Templates"]

MAX_SHAPES = 1024
"""Distinct shapes remembered (to notice the second copy)."""
MAX_TEMPLATES = 256
"""Templates kept defined in the engine."""
MAX_NODES = MAX_BLOCK_NODES
"""Larger subtrees are not templated (their shape costs more than it saves)."""

_PER_COPY = frozenset({"text", "src", "ref", "label", "test_id", "value_text", "transition",
                       "animate",
                       # Node ids are per copy (and a Ref's node changes over time).
                       "next_up", "next_down", "next_left", "next_right", *EVENT_PROPS})

Shape: TypeAlias = tuple[object, ...]
"""A node kind, static prop names and values, then the children's shapes (hashable)."""


class _Template:
    __slots__ = ("baked", "id", "kinds", "parents", "size", "spec")

    def __init__(self, template_id: int, flat: list[Element], baked: list[frozenset[str]]
                 ) -> None:
        self.id = template_id
        self.size = len(flat)
        self.baked = baked
        """Per node (pre-order): the prop names the template already carries."""
        self.spec = [(el.type, {name: el.props[name] for name in names}, len(el.children),
                      _SHAPE_NAMES[host_type(el).kind], _prop_order(el, names))
                     for el, names in zip(flat, baked, strict=True)]
        """Per node (pre-order): its type, its baked prop values, its number of children,
        the prop names a template may carry for its kind, and the props of the copy it
        was defined from, in order (see `_prop_order`)."""
        self.kinds = [host_type(el).kind for el in flat]
        """Per node (pre-order): its kind."""
        self.parents = _parent_indexes(flat)
        """Per node (pre-order): the index of its parent (-1 for the root)."""

    def match(self, element: Element, flat: list[Element], extras: list[Extra]) -> bool:
        """Whether `element`'s subtree is a copy of this template.

        On a match, `flat` holds its nodes (pre-order) and `extras` each node's
        props the template does not carry. Cheaper than computing the shape: no
        tuples are built, nothing is hashed, and a value the template carries is
        compared by identity first.
        """
        if _c_match is not None:  # the compiled build: the same walk in C
            n_flat, n_extras = len(flat), len(extras)
            matched = _c_match(self.spec, self.size, element, flat, extras, _NO_EXTRA)
            if matched is not None:
                return bool(matched)
            del flat[n_flat:], extras[n_extras:]  # a node it leaves to Python: start over
        return self._match(element, flat, extras)

    def _match(self, element: Element, flat: list[Element], extras: list[Extra]) -> bool:
        spec = self.spec
        stack = [element]
        index = 0
        size = self.size
        missing = _MISSING
        while stack:
            el = stack.pop()
            if index == size:
                return False
            kind, values, n_children, names, _ = spec[index]
            index += 1
            children = el.children
            if el.type is not kind or len(children) != n_children:
                return False
            # The props split (`_split_props`), inlined: this loop runs per node per row.
            extra: Extra | None = None
            found = 0
            for name, value in el.props.items():
                want = values.get(name, missing)
                if want is value:  # the usual case: the very value the template carries
                    found += 1
                    continue
                if value is None:
                    continue
                if name in names and not callable(value):
                    if want is missing or not _equal(want, value):
                        return False
                    found += 1
                elif extra is None:
                    extra = [(name, value)]
                else:
                    extra.append((name, value))
            if found != len(values):
                return False
            flat.append(el)
            extras.append(_NO_EXTRA if extra is None else extra)
            if children:
                stack.extend(reversed(children))
        return index == size


class Templates:
    """Decides when a host subtree is instantiated from a template, and defines them."""

    def __init__(self, scene: Scene) -> None:
        self._scene = scene
        self._seen: OrderedDict[Shape, int] = OrderedDict()
        self._defined: OrderedDict[Shape, _Template] = OrderedDict()
        self._last_row: _Template | None = None
        """The template the last `For` row was made from (the next row is most likely one)."""
        self._next_id = 1
        self.instantiations = 0
        """How many subtrees were created from templates (for tests and benchmarks)."""

    def mount(self, root: HostInstance, before: int | None) -> bool:
        """Mount `root`'s subtree from a template and insert it before `before`, if it
        is (or now becomes) one; False: mount it node by node (nothing was done)."""
        element = root.element
        if not element.children:
            return False
        parent = root.parent
        flat: list[Element] = []
        row = parent is not None and parent.templated
        last = self._last_row
        if row and last is not None:  # a For row: most likely a copy of the last one
            extras: list[Extra] = []
            if last.match(element, flat, extras):
                _instantiate(self, last, flat, extras, root, before)
                return True
            flat.clear()
        shape = _shape(element, flat)
        if shape is None or len(flat) < 2:
            return False
        try:
            hash(shape)
        except TypeError:
            return False  # an unhashable prop value: mount node by node
        template = self._defined.get(shape)
        if template is None:
            if not self._is_repeat(shape, parent):
                return False
            template = self._define(shape, flat, [_baked(el) for el in flat])
        else:
            self._defined.move_to_end(shape)
        split: list[Extra] | None = None
        if row:
            self._last_row = template
            split = []
            if not template.match(element, [], split):  # split the props as later rows do
                split = None
        _instantiate(self, template, flat, split, root, before)
        return True

    def _is_repeat(self, shape: Shape, parent: Instance | None) -> bool:
        if parent is not None and parent.templated:
            return True  # a For row: made to be repeated
        seen = self._seen
        if shape in seen:
            return True
        seen[shape] = 1
        if len(seen) > MAX_SHAPES:
            seen.popitem(last=False)
        return False

    def _define(self, shape: Shape, flat: list[Element], baked: list[frozenset[str]]
                ) -> _Template:
        body = CommandBuffer()
        index = {id(el): i + 1 for i, el in enumerate(flat)}
        for local, el in enumerate(flat, 1):
            kind = host_type(el).kind
            body.create(local, kind)
            pairs = []
            for name in baked[local - 1]:
                value = el.props[name]
                if name in STATE_STYLE_PROPS:
                    body.set_state_props(local, STATE_STYLE_PROPS[name],
                                         _wire(convert_style(kind, value, name), local))
                else:
                    pairs += convert_prop(kind, name, value)
            if pairs:
                body.set_props(local, _wire(pairs, local))
        for el in flat:
            for child in el.children:
                body.insert(index[id(el)], index[id(child)], None)
        template = _Template(self._next_id, flat, baked)
        self._next_id += 1
        self._scene.buf.define_template(template.id, template.size, body)
        self._defined[shape] = template
        if len(self._defined) > MAX_TEMPLATES:
            _, old = self._defined.popitem(last=False)
            self._scene.buf.release_template(old.id)
            if old is self._last_row:
                self._last_row = None
        return template

    def forget_all(self) -> None:
        """A fresh engine knows no templates (id blocks stay allocated)."""
        self._seen.clear()
        self._defined.clear()
        self._last_row = None


def set_inner_texts(extras: list[Extra], base: int, strings: StringTable, buf: CommandBuffer
                    ) -> list[int]:
    """`SET_TEXT` for each inner node of a copy at `base` whose one per-copy prop is a
    text (most inner nodes of a row); returns the other inner nodes with props."""
    rest = []
    for offset in range(1, len(extras)):
        extra = extras[offset]
        if not extra:
            continue
        if len(extra) == 1:
            name, value = extra[0]
            if name == "text" and value.__class__ is str:
                buf.set_text(base + offset, strings.id_for(value, buf) if value else 0)
                continue
        rest.append(offset)
    return rest


def _instantiate(templates: Templates, template: _Template, flat: list[Element],
                 extras: list[Extra] | None, root: HostInstance, before: int | None) -> None:
    """Create `root`'s subtree (its nodes `flat`, pre-order) as a copy of `template`:
    INSTANTIATE, then the per-copy props (`extras`, per node; None: not split yet),
    then INSERT before `before`."""
    scene = templates._scene
    base = scene.ids.alloc_block(template.size)
    templates.instantiations += 1
    root.node = base
    root.block = template.size
    scene.nodes[base] = root
    # (INSTANTIATE and INSERT together, as the compiled build writes them: nothing
    # between them refers to the copy's ids before its props do.)
    if instantiate_copy is not None:
        instantiate_copy(scene.buf, template.id, base, root.host_parent, before)
    else:
        scene.buf.instantiate(template.id, base)
        scene.buf.insert(root.host_parent, base, before)
    if extras is not None and inner_props_are_plain(extras):
        _lazy_copy(scene, template, root, base, extras)
    else:
        _eager_copy(scene, template, flat, extras, root, base)


def _lazy_copy(scene: Scene, template: _Template, root: HostInstance, base: int,
               extras: list[Extra]) -> None:
    """Only the root gets an instance; inner nodes map to it until materialized."""
    root.lazy = template.size - 1  # inner ids get no entry in scene.nodes (see NodeMap)
    root.template = template
    try:
        if extras[0]:
            root.apply_props(extras[0])
        kinds = template.kinds
        for offset in set_inner_texts(extras, base, scene.strings, scene.buf):
            send_plain_props(scene, kinds[offset], base + offset, extras[offset])
    except BaseException:
        root.unmount(True)
        raise


def _eager_copy(scene: Scene, template: _Template, flat: list[Element],
                extras: list[Extra] | None, root: HostInstance, base: int) -> None:
    """Every node gets its instance now (some inner prop needs one)."""
    nodes = scene.nodes
    instances = [root]
    owner = root.owner
    parents = template.parents
    for offset in range(1, template.size):
        parent = instances[parents[offset]]
        inst = HostInstance(scene, flat[offset], parent, parent.node, owner)
        inst.node = node = base + offset
        inst.in_block = True
        nodes[node] = inst
        add_child(parent, inst)
        instances.append(inst)
    try:
        if extras is not None:
            for inst, extra in zip(instances, extras, strict=True):
                if extra:
                    inst.apply_props(extra)
        else:
            for inst, el, baked in zip(instances, flat, template.baked, strict=True):
                inst.apply_props(el.props.items(), baked)
    except BaseException:
        root.unmount(True)
        raise


PER_COPY = object()
"""In a template's prop order: a prop the template does not carry."""


def _prop_order(element: Element, baked: frozenset[str]) -> tuple[tuple[str, object, bool], ...]:
    """`element`'s props in order, as (name, the value the template carries or
    `PER_COPY`, whether a template may carry that name).

    Rows rendered by the same code pass their props in the same order with the same
    name objects: the compiled match walks a row's props against this, comparing
    pointers, and falls back to looking each name up when anything differs.
    """
    names = _SHAPE_NAMES[host_type(element).kind]
    return tuple((name, value if name in baked else PER_COPY, name in names)
                 for name, value in element.props.items())


def _wire(pairs: Pairs, node: int) -> list[tuple[int, int | float | str | Dim]]:
    """`pairs` as the encoder takes them (`SELF_NODE` is the template-local node)."""
    return [(prop, node if isinstance(value, _SelfNode) else value) for prop, value in pairs]


def _equal(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def _parent_indexes(flat: list[Element]) -> list[int]:
    index = {id(el): i for i, el in enumerate(flat)}
    parents = [-1] * len(flat)
    for i, el in enumerate(flat):
        for child in el.children:
            parents[index[id(child)]] = i
    return parents


_MISSING = object()
_NO_EXTRA: Extra = []
"""A node's extras when it has none (shared: nothing appends to an `extras` entry)."""


def _baked(element: Element) -> frozenset[str]:
    """The props of `element` that its template carries (see `_shape`)."""
    names = _SHAPE_NAMES[host_type(element).kind]
    return frozenset(name for name, value in element.props.items()
                     if name in names and value is not None and not callable(value))


def _shape(element: Element, flat: list[Element]) -> Shape | None:
    """The element's shape (and its pre-order nodes), or None if it cannot be templated.

    The shape is the node kind, then name, value pairs of the props the
    template carries (static style and layout values; state styles as item
    tuples), then the children's shapes.
    """
    kind = element.type
    if type(kind) is not HostType or len(flat) >= MAX_NODES:
        return None
    flat.append(element)
    names = _SHAPE_NAMES[kind.kind]
    parts: list[object] = [kind.kind]
    for name, value in element.props.items():
        if name in names and value is not None and not callable(value):
            if value.__class__ is dict:
                value = tuple(value.items())
            parts.append(name)
            parts.append(value)
    for child in element.children:
        sub = _shape(child, flat)
        if sub is None:
            return None
        parts.append(sub)
    return tuple(parts)


_SHAPE_NAMES = {kind: frozenset((set(rules) | set(STATE_STYLE_PROPS)) - _PER_COPY)
                for kind, rules in RULES.items()}
"""Per node kind: the prop names a template may carry."""

instantiate_copy = None
"""The compiled build's `INSTANTIATE` + `INSERT` of a copy (`_speedups.instantiate_copy`)."""
if speedups is not None:  # the compiled build: the same in C
    speedups.install_match(_equal, PER_COPY)
    speedups.install_copy_commands(int(Opcode.INSTANTIATE) | 8 << 8, int(Opcode.INSERT) | 12 << 8,
                                   APPEND)
    set_inner_texts = speedups.set_inner_texts
    instantiate_copy = speedups.instantiate_copy
_c_match = None if speedups is None else speedups.match
