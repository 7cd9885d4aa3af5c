"""What a soak samples: process and engine memory, live objects, per-frame structures."""

from __future__ import annotations

import gc
import os
import tracemalloc
from dataclasses import dataclass, field

from async_tasks import live_tasks
from sdk import App
from signals import Effect

__all__ = ["Sample", "bookkeeping", "rss_bytes", "sample"]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes() -> int:
    """This process's resident set size now (not the peak); 0 where unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except OSError:
        return 0


def bookkeeping(app: App) -> dict[str, int]:
    """The length of every structure the runtime keeps across frames.

    Read between stepped frames (the renderer thread is idle then).
    """
    thread = app.renderer_thread
    loop = thread.loop if thread is not None else None
    lengths = loop.bookkeeping() if loop else {}
    out = {f"frame_loop.{k}": v for k, v in lengths.items()}
    scene = getattr(app.root, "scene", None)
    if scene is not None:
        out["strings"] = len(scene.strings)
        out["nodes"] = sum(1 for _ in scene.nodes)
    out["tasks"] = len(live_tasks())
    out["timers"] = app.clock.pending
    out["images.held"] = app.images.stats().held
    return out


@dataclass(frozen=True)
class Sample:
    """One reading of a running app."""

    step: int
    """Frames (or iterations) done when it was taken."""
    rss: int
    heap: int
    """tracemalloc's current traced bytes (0 when not tracing)."""
    wasm: int
    """The engine instance's linear memory."""
    effects: int
    lengths: dict[str, int] = field(default_factory=dict)


def sample(app: App, step: int) -> Sample:
    """Reads everything `Sample` holds (runs a full GC first, so counts are live objects)."""
    gc.collect()
    thread = app.renderer_thread
    loop = thread.loop if thread is not None else None
    heap = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0
    effects = sum(1 for obj in gc.get_objects() if isinstance(obj, Effect))
    return Sample(step, rss_bytes(), heap, loop.renderer.memory_size if loop else 0,
                  effects, bookkeeping(app))
