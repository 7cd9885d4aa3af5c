"""Helpers for the widget tests: a stage that runs a tree through the real engine.

`Stage` mounts an element with `sdk.SceneRoot`, applies every flushed batch
to both the Wasm engine (`renderer.Renderer`, fonts uploaded so text is
measured) and a `SceneDouble`, runs frames, and feeds the engine's events
back to the root, until nothing more happens. Keys go in as real `KEY`
commands. Dump helpers find nodes by test id, text or state.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from renderer import CommandBuffer, Event, FocusEvent, FontSet, Key, KeyAction, Renderer
from renderer.lowlevel import Opcode, iter_commands
from renderer.testing import SceneDouble
from sdk import Element, SceneRoot
from sdk.runtime import AppHalf, DirectTransport, RendererHalf

_FONTS: bytes | None = None


def font_commands() -> bytes:
    global _FONTS
    if _FONTS is None:
        _FONTS = bytes(FontSet().define_commands())
    return _FONTS


class Stage:
    """One tree on the real engine and on the scene double, driven by keys."""

    def __init__(self, element: Element, *, images: Any = None) -> None:
        self.root = SceneRoot(element, images=images)
        self.engine = Renderer()
        self.engine.apply(font_commands())
        self.double = SceneDouble()
        self.now = 0.0
        self.batches: list[bytes] = []
        self.events: list[Event] = []
        # `images` is an image source over an ImageManager (`.manager`): its loads
        # are awaited before each frame so a test sees them in one settle().
        self.manager = images.manager if images is not None else None
        self.step = DirectTransport(AppHalf(self.root, self.manager), RendererHalf(self.engine),
                                    on_batch=self._record)
        self.settle()

    def close(self) -> None:
        self.engine.close()

    def _record(self, batch: bytes) -> None:
        self.double.apply(batch)
        self.batches.append(batch)

    def settle(self, rounds: int = 8) -> list[Event]:
        """Flush, frame and dispatch events until quiet; the events seen."""
        seen: list[Event] = []
        for _ in range(rounds):
            if self.manager is not None:
                self.manager.wait_idle(10)
            events = self.step.step(self.now)
            self.now += 16.0
            seen += events
            if not events and not self.root.dirty:
                break
        self.events += seen
        return seen

    def key(self, key: Key, *, release: bool = True) -> list[Event]:
        """Press (and release) `key` through real `KEY` commands; the events seen."""
        self.step.send_commands(CommandBuffer().key(int(key), KeyAction.DOWN).getvalue())
        seen = self.settle()
        if release:
            self.step.send_commands(CommandBuffer().key(int(key), KeyAction.UP).getvalue())
            seen += self.settle()
        return seen

    def dump(self) -> str:
        return self.engine.dump()

    def focus_events(self, events: list[Event]) -> list[FocusEvent]:
        return [e for e in events if isinstance(e, FocusEvent)]

    def opcodes_since(self, start: int) -> Counter[Opcode]:
        counts: Counter[Opcode] = Counter()
        for data in self.batches[start:]:
            counts.update(Opcode(op) for op, _, _ in iter_commands(data))
        return counts


_LINE = re.compile(r"^(\s*)#(\d+) (\w+) \[(-?[\d.]+),(-?[\d.]+) ([\d.]+)x([\d.]+)\](.*)$")


class Node:
    """One parsed line of an engine dump."""

    def __init__(self, match: re.Match[str]) -> None:
        self.depth = len(match.group(1)) // 2
        self.id = int(match.group(2))
        self.kind = match.group(3)
        self.x, self.y, self.w, self.h = (float(match.group(i)) for i in range(4, 8))
        self.rest = match.group(8)
        self.children: list[Node] = []

    def prop(self, name: str) -> str | None:
        found = re.search(rf" {name}=(\"[^\"]*\"|\S+)", self.rest)
        return None if found is None else found.group(1).strip('"')

    def has(self, flag: str) -> bool:
        return re.search(rf" {flag}(?= |$)", self.rest) is not None

    @property
    def focused(self) -> bool:
        return self.has("focused")

    def text(self) -> str | None:
        found = re.match(r' "((?:[^"\\]|\\.)*)"', self.rest)
        return None if found is None else found.group(1)

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out += child.walk()
        return out

    def __repr__(self) -> str:
        return f"#{self.id} {self.kind} [{self.x},{self.y} {self.w}x{self.h}]{self.rest}"


def parse(dump: str) -> Node:
    """The root node of the attached tree of an engine dump (detached trees ignored)."""
    stack: list[Node] = []
    root: Node | None = None
    for line in dump.splitlines():
        if line.startswith("detached:"):
            break
        match = _LINE.match(line)
        if match is None:
            continue
        node = Node(match)
        while stack and stack[-1].depth >= node.depth:
            stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            root = node
        stack.append(node)
    assert root is not None, f"no nodes in dump:\n{dump}"
    return root


def find(root: Node, **props: str) -> Node:
    """The only node whose props (`test_id="x"`, `role="button"`) match."""
    found = [n for n in root.walk() if all(n.prop(k) == v for k, v in props.items())]
    assert len(found) == 1, f"expected one node with {props}, found {found}"
    return found[0]


def focused(root: Node) -> Node | None:
    nodes = [n for n in root.walk() if n.focused]
    assert len(nodes) <= 1
    return nodes[0] if nodes else None


def texts(node: Node) -> list[str]:
    return [t for t in (n.text() for n in node.walk()) if t is not None]


SMALL = (640, 360)
"""Snapshot size of the widget state tests: the 1280x720 design space at one half."""
DESIGN = (1280.0, 720.0)


def states(node: Node) -> set[str]:
    """The accessibility and engine states a dump line shows (`checked`, `focused`, ...)."""
    names = ("checked", "selected", "expanded", "busy", "invalid", "secret", "focused",
             "pressed", "disabled")
    return {name for name in names if node.has(name)}
