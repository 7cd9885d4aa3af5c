"""The dev loop's overlays, drawn as ordinary scene nodes in a top layer.

Both are absolutely positioned views with a high `z_index` above the app,
rendered by components like any other, so the engine lays them out and the
painter draws them (no pixel hacking); they are not focusable, so the app's
focus never lands on them. Every node's `test_id` starts with
`marquee-devtools`, which is how the inspector leaves its own nodes out.

- `ErrorOverlay(message)`: a reload or app error with its traceback.
- `InspectorOverlay(data)`: a panel with the frame-time graph (one stacked
  bar per frame: apply / frame / paint / present, against the 16.7 ms
  budget line), the focus path, the focused node's box and props, counts
  (nodes, components, effects, tasks), Wasm memory and the image cache; and
  outlines of node bounds over the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..reconciler import Element, component
from ._ui import DEVTOOLS_TEST_ID, text, view

__all__ = ["SEGMENTS", "ErrorOverlay", "InspectorData", "InspectorOverlay"]

TOP = 100_000
"""`z_index` of the overlays."""
BUDGET_MS = 1000.0 / 60.0
GRAPH_PX_PER_MS = 5.0
GRAPH_MAX_PX = 100.0
MAX_OUTLINES = 400
SEGMENTS = (("apply", "#4f8cff"), ("frame", "#3fcf8e"), ("paint", "#f5a524"),
            ("present", "#c77dff"))
"""The frame graph's parts (FrameTiming fields `<name>_ms`) and their colours."""


@dataclass(frozen=True, slots=True)
class InspectorData:
    """What the inspector shows; collected on the app thread (`_dev.collect_inspector`)."""

    timings: tuple[tuple[float, float, float, float], ...] = ()
    """The last frames' (apply, frame, paint, present) ms, oldest first."""
    focus_path: tuple[str, ...] = ()
    focused_box: tuple[float, float, float, float] | None = None
    focused_props: str = ""
    outlines: tuple[tuple[float, float, float, float], ...] = ()
    nodes: int = 0
    components: int = 0
    effects: int = 0
    tasks: int = 0
    wasm_bytes: int = 0
    images_held: int = 0
    images_bytes: int = 0
    images_budget: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


@component
def ErrorOverlay(title: str, message: str) -> Element:
    """A red-edged panel with a traceback; the next good save removes it."""
    lines = message.rstrip().splitlines()[-28:]
    return view(
        text(title, 34, "#ffffff", test_id=f"{DEVTOOLS_TEST_ID}-error-title"),
        text("\n".join(lines), 20, "#ffd7d7", test_id=f"{DEVTOOLS_TEST_ID}-error-message"),
        text("fix the file and save: the app reloads; the run keeps going", 20, "#c9ccd3"),
        position="absolute", left=48, top=48, right=48, direction="column", gap=16,
        padding=32, background="#2a0f12ee", border=4, border_color="#ff4d4f", radius=12,
        z_index=TOP + 1, test_id=f"{DEVTOOLS_TEST_ID}-error",
    )


def _graph(timings: tuple[tuple[float, float, float, float], ...]) -> Element:
    bars = []
    for index, parts in enumerate(timings):
        segments = []
        for (name, colour), ms in zip(SEGMENTS, parts, strict=True):
            height = min(GRAPH_MAX_PX, ms * GRAPH_PX_PER_MS)
            if height >= 0.5:
                segments.append(view(width=6, height=height, background=colour,
                                     test_id=f"{DEVTOOLS_TEST_ID}-bar-{index}-{name}"))
        bars.append(view(*segments, width=6, height=GRAPH_MAX_PX, direction="column",
                         justify="flex-end"))
    budget_top = GRAPH_MAX_PX - BUDGET_MS * GRAPH_PX_PER_MS
    return view(
        view(*bars, direction="row", gap=1, align="flex-end", height=GRAPH_MAX_PX),
        view(position="absolute", left=0, right=0, top=budget_top, height=1,
             background="#ff4d4f"),
        text("16.7 ms", 14, "#ff8a8c", position="absolute", right=0, top=budget_top - 18),
        height=GRAPH_MAX_PX, background="#ffffff0d", test_id=f"{DEVTOOLS_TEST_ID}-graph",
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _mib(value: int) -> str:
    return f"{value / (1024 * 1024):.1f} MiB"


@component
def InspectorOverlay(data: InspectorData) -> Element:
    """The inspector panel and node outlines (see the module docstring)."""
    means = [_mean([t[i] for t in data.timings]) for i in range(4)]
    legend = "  ".join(f"{name} {mean:.2f}" for (name, _), mean in zip(SEGMENTS, means,
                                                                         strict=True))
    totals = sorted(sum(t) for t in data.timings)
    worst = f"  worst {totals[-1]:.1f}" if totals else ""
    box = data.focused_box
    focused = ("nothing focused" if box is None else
               f"box x={box[0]:g} y={box[1]:g} w={box[2]:g} h={box[3]:g}")
    outlines = [view(position="absolute", left=x, top=y, width=max(w, 1), height=max(h, 1),
                     border=1, border_color="#00e5ff88")
                for x, y, w, h in data.outlines[:MAX_OUTLINES]]
    if box is not None:
        outlines.append(view(position="absolute", left=box[0], top=box[1], width=box[2],
                             height=box[3], border=3, border_color="#ff4dd2"))
    panel = view(
        text("Inspector", 30, "#ffffff"),
        _graph(data.timings),
        text(f"mean ms  {legend}{worst}", 18, "#c9ccd3", test_id=f"{DEVTOOLS_TEST_ID}-legend"),
        view(*(view(view(width=12, height=12, background=colour), text(name, 16, "#c9ccd3"),
                    direction="row", gap=6, align="center") for name, colour in SEGMENTS),
             direction="row", gap=16),
        text("focus  " + (" > ".join(data.focus_path) or "-"), 18, "#ffffff", max_lines=3,
             test_id=f"{DEVTOOLS_TEST_ID}-focus-path"),
        text(focused, 18, "#ffb8ee", test_id=f"{DEVTOOLS_TEST_ID}-focused-box"),
        text(data.focused_props.strip() or "-", 16, "#c9ccd3", max_lines=6),
        text(f"nodes {data.nodes}  components {data.components}  effects {data.effects}  "
             f"tasks {data.tasks}", 18, "#ffffff", test_id=f"{DEVTOOLS_TEST_ID}-counts"),
        text(f"wasm memory {_mib(data.wasm_bytes)}  images {data.images_held} held, "
             f"{_mib(data.images_bytes)} of {_mib(data.images_budget)}", 18, "#ffffff",
             test_id=f"{DEVTOOLS_TEST_ID}-memory"),
        *(text(note, 16, "#f5a524") for note in data.notes),
        position="absolute", top=24, right=24, width=560, direction="column", gap=10,
        padding=20, background="#0b0c10e6", radius=12, border=1, border_color="#3a3f4b",
        z_index=TOP, test_id=f"{DEVTOOLS_TEST_ID}-inspector",
    )
    return view(*outlines, panel, position="absolute", left=0, top=0, width="100%",
                height="100%", z_index=TOP, test_id=f"{DEVTOOLS_TEST_ID}-layer")
