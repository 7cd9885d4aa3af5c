"""Mounted instances and the children diff (the reconciler's core algorithm).

Every mounted element becomes an instance: a `HostInstance` owns one scene
node; a `ComponentInstance` owns the instance its body rendered; fragments
and control-flow instances own lists of children. An instance knows its
`host_parent` (the node its top-level nodes live under) and reports its
top-level nodes in order (`host_nodes`), which is what moves and inserts need.

The children diff, for a list of old instances and new elements:

1. Each element gets a match key: its `key` if it has one, else its position
   among the unkeyed siblings. Duplicate keys are an error naming the key and
   the parent.
2. The common prefix and suffix (same key and type) are updated in place.
3. Old instances whose key is gone, or whose type changed, are unmounted:
   one `REMOVE` per top-level node; when every old instance goes and their
   nodes are all the parent node has, one `CLEAR_CHILDREN` (`unmount_all`).
4. In the middle, the old positions of the kept instances form a sequence; its
   longest increasing subsequence stays put, every other kept instance is
   moved (one `INSERT` per top-level node). Walking right to left, each
   instance is inserted before the first node of its right neighbour, so the
   number of moves is the minimum (middle length - LIS length).
5. Once every child is in place (and the parent lists them in the new order),
   kept instances are updated with their new element, left to right (an
   identical element is skipped; a component with equal props is not
   re-rendered).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterator, Sequence
from typing import TYPE_CHECKING

from ._element import Element, Special, normalize_children, type_name

if TYPE_CHECKING:
    from signals import Owner

    from ._hooks import HookState
    from ._scene import Scene

__all__ = ["Instance", "longest_increasing_subsequence", "reconcile_children", "route_error",
           "unmount_all", "walk"]

APPEND = None


class Instance:
    """A mounted element. Subclasses implement mount/update/unmount/host_nodes."""

    __slots__ = ("depth", "element", "host_parent", "owner", "parent", "scene")

    is_host = False
    """Whether the instance owns a scene node of its own (a `HostInstance`)."""
    templated = False
    """Whether host subtrees mounted directly below are templated at once (`For` rows)."""

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        self.scene = scene
        self.element = element
        self.parent = parent
        self.host_parent = host_parent
        self.owner = owner
        self.depth: int = 0 if parent is None else parent.depth + 1

    def child_host_parent(self) -> int:
        """The node this instance's children's nodes live under."""
        return self.host_parent

    def mount(self, before: int | None) -> None:
        """Create this instance's nodes under `host_parent`, before node `before`."""
        raise NotImplementedError

    def update(self, element: Element) -> None:
        """Bring the mounted nodes in line with `element` (same type and key)."""
        raise NotImplementedError

    def unmount(self, detach: bool) -> None:
        """Dispose and remove; `detach` is False when an ancestor node's REMOVE covers us."""
        raise NotImplementedError

    def host_nodes(self, out: list[int]) -> None:
        """Append this instance's top-level node ids, in order."""
        raise NotImplementedError

    def rerender(self) -> None:
        """Render again after a signal it read changed (instances that render override)."""

    def first_host(self) -> int | None:
        """The first top-level node id, or None if this instance shows nothing."""
        out: list[int] = []
        self.host_nodes(out)
        return out[0] if out else None

    def child_instances(self) -> list[Instance]:
        """The instances this one directly owns and shows, in order."""
        return []

    def list_children(self, children: list[Instance]) -> None:
        """Keep `children` as this instance's child list (a children diff's result)."""

    def replay_offscreen(self) -> None:
        """Re-send nodes kept outside the tree (a waiting `Deferred`'s) after a crash."""

    @property
    def hook_state(self) -> HookState | None:
        """The hook slots of a component instance (None for hosts and control flow)."""
        return None

    def signals_read(self) -> list[object]:
        """What the last render read (components; empty for the rest)."""
        return []

    @property
    def detached_content(self) -> Instance | None:
        """Content mounted off-screen, in a container of its own (a waiting `Deferred`'s)."""
        return None

    def capture(self, error: BaseException) -> bool:
        """Take `error` from a descendant; False lets it travel up (boundaries override)."""
        return False

    def move_before(self, before: int | None) -> None:
        """Move every top-level node before `before` (one INSERT each)."""
        out: list[int] = []
        self.host_nodes(out)
        buf = self.scene.buf
        for node in out:
            buf.insert(self.host_parent, node, before)

    @property
    def name(self) -> str:
        """The element type's name (for errors)."""
        return type_name(self.element.type)

    def component_path(self) -> str:
        """`App > Page > Card`: the components above and including this instance."""
        names = []
        node: Instance | None = self
        while node is not None:
            if not _is_host(node) and node.parent is not None:  # the root is no component
                names.append(node.name)
            node = node.parent
        return " > ".join(reversed(names)) or self.name


def walk(instance: Instance) -> Iterator[Instance]:
    """`instance` and every instance below it, pre-order (off-screen content too)."""
    stack = [instance]
    while stack:
        node = stack.pop()
        yield node
        detached = node.detached_content
        if detached is not None:
            stack.append(detached)
        stack.extend(reversed(node.child_instances()))


def _is_host(instance: Instance) -> bool:
    return instance.is_host


def route_error(instance: Instance | None, error: BaseException) -> None:
    """Send `error` to the nearest instance above `instance` that captures it.

    With no boundary above, the error is kept in `scene.errors` (raised at the
    end of the flush); with no instance at all it is raised now.
    """
    node = instance
    while node is not None:
        if node.capture(error):
            return
        node = node.parent
    if instance is not None:
        instance.scene.errors.append(error)
    else:
        raise error


def same_kind(a: Element, b: Element) -> bool:
    """Whether `b` can update an instance of `a` (same type and key)."""
    return a.type is b.type and a.key == b.key


def match_keys(elements: Sequence[Element], parent: Instance) -> list[Hashable]:
    """Match keys: explicit keys, or the position among unkeyed siblings."""
    keys: list[Hashable] = []
    seen: set[Hashable] = set()
    position = 0
    for element in elements:
        if element.key is None:
            key: Hashable = (_POSITION, position)
            position += 1
        else:
            key = element.key
            if key in seen:
                raise KeyError(
                    f"duplicate key {key!r} among the children of {parent.component_path()}: "
                    "keys must be unique among siblings"
                )
        seen.add(key)
        keys.append(key)
    return keys


class _Position:
    __slots__ = ()

    def __repr__(self) -> str:
        return "position"


_POSITION = _Position()


def instance_key(instance: Instance, position: int) -> tuple[Hashable, int]:
    """The match key of an old instance (`position`: index among unkeyed ones)."""
    key = instance.element.key
    return ((_POSITION, position), 1) if key is None else (key, 0)


def reconcile_children(parent: Instance, old: list[Instance], elements: Sequence[Element],
                       end: int | None) -> list[Instance]:
    """Diff `old` against `elements`; returns the new instance list (see the module doc).

    `end` is the node the last child's nodes sit before (None: append).
    """
    scene = parent.scene
    if not old:
        return _mount_all(parent, elements, end)
    if not elements:
        unmount_all(scene, parent.child_host_parent(), old)
        return []
    new_keys = match_keys(elements, parent)
    old_keys = _old_keys(old)
    n_old, n_new = len(old), len(elements)
    # 2. common prefix and suffix
    start = 0
    while (start < n_old and start < n_new and old_keys[start] == new_keys[start]
           and old[start].element.type is elements[start].type):
        start += 1
    old_end, new_end = n_old, n_new
    while (old_end > start and new_end > start
           and old_keys[old_end - 1] == new_keys[new_end - 1]
           and old[old_end - 1].element.type is elements[new_end - 1].type):
        old_end -= 1
        new_end -= 1
    result: list[Instance | None] = [None] * n_new
    for i in range(start):
        result[i] = old[i]
    for j in range(new_end, n_new):
        result[j] = old[old_end + j - new_end]
    # 3. the middle: index the old, unmount the gone
    old_index: dict[Hashable, int] = {}
    for i in range(start, old_end):
        old_index[old_keys[i]] = i
    sources: list[int] = [-1] * (new_end - start)
    for j in range(start, new_end):
        i = old_index.pop(new_keys[j], -1)
        if i >= 0 and old[i].element.type is elements[j].type:
            sources[j - start] = i
            result[j] = old[i]
        elif i >= 0:
            old_index[("replaced", i)] = i  # same key, other type: unmount below
    if len(old_index) == n_old:  # nothing kept: maybe one CLEAR_CHILDREN
        unmount_all(scene, parent.child_host_parent(), old)
    else:
        for i in old_index.values():
            old[i].unmount(True)
    # 4. moves and mounts, right to left
    keep = set(longest_increasing_subsequence([s for s in sources if s >= 0]))
    anchor = _first_host_of(result, new_end, end)
    created: list[Instance] = []
    try:
        for j in range(new_end - 1, start - 1, -1):
            source = sources[j - start]
            slot = result[j]
            if slot is None:
                instance = scene.create(elements[j], parent, parent.child_host_parent(),
                                        parent.owner)
                created.append(instance)
                instance.mount(anchor)
                result[j] = instance
            else:
                instance = slot
                if source not in keep:
                    instance.move_before(anchor)
            first = instance.first_host()
            if first is not None:
                anchor = first
        children = [inst for inst in result if inst is not None]
        # 5. updates, once every child is in its final place and the parent lists
        # them in order: an update that adds nodes to a child that showed none
        # looks up its next sibling (`next_host_after`), which must not find a
        # removed or not yet moved one.
        parent.list_children(children)
        fresh = set(map(id, created))
        for j, instance in enumerate(children):
            if id(instance) not in fresh:
                _update(instance, elements[j])
    except BaseException:
        # Leave no half-built rows behind: the caller keeps its old list, whose
        # instances are unmounted (idempotently) by whoever handles the error.
        for instance in created:
            instance.unmount(True)
        raise
    return children


def unmount_all(scene: Scene, host_parent: int, instances: Sequence[Instance],
                owner: Instance | None = None) -> None:
    """Unmount `instances`, which all sit under node `host_parent` (and are all the
    children of `owner`, when given).

    When their top-level nodes are every child `host_parent` has, one
    `CLEAR_CHILDREN` removes them all instead of one `REMOVE` each; the
    instances then unmount as if an ancestor's removal covered them (ids,
    bindings, refs and images are released the same way either way).
    """
    detach = not _clear_children(scene, host_parent, instances, owner)
    for instance in instances:
        instance.unmount(detach)


def _clear_children(scene: Scene, host_parent: int, instances: Sequence[Instance],
                    owner: Instance | None) -> bool:
    """Send `CLEAR_CHILDREN` if `instances` show all of `host_parent`'s children."""
    host = scene.nodes.get(host_parent)
    if host is None:
        return False  # the root view or a Deferred's container: its children are not listed
    children = host.child_instances()
    if owner is not None and len(children) == 1 and children[0] is owner:
        # Everything under the node is the owner's (a list alone in its parent): no
        # need to list the nodes, only to see that at least two are shown.
        shown = 0
        for instance in instances:
            if instance.first_host() is not None:
                shown += 1
                if shown == 2:
                    scene.buf.clear_children(host_parent)
                    return True
        return False  # one REMOVE is as short, and none is needed for no node
    mine: list[int] = []
    for instance in instances:
        instance.host_nodes(mine)
    if len(mine) < 2:
        return False  # one REMOVE is as short, and none is needed for no node
    # Every node under a host node is a top-level node of one of its child
    # instances (siblings, a Deferred's fallback, ...): any extra one means
    # the parent keeps children, and only REMOVEs are right.
    everything: list[int] = []
    for child in children:
        child.host_nodes(everything)
    if len(everything) != len(mine):
        return False
    scene.buf.clear_children(host_parent)
    return True


def _update(instance: Instance, element: Element) -> None:
    if instance.element is not element:
        instance.update(element)


def _first_host_of(result: list[Instance | None], index: int, end: int | None) -> int | None:
    for j in range(index, len(result)):
        instance = result[j]
        if instance is not None:
            first = instance.first_host()
            if first is not None:
                return first
    return end


def _old_keys(old: list[Instance]) -> list[Hashable]:
    keys: list[Hashable] = []
    position = 0
    for instance in old:
        key = instance.element.key
        if key is None:
            keys.append((_POSITION, position))
            position += 1
        else:
            keys.append(key)
    return keys


def _mount_all(parent: Instance, elements: Sequence[Element], end: int | None) -> list[Instance]:
    match_keys(elements, parent)  # duplicate keys are an error even on first mount
    scene = parent.scene
    out: list[Instance] = []
    host_parent = parent.child_host_parent()
    try:
        for element in elements:
            instance = scene.create(element, parent, host_parent, parent.owner)
            instance.mount(end)
            out.append(instance)
    except BaseException:
        for instance in out:
            instance.unmount(True)
        raise
    return out


def longest_increasing_subsequence(values: Sequence[int]) -> list[int]:
    """The values of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []  # the smallest tail value of an increasing run of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        at = bisect_left(tails, value)
        if at:
            previous[i] = tail_index[at - 1]
        if at == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[at] = value
            tail_index[at] = i
    out: list[int] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        out.append(values[k])
        k = previous[k]
    out.reverse()
    return out


def normalize_output(output: object, where: str) -> Element:
    """A render result as one element: None -> empty fragment, lists -> fragment."""
    if isinstance(output, Element):
        return output
    if output is None or output is False or output is True:
        return Element(Special.FRAGMENT, {}, ())
    if isinstance(output, (list, tuple)):
        return Element(Special.FRAGMENT, {}, normalize_children(output, where))
    raise TypeError(
        f"{where} returned {output!r} ({type(output).__name__}); a component must return an "
        "element (View(...), Text(...), another component), a list of them, or None"
    )


def siblings_of(instance: Instance) -> list[Instance]:
    """The list `instance` sits in under its parent (a single child is a list of one)."""
    parent = instance.parent
    if parent is None:
        return [instance]
    return parent.child_instances() or [instance]


def next_host_after(instance: Instance) -> int | None:
    """The first node after `instance`'s nodes under the same host parent (None: the end)."""
    node: Instance | None = instance
    while node is not None:
        parent = node.parent
        siblings = siblings_of(node) if parent is not None else []
        found = False
        for sibling in siblings:
            if found:
                first = sibling.first_host()
                if first is not None:
                    return first
            elif sibling is node:
                found = True
        if parent is None or parent.is_host:
            return None
        if parent.detached_content is node:
            return None  # a Deferred's content waiting in its detached container
        node = parent
    return None
