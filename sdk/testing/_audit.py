"""`accessibility_issues`: what a screen reader or a low-vision viewer would trip on.

Read from the engine's scene (the dump, like every query), so it checks what
the viewer actually gets:

1. **name** - every focusable node (enabled, shown) has a name: a `label=`
   or visible text in its subtree.
2. **role** - every focusable node has a role other than `none`/`view`/
   `text`, and controls carry their state: a `slider` its value
   (`value=`/`min=`/`max=`), a `progress` its value or, indeterminate, the
   `busy` state, a `combobox` its `value_text`, a `switch` or `checkbox` a
   `states=` prop (asked of the reconciler: the dump shows no state when off).
3. **contrast** - every visible text node's colour against the colour behind
   it (the nearest ancestors' backgrounds, composited over the page) reaches
   `MIN_CONTRAST` (WCAG 2 contrast ratio, 4.5:1 for body text). A text
   node's colour is taken with its opacity and its ancestors'. Text inside a
   disabled control is exempt (WCAG 1.4.3: inactive components), so a
   dimmed button may stay dim.

The issues come back as `Issue` values (a kind, the node, a message) so a
test can assert `screen.accessibility_issues() == []` and read the message
when it fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from ._queries import UINode

__all__ = ["MIN_CONTRAST", "Issue", "contrast_ratio", "find_issues"]

MIN_CONTRAST = 4.5
"""The WCAG 2 (AA) minimum contrast ratio for text."""

_NO_ROLE = frozenset({None, "none", "view", "text"})
_RANGES = frozenset({"slider", "progress"})


@dataclass(frozen=True)
class Issue:
    """One accessibility problem on a screen."""

    kind: str
    """`"name"`, `"role"`, `"state"` or `"contrast"`."""
    node: UINode
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message} ({self.node.line})"

    def __repr__(self) -> str:
        return f"Issue({self})"


def _rgba(value: str | None) -> tuple[float, float, float, float] | None:
    if not value or not value.startswith("#") or len(value) != 9:
        return None
    raw = int(value[1:], 16)
    return ((raw >> 24) & 255) / 255, ((raw >> 16) & 255) / 255, ((raw >> 8) & 255) / 255, \
        (raw & 255) / 255


def _over(top: tuple[float, float, float, float], bottom: tuple[float, float, float]
          ) -> tuple[float, float, float]:
    r, g, b, a = top
    return r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    """The WCAG 2 contrast ratio of two opaque sRGB colours (channels 0..1): 1 to 21."""
    a, b = _luminance(fg), _luminance(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def _shown(node: UINode) -> bool:
    walk: UINode | None = node
    while walk is not None:
        if walk.hidden:
            return False
        walk = walk.parent
    return True


def _background(node: UINode) -> tuple[float, float, float]:
    """The colour behind `node`: its ancestors' backgrounds composited, root first."""
    chain: list[UINode] = []
    walk: UINode | None = node
    while walk is not None:
        chain.append(walk)
        walk = walk.parent
    colour = (0.0, 0.0, 0.0)  # an empty surface is black
    for item in reversed(chain):
        bg = _rgba(item.props.get("bg"))
        if bg is not None and bg[3] > 0:
            colour = _over(bg, colour)
    return colour


def _opacity(node: UINode) -> float:
    out = 1.0
    walk: UINode | None = node
    while walk is not None:
        with contextlib.suppress(ValueError):
            out *= float(walk.props.get("opacity", "1"))
        walk = walk.parent
    return out


def _inactive(node: UINode) -> bool:
    walk: UINode | None = node
    while walk is not None:
        if walk.disabled:
            return True
        walk = walk.parent
    return False


def _name(node: UINode) -> str:
    """The label, else the subtree's text where a labelled descendant (a poster) counts by
    its label: what the announcer says (`sdk/a11y/_describe.py`)."""
    if node.label:
        return node.label.strip()
    parts: list[str] = []
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if child.hidden or child.role == "none":
            continue
        if child.label:
            parts.append(child.label)
            continue
        if child.own_text:
            parts.append(child.own_text)
        stack.extend(reversed(child.children))
    return " ".join(p.strip() for p in parts if p.strip())


_TOGGLES = frozenset({"switch", "checkbox"})


def find_issues(root: UINode, *, min_contrast: float = MIN_CONTRAST,
                declares: Callable[[int, str], bool] | None = None) -> list[Issue]:
    """Every issue in `root`'s visible subtree, in tree order (see the module doc).

    `declares(node, prop)`: whether the app gave node `node` the prop (the dump
    cannot tell a switch that is off from one that never says): a `switch` or
    `checkbox` must declare `states=`.
    """
    issues: list[Issue] = []
    for node in root.walk():
        if not _shown(node):
            continue
        role = node.role
        if "focusable" in node.flags and not node.disabled:
            if not _name(node):
                issues.append(Issue("name", node, f"focusable {role or 'node'} has no name: "
                                    "give it a label= or visible text"))
            if role in _NO_ROLE:
                issues.append(Issue("role", node, f"focusable node {_name(node)!r} has no "
                                    "control role: set role= (button, listitem, switch, ...)"))
        if role in _RANGES and "value" not in node.props \
                and not (role == "progress" and "busy" in node.flags):
            issues.append(Issue("state", node, f"{role} {_name(node)!r} has no value: "
                                "set value=, value_min=, value_max= (an indeterminate "
                                "progress: states={'busy'})"))
        if role in _TOGGLES and "checked" not in node.flags and declares is not None \
                and not declares(node.id, "states"):
            issues.append(Issue("state", node, f"{role} {_name(node)!r} never says whether "
                                "it is on: set states={'checked': on}"))
        if role == "combobox" and "value_text" not in node.props:
            issues.append(Issue("state", node, f"combobox {_name(node)!r} has no value_text"))
        if node.kind == "text" and node.own_text and node.own_text.strip() \
                and not _inactive(node):
            colour = _rgba(node.props.get("color"))
            if colour is None:
                continue
            back = _background(node)
            alpha = colour[3] * _opacity(node)
            fg = _over((colour[0], colour[1], colour[2], alpha), back)
            ratio = contrast_ratio(fg, back)
            if ratio < min_contrast - 1e-9:
                issues.append(Issue("contrast", node, f"text {node.own_text!r} has contrast "
                                    f"{ratio:.2f}:1 against its background (at least "
                                    f"{min_contrast}:1 needed)"))
    return issues
