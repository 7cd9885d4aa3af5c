"""One "page": an app, a fresh engine and a painter on a persistent 1920x1080 surface.

`step(action)` is one click: the app side is the action plus the app's
`flush()` (signals, render, diff, encoding); the renderer side is `apply` +
`frame` + the damage paint. Both are timed with `perf_counter`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter
from typing import Protocol

from renderer import CommandBuffer, FontSet, OffscreenSurface, Painter, Renderer
from renderer.lowlevel import iter_commands, opcode_name

from ._store import Store

FRAME_MS = 1000.0 / 60.0
MEMORY_LIMIT = 256 * 1024 * 1024
"""The engine's default 64 MB cap does not hold 10,000 rows (50,000 nodes need ~89 MB)."""


class App(Protocol):
    """What both benchmark apps offer."""

    name: str
    store: Store

    def run(self) -> None: ...
    def run_lots(self) -> None: ...
    def add(self) -> None: ...
    def update(self) -> None: ...
    def clear(self) -> None: ...
    def swap_rows(self) -> None: ...
    def select(self, row_id: int) -> None: ...
    def delete(self, row_id: int) -> None: ...
    def flush(self) -> bytes: ...
    def applied(self) -> None: ...


@dataclass
class Step:
    """One measured click."""

    app_ms: float
    renderer_ms: float
    batch: bytes = field(repr=False)

    @property
    def total_ms(self) -> float:
        return self.app_ms + self.renderer_ms


def opcode_counts(batch: bytes) -> Counter[str]:
    """Commands per opcode name in `batch`."""
    return Counter(opcode_name(op) for op, _, _ in iter_commands(batch))


def opcode_bytes(batch: bytes) -> Counter[str]:
    """Encoded bytes (header included) per opcode name in `batch`."""
    out: Counter[str] = Counter()
    for op, _, length in iter_commands(batch):
        out[opcode_name(op)] += 4 + length
    return out


class Page:
    """An app mounted on a fresh engine, painted on `surface`."""

    def __init__(self, app: App, fonts: FontSet, surface: OffscreenSurface) -> None:
        self.app = app
        self.renderer = Renderer(memory_limit=MEMORY_LIMIT)
        self.painter = Painter(surface, fonts=fonts)
        self.now = 0.0
        prelude = CommandBuffer().extend(fonts.define_commands())
        prelude.set_viewport(surface.width, surface.height, 1920.0, 1080.0)
        self.renderer.apply(prelude)
        self.step(lambda: None)

    def step(self, action: Callable[[], object]) -> Step:
        """Click: run `action`, flush the app, apply, frame and paint; time both sides."""
        app, renderer = self.app, self.renderer
        t0 = perf_counter()
        action()
        batch = app.flush()
        t1 = perf_counter()
        if batch:
            renderer.apply(batch)
        self.now += FRAME_MS
        self.painter.paint_output(renderer.frame(self.now))
        t2 = perf_counter()
        app.applied()
        return Step((t1 - t0) * 1e3, (t2 - t1) * 1e3, batch)

    def scene(self) -> Scene:
        """What the engine shows now (parsed from its dump)."""
        return parse_scene(self.renderer.dump())

    def table(self) -> list[tuple[str, str, bool]]:
        """The rows the engine shows: (id text, label text, highlighted), in order."""
        return [(r.id_text, r.label, r.selected) for r in self.scene().rows]

    def close(self) -> None:
        self.renderer.close()


_LINE = re.compile(r'^( *)#(\d+) (\w+)(?: \[[^\]]*\])?(?: "((?:[^"\\]|\\.)*)")?(.*)$')


@dataclass
class RowView:
    """One table row as the engine shows it."""

    node: int
    selected: bool
    texts: list[str] = field(default_factory=list)

    @property
    def id_text(self) -> str:
        return self.texts[0]

    @property
    def label(self) -> str:
        return self.texts[1]


@dataclass
class Scene:
    """The engine's tree: every node's parent, and the table rows (the depth-2 views)."""

    parents: dict[int, int]
    rows: list[RowView]

    def removed_by(self, removed: set[int], node: int,
                   cleared: frozenset[int] | set[int] = frozenset()) -> bool:
        """Whether `node` or one of its ancestors is in `removed`, or an ancestor in `cleared`."""
        if node in removed:
            return True
        node = self.parents.get(node, 0)
        while node:
            if node in removed or node in cleared:
                return True
            node = self.parents.get(node, 0)
        return False


def parse_scene(dump: str) -> Scene:
    """Parse an engine dump (root, table, rows of four cells)."""
    parents: dict[int, int] = {}
    stack: list[int] = []
    rows: list[RowView] = []
    for line in dump.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        depth = len(match.group(1)) // 2
        node = int(match.group(2))
        del stack[depth:]
        parents[node] = stack[-1] if stack else 0
        stack.append(node)
        if depth == 2:
            rows.append(RowView(node, " bg=" in match.group(5)))
        elif depth == 3 and match.group(3) == "text" and rows:
            rows[-1].texts.append(match.group(4) or "")
    for row in rows:
        if len(row.texts) != 2:
            raise AssertionError(f"row #{row.node} should have 2 texts, found {row.texts!r}")
    return Scene(parents, rows)
