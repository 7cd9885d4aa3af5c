"""The engine's scene dump (PROTOCOL.md section 7) as nodes, for the inspector.

A dump line is `#id kind [x,y wxh] props... flags`, indented two spaces per
level; `detached:` starts the nodes outside the tree. This reads the ids,
kinds, boxes, depth, the `label`/`role`/`test_id` props and the `focused`
flag; the rest of the line is kept as text (the inspector prints it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["DumpNode", "parse_dump", "screen_boxes"]

_LINE = re.compile(r"^(?P<indent> *)#(?P<id>\d+) (?P<kind>\w+) "
                   r"\[(?P<x>-?[\d.]+),(?P<y>-?[\d.]+) (?P<w>-?[\d.]+)x(?P<h>-?[\d.]+)\]"
                   r"(?P<rest>.*)$")
_PROP = re.compile(r'(?P<name>\w+)=(?P<value>"(?:[^"\\]|\\.)*"|\S+)')
_TEXT = re.compile(r'^ "((?:[^"\\]|\\.)*)"')


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


@dataclass(eq=False, slots=True)
class DumpNode:
    """One node of a dump."""

    id: int
    kind: str
    box: tuple[float, float, float, float]
    depth: int
    rest: str
    """The props and flags as the engine printed them."""
    parent: DumpNode | None = None
    children: list[DumpNode] = field(default_factory=list)

    def prop(self, name: str) -> str | None:
        """A printed prop's value (quotes removed), or None."""
        for match in _PROP.finditer(self.rest):
            if match.group("name") == name:
                value = match.group("value")
                return _unescape(value[1:-1]) if value.startswith('"') else value
        return None

    @property
    def focused(self) -> bool:
        """Whether the engine has focus here."""
        return self.rest.endswith(" focused") or " focused " in self.rest

    @property
    def text(self) -> str | None:
        """A text node's string."""
        match = _TEXT.match(self.rest)
        return _unescape(match.group(1)) if match and self.kind == "text" else None

    def describe(self) -> str:
        """`button "Play"` / `view #12`: a short name for a focus path."""
        name = self.prop("label") or self.text or self.prop("test_id")
        role = self.prop("role") or self.kind
        return f'{role} "{name}"' if name else f"{role} #{self.id}"

    def path(self) -> list[DumpNode]:
        """The nodes from the root down to this one."""
        out: list[DumpNode] = []
        node: DumpNode | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def walk(self) -> list[DumpNode]:
        """This node and its descendants, pre-order."""
        out, stack = [], [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


def parse_dump(text: str) -> list[DumpNode]:
    """The attached nodes of a dump, pre-order (the first is the root)."""
    nodes: list[DumpNode] = []
    stack: list[DumpNode] = []
    for raw in text.splitlines():
        if raw.startswith("detached:"):
            break
        match = _LINE.match(raw)
        if match is None:
            continue
        depth = len(match.group("indent")) // 2
        node = DumpNode(int(match.group("id")), match.group("kind"),
                        tuple(float(match.group(k)) for k in "xywh"),  # type: ignore[arg-type]
                        depth, match.group("rest"))
        while stack and stack[-1].depth >= depth:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        stack.append(node)
        nodes.append(node)
    return nodes


def _number(node: DumpNode, name: str) -> float:
    value = node.prop(name)
    try:
        return float(value) if value is not None else 0.0
    except ValueError:
        return 0.0


def screen_boxes(nodes: list[DumpNode]) -> dict[int, tuple[float, float, float, float]]:
    """Each node's box where it shows: the laid-out box moved by its ancestors'
    scroll offsets (`scroll_x`/`scroll_y`) and by its own and its ancestors'
    `translate_x`/`translate_y` (scale and rotation are left out). `nodes` in
    pre-order, as `parse_dump` returns them."""
    shift: dict[int, tuple[float, float]] = {}  # what a node's children move by
    out = {}
    for node in nodes:
        dx, dy = shift.get(node.parent.id, (0.0, 0.0)) if node.parent is not None else (0.0, 0.0)
        dx += _number(node, "translate_x")
        dy += _number(node, "translate_y")
        x, y, w, h = node.box
        out[node.id] = (x + dx, y + dy, w, h)
        shift[node.id] = (dx - _number(node, "scroll_x"), dy - _number(node, "scroll_y"))
    return out
