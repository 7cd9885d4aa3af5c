"""Helpers for the focus tests: scenes of absolutely placed boxes on the real engine."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from renderer._commands import CommandBuffer
from renderer._events import Event
from renderer._protocol import KeyAction, Prop
from renderer._renderer import Renderer

Box = tuple[float, float, float, float]

ROOT = 1
UP, DOWN, LEFT, RIGHT, SELECT, BACK = 1, 2, 3, 4, 5, 6
_FOCUSED = re.compile(r"^\s*#(\d+) .* focused( pressed)?$")


def place(b: CommandBuffer, node: int, parent: int, box: Box, *, focusable: bool = True,
          props: Mapping[int, object] | None = None) -> CommandBuffer:
    """Creates `node` under `parent` at `box` (parent-relative, absolute position)."""
    x, y, w, h = box
    b.create(node).set_props(node, {
        Prop.POSITION: 1, Prop.INSET_LEFT: x, Prop.INSET_TOP: y, Prop.WIDTH: w, Prop.HEIGHT: h,
        Prop.FOCUSABLE: int(focusable), **(props or {})})
    return b.insert(parent, node)


def scene(engine_path: Path, boxes: Mapping[int, Box] | Iterable[tuple[int, Box]],
          extra: CommandBuffer | None = None) -> Renderer:
    """A 1920x1080 root (id 1) with focusable boxes; `extra` runs in the same batch."""
    r = Renderer(engine_path)
    b = CommandBuffer().create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    b.set_root(ROOT)
    for node, box in dict(boxes).items():
        place(b, node, ROOT, box)
    if extra is not None:
        b.extend(extra)
    r.apply(b)
    r.frame(0.0)
    return r


def focused(r: Renderer) -> int:
    """The focused node's id from the dump (0 = none)."""
    for line in r.dump().splitlines():
        m = _FOCUSED.match(line)
        if m:
            return int(m.group(1))
    return 0


def key(r: Renderer, code: int, now: float = 16.0,
        actions: Iterable[int] = (KeyAction.DOWN, KeyAction.UP)) -> list[Event]:
    """Sends `code` with `actions` in one batch, runs a frame, returns its events."""
    b = CommandBuffer()
    for a in actions:
        b.key(code, a)
    r.apply(b)
    return list(r.frame(now).events)


def focus(r: Renderer, node: int, now: float = 16.0) -> list[Event]:
    r.apply(CommandBuffer().focus(node))
    return list(r.frame(now).events)
