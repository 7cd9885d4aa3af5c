"""What the engine owns that a fresh engine must get back: focus, scroll offsets, scope memory.

The engine reports each as data in a frame's event records (`FOCUS`/`BLUR`,
`SCROLL`, `SCOPE_MEMORY`; PROTOCOL.md section 5). `EngineState` follows those
records. The frame loop keeps one to recover from a trap in its own process;
the app keeps one in process mode, to restart a renderer process that died
with the scene as the viewer left it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from renderer import CommandBuffer, Prop
from renderer.lowlevel import RECORD_SIZE, EventType

__all__ = ["EngineState"]

_HEADS = struct.Struct("<3I20x")
"""An event record's type, node and first word (PROTOCOL.md section 5)."""
_XY = struct.Struct("<8x2f16x")
"""A `SCROLL` record's offsets."""


class EngineState:
    """Focus, scroll offset targets and scope memories, as the engine last reported them."""

    def __init__(self) -> None:
        self.focused = 0
        """The node the engine last reported focused (0 = none)."""
        self.scroll: dict[int, tuple[float, float]] = {}
        """Scroll offset targets (x, y) of scrolled nodes."""
        self.scope_memory: dict[int, int] = {}
        """Each focus scope's remembered node."""

    def observe(self, records: bytes | memoryview, *, swallow_focus: int = 0) -> int:
        """Follows `records`; returns the index of a `FOCUS` of `swallow_focus` (else -1).

        That `FOCUS` (the refocus after a rebuild) does not count as a move.
        """
        dropped = -1
        for index, (kind, node, other) in enumerate(_HEADS.iter_unpack(records)):
            if kind == EventType.SCROLL:
                offset = _XY.unpack_from(records, index * RECORD_SIZE)
                if offset == (0.0, 0.0):
                    self.scroll.pop(node, None)
                else:
                    self.scroll[node] = offset
            elif kind == EventType.SCOPE_MEMORY:
                if other:
                    self.scope_memory[node] = other
                else:
                    self.scope_memory.pop(node, None)
            elif kind == EventType.FOCUS:
                if swallow_focus and node == swallow_focus and other == 0 and dropped < 0:
                    dropped = index
                    continue
                self.focused = node
            elif kind == EventType.BLUR and node == self.focused:
                self.focused = other
        return dropped

    def restore_commands(self) -> Iterator[tuple[str, int, bytes]]:
        """`(what, key, commands)` that put scroll offsets and scope memories back, one by one.

        Applied separately, so one that names a node gone from the rebuilt
        scene fails alone (`forget(what, key)` drops it).
        """
        for node, (x, y) in list(self.scroll.items()):
            yield "scroll", node, CommandBuffer().set_props(
                node, [(Prop.SCROLL_X, x), (Prop.SCROLL_Y, y)]).getvalue()
        for scope, node in list(self.scope_memory.items()):
            yield "scope", scope, CommandBuffer().remember_focus(scope, node).getvalue()

    def forget(self, what: str, key: int) -> None:
        """Drops one entry `restore_commands` named (its node is gone)."""
        if what == "scroll":
            self.scroll.pop(key, None)
        else:
            self.scope_memory.pop(key, None)

    def to_json(self) -> dict[str, object]:
        """A plain-data copy (a new renderer process gets it in its config)."""
        return {"focused": self.focused,
                "scroll": [[n, x, y] for n, (x, y) in self.scroll.items()],
                "scope_memory": [[s, n] for s, n in self.scope_memory.items()]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> EngineState:
        """The inverse of `to_json`.

        Raises:
            ValueError: malformed data.
        """
        state = cls()
        focused, scroll, memory = (data.get(k) for k in ("focused", "scroll", "scope_memory"))
        if not (isinstance(focused, int) and isinstance(scroll, list)
                and isinstance(memory, list)):
            raise ValueError(f"malformed engine state: {data!r}")
        try:
            state.scroll = {int(n): (float(x), float(y)) for n, x, y in scroll}
            state.scope_memory = {int(s): int(n) for s, n in memory}
        except (TypeError, ValueError) as exc:
            raise ValueError(f"malformed engine state: {data!r}") from exc
        state.focused = focused
        return state
