"""Queries over the engine's scene, in the spirit of Testing Library.

The source of truth is the engine's own dump (PROTOCOL.md section 7): what
the viewer sees is what the engine laid out, focused and painted, not what
the reconciler believes it sent. `parse_scene` turns a dump into a tree of
`UINode`s; the `find_*` functions match nodes by text, role, test id or
label. Matching rules:

- text: text nodes whose content matches (a `str` exactly after trimming,
  case-insensitive substring with `exact=False`, or a compiled regex).
- role: the node's `role=` property; text and image nodes without one have
  the implicit roles `text` and `image`. `name=` also matches the label or,
  without a label, the visible text.
- test id / label: the `test_id=` / `label=` property, matched like text.

Nodes hidden by `visible=0`, `display=none` or `opacity=0` (and their
subtrees) are never matched and add no visible text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from renderer.lowlevel import STATE_NAMES

__all__ = [
    "Box",
    "MultipleMatches",
    "NoMatch",
    "QueryError",
    "TextMatch",
    "UINode",
    "describe_tree",
    "parse_scene",
]

TextMatch = str | re.Pattern[str]
"""What a text-like query accepts: an exact string or a compiled regex."""

_LINE = re.compile(r"^(?P<indent> *)#(?P<id>\d+) (?P<kind>\w+) "
                   r"\[(?P<x>-?[\d.]+),(?P<y>-?[\d.]+) (?P<w>[\d.]+)x(?P<h>[\d.]+)\](?P<rest>.*)$")
_TOKEN = re.compile(r'\s+(?:"(?P<text>(?:[^"\\]|\\.)*)"|(?P<name>\w+)=(?P<value>"(?:[^"\\]|\\.)*"'
                    r'|\S+)|(?P<flag>\w+))')
_ID_PREFIX = re.compile(r"^( *)#\d+ ", re.MULTILINE)
_STATES = ("focused", "pressed", "disabled", *STATE_NAMES)
_IMPLICIT_ROLES = {"text": "text", "image": "image"}


class QueryError(AssertionError):
    """A `get_by_*` query did not find exactly one node (the message shows the scene)."""


class NoMatch(QueryError):
    """No node matched a `get_by_*` query."""


class MultipleMatches(QueryError):
    """More than one node matched a `get_by_*` query; narrow it (test id, `name=`)."""


@dataclass(frozen=True, slots=True)
class Box:
    """A laid-out box in design units (transforms and scroll offsets not applied)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """`x + width`."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """`y + height`."""
        return self.y + self.height

    @property
    def center(self) -> tuple[float, float]:
        """The centre point."""
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(eq=False, slots=True)
class UINode:
    """One node of the engine's scene as a test sees it."""

    id: int
    """The engine node id."""
    kind: str
    """`view`, `text` or `image`."""
    box: Box
    """Laid-out box in design units."""
    own_text: str | None
    """The content of a text node (None for other kinds)."""
    props: dict[str, str]
    """Non-default properties as the dump prints them (`{"role": "button", ...}`)."""
    flags: frozenset[str]
    """Bare flags: `focusable`, `disabled`, `focused`, `pressed`, ..."""
    line: str
    """The node's dump line, without its id."""
    parent: UINode | None = None
    children: list[UINode] = field(default_factory=list)

    @property
    def role(self) -> str | None:
        """The `role=` property, or `text`/`image` for plain text and image nodes."""
        return self.props.get("role") or _IMPLICIT_ROLES.get(self.kind)

    @property
    def label(self) -> str | None:
        """The accessibility label."""
        return self.props.get("label")

    @property
    def test_id(self) -> str | None:
        """The `test_id=` property."""
        return self.props.get("test_id")

    @property
    def focused(self) -> bool:
        """Whether the engine has focus on this node."""
        return "focused" in self.flags

    @property
    def pressed(self) -> bool:
        """Whether select is held down on this node."""
        return "pressed" in self.flags

    @property
    def disabled(self) -> bool:
        """Whether the node is disabled (skipped by focus, never pressed)."""
        return "disabled" in self.flags

    @property
    def state(self) -> frozenset[str]:
        """The states that apply: a subset of `focused`, `pressed`, `disabled` and the
        accessibility states (`checked`, `selected`, `expanded`, `busy`, `invalid`, `secret`)."""
        return frozenset(s for s in _STATES if s in self.flags)

    @property
    def hidden(self) -> bool:
        """Not painted: `visible=0`, `display=none` or `opacity=0` on this node itself."""
        props = self.props
        return (props.get("visible") == "0" or props.get("display") == "none"
                or props.get("opacity") == "0")

    @property
    def texts(self) -> list[str]:
        """The visible text lines of this node's subtree, in tree order."""
        return [n.own_text for n in self.walk() if n.own_text]

    @property
    def text(self) -> str:
        """The visible text of the subtree, joined by single spaces."""
        return " ".join(self.texts)

    def walk(self) -> Iterator[UINode]:
        """This node and its visible descendants, depth first."""
        if self.hidden:
            return
        yield self
        for child in self.children:
            yield from child.walk()

    def tree(self) -> str:
        """This node's subtree as dump lines without ids."""
        lines: list[str] = []
        _tree_lines(self, 0, lines)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<UINode #{self.id} {self.line}>"


def _tree_lines(node: UINode, depth: int, out: list[str]) -> None:
    out.append("  " * depth + node.line)
    for child in node.children:
        _tree_lines(child, depth + 1, out)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _parse_line(match: re.Match[str]) -> UINode:
    rest = match.group("rest")
    own_text: str | None = None
    props: dict[str, str] = {}
    flags: set[str] = set()
    for token in _TOKEN.finditer(rest):
        if token.group("text") is not None:
            own_text = _unescape(token.group("text"))
        elif token.group("name") is not None:
            value = token.group("value")
            if value.startswith('"'):
                value = _unescape(value[1:-1])
            props[token.group("name")] = value
        elif token.group("flag") is not None:
            flags.add(token.group("flag"))
    box = Box(*(float(match.group(k)) for k in ("x", "y", "w", "h")))
    kind = match.group("kind")
    line = f"{kind} [{match.group('x')},{match.group('y')} {match.group('w')}x{match.group('h')}]"
    return UINode(id=int(match.group("id")), kind=kind, box=box,
                  own_text=own_text if kind == "text" else None, props=props,
                  flags=frozenset(flags), line=line + rest)


def parse_scene(dump: str) -> UINode | None:
    """The attached tree of an engine dump (detached nodes are left out); None if empty."""
    stack: list[tuple[int, UINode]] = []
    root: UINode | None = None
    for raw in dump.splitlines():
        if raw.startswith("detached:"):
            break
        match = _LINE.match(raw)
        if match is None:
            continue
        node = _parse_line(match)
        depth = len(match.group("indent")) // 2
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            node.parent = stack[-1][1]
            stack[-1][1].children.append(node)
        elif root is None:
            root = node
        stack.append((depth, node))
    return root


def describe_tree(dump: str) -> str:
    """The attached part of a dump without node ids: stable across id allocation."""
    attached = dump.split("\ndetached:", 1)[0]
    return _ID_PREFIX.sub(r"\1", attached).rstrip("\n") + "\n"


def text_matches(value: str | None, wanted: TextMatch, *, exact: bool = True) -> bool:
    """Whether `value` matches `wanted` (see the module docstring)."""
    if value is None:
        return False
    if isinstance(wanted, re.Pattern):
        return wanted.search(value) is not None
    if exact:
        return value.strip() == wanted.strip()
    return wanted.strip().lower() in value.lower()


Predicate = Callable[[UINode], bool]


def by_text(wanted: TextMatch, *, exact: bool = True) -> Predicate:
    """Text nodes whose content matches."""
    return lambda n: n.kind == "text" and text_matches(n.own_text, wanted, exact=exact)


def by_role(role: str, *, name: TextMatch | None = None, exact: bool = True) -> Predicate:
    """Nodes with `role` (explicit or implicit) and, if given, a matching label/text."""

    def match(node: UINode) -> bool:
        if node.role != role:
            return False
        if name is None:
            return True
        accessible = node.label if node.label is not None else node.text
        return text_matches(accessible, name, exact=exact)

    return match


def by_prop(prop: str, wanted: TextMatch, *, exact: bool = True) -> Predicate:
    """Nodes whose string property `prop` (`test_id`, `label`) matches."""
    return lambda n: text_matches(n.props.get(prop), wanted, exact=exact)


def find_all(root: UINode | None, predicate: Predicate) -> list[UINode]:
    """Visible nodes matching `predicate`, in tree order."""
    return [] if root is None else [n for n in root.walk() if predicate(n)]
