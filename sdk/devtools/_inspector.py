"""What the inspector overlay shows, collected on the app thread every 500 ms.

- the engine's dump (`app.dump()`), parsed once (`_dump`): the nodes a viewer
  sees (the devtools' overlays and hidden subtrees left out), their boxes
  where they show (scroll offsets and translations applied), the focused
  node, its path of named ancestors and its props;
- the last `INSPECTOR_FRAMES` `FrameTiming`s (apply, frame, paint, present)
  and the engine's Wasm memory, read from the renderer thread's `FrameLoop`
  (`app.renderer_thread.loop`: a deque append-only from that thread, copied
  here; the memory is `len()` of a memoryview);
- counts from the app slot's instances (components, `use_effect` hooks), the
  live tasks, and the image manager's stats.
"""

from __future__ import annotations

import contextlib
from typing import Any

from async_tasks import live_tasks

from ..reconciler import Instance, walk
from ..runtime import App
from ._dump import DumpNode, parse_dump, screen_boxes
from ._overlay import InspectorData
from ._ui import DEVTOOLS_TEST_ID

__all__ = ["INSPECTOR_FRAMES", "collect_inspector"]

INSPECTOR_FRAMES = 60
"""Frames in the graph."""


def _shown(nodes: list[DumpNode]) -> list[DumpNode]:
    """The nodes a viewer sees: without the devtools' own overlays and without hidden
    subtrees (`visible=0`, `display=none`, `opacity=0`: a Navigator's covered pages)."""
    skip: set[int] = set()
    out = []
    for node in nodes:
        if node.parent is not None and node.parent.id in skip:
            skip.add(node.id)
            continue
        test_id = node.prop("test_id") or ""
        overlay = (test_id.startswith(DEVTOOLS_TEST_ID)
                   and test_id != f"{DEVTOOLS_TEST_ID}-shell")
        hidden = (node.prop("visible") == "0" or node.prop("display") == "none"
                  or node.prop("opacity") == "0")
        if overlay or hidden:
            skip.add(node.id)
            continue
        out.append(node)
    return out


def _focus_path(focused: DumpNode) -> tuple[str, ...]:
    """The named nodes from the root to the focused one (anonymous layout views left out)."""
    path = focused.path()[2:]
    return tuple(n.describe() for n in path
                 if n is focused or '"' in n.describe() or n.prop("role") not in (None, "view"))


def _frame_loop(app: App) -> Any:
    """The renderer side's FrameLoop, when it runs in this process (None otherwise)."""
    thread = app.renderer_thread
    return thread.loop if thread is not None else None


async def collect_inspector(app: App, slot: Instance | None) -> InspectorData:
    """What the inspector shows now (see `InspectorData`)."""
    nodes = _shown(parse_dump(await app.dump()))
    focused = next((n for n in nodes if n.focused), None)
    loop = _frame_loop(app)
    timings: tuple[tuple[float, float, float, float], ...] = ()
    wasm = 0
    notes: list[str] = []
    if loop is not None:
        recent = list(loop.timings)[-INSPECTOR_FRAMES:]
        timings = tuple((t.apply_ms, t.frame_ms, t.paint_ms, t.present_ms) for t in recent)
        with contextlib.suppress(Exception):
            wasm = int(loop.renderer.memory_size)
    else:
        notes.append("frame timings and Wasm memory: the renderer is not in this process")
    components = effects = 0
    if slot is not None:
        for instance in walk(slot):
            hooks = instance.hook_state
            if hooks is not None:
                components += 1
                effects += sum(1 for kind, _ in hooks.slots if kind == "use_effect")
    stats = app.images.stats()
    boxes = screen_boxes(nodes)
    outlines = tuple(boxes[n.id] for n in nodes[2:] if n.box[2] > 0 and n.box[3] > 0)
    return InspectorData(
        timings=timings,
        focus_path=_focus_path(focused) if focused else (),
        focused_box=boxes[focused.id] if focused else None,
        focused_props=focused.rest if focused else "",
        outlines=outlines, nodes=len(nodes), components=components, effects=effects,
        tasks=len(live_tasks()), wasm_bytes=wasm, images_held=stats.held,
        images_bytes=stats.decoded_bytes, images_budget=app.images.budget_bytes,
        notes=tuple(notes),
    )
