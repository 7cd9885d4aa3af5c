"""What a soak samples: process and engine memory, live objects, per-frame structures, caches."""

from __future__ import annotations

import gc
import os
import tracemalloc
from dataclasses import dataclass, field

from async_tasks import live_tasks
from sdk import App
from sdk.runtime import TIMING_HISTORY
from signals import Effect

__all__ = ["Fill", "Sample", "bookkeeping", "fills", "rss_bytes", "sample", "settled"]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes() -> int:
    """This process's resident set size now (not the peak); 0 where unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except OSError:
        return 0


def bookkeeping(app: App) -> dict[str, int]:
    """The length of every structure the runtime keeps across frames, and cache sizes.

    Read between stepped frames (the renderer thread is idle then).
    """
    thread = app.renderer_thread
    loop = thread.loop if thread is not None else None
    lengths = loop.bookkeeping() if loop else {}
    out = {f"frame_loop.{k}": v for k, v in lengths.items()}
    scene = getattr(app.root, "scene", None)
    if scene is not None:
        out["strings"] = len(scene.strings)
        out["strings.bytes"] = scene.strings.byte_size
        out["nodes"] = sum(1 for _ in scene.nodes)
    painter = loop.painter if loop else None
    if painter is not None:
        out["text_blobs"] = len(painter.text_cache)
        out["text_blobs.bytes"] = painter.text_cache.total_cost
    out["tasks"] = len(live_tasks())
    out["timers"] = app.clock.pending
    out["images.held"] = app.images.stats().held
    return out


@dataclass(frozen=True)
class Fill:
    """How far one bounded structure has filled."""

    size: int
    """Entries (or bytes) held now."""
    bound: int
    full: bool
    """Whether it reached its bound (a cache: it has evicted at least once)."""


def fills(app: App) -> dict[str, Fill]:
    """Every bounded structure that fills up over a run: a warm-up waits for them."""
    thread = app.renderer_thread
    loop = thread.loop if thread is not None else None
    out: dict[str, Fill] = {}
    if loop is not None:
        timings = len(loop.timings)
        out["timings"] = Fill(timings, TIMING_HISTORY, timings >= TIMING_HISTORY)
        painter = loop.painter
        if painter is not None:
            cache = painter.text_cache
            out["text_blobs"] = Fill(len(cache), cache.max_entries or cache.budget,
                                     cache.evictions > 0)
    scene = getattr(app.root, "scene", None)
    if scene is not None:
        table = scene.strings
        out["strings"] = Fill(len(table), table.capacity, table.evictions > 0)
    stats = app.images.stats()
    out["images.decoded_bytes"] = Fill(stats.decoded_bytes, app.images.budget_bytes,
                                       stats.evictions > 0)
    # Encoded sources live in the Python heap; they are dropped with their record
    # or over the budget, so "full" is reaching the budget.
    out["images.encoded_bytes"] = Fill(
        stats.encoded_bytes, app.images.encoded_budget_bytes,
        stats.encoded_bytes + 512 * 1024 > app.images.encoded_budget_bytes)
    return out


def settled(before: dict[str, Fill], after: dict[str, Fill]) -> bool:
    """Whether warm-up is over: every structure is full or did not change in between.

    A cache that is still filling is not a leak, but its growth is not what a
    soak measures; one that stopped changing (the catalog shows the same
    screens) will not fill.
    """
    return all(fill.full or before.get(name) == fill for name, fill in after.items())


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
    fills: dict[str, Fill] = field(default_factory=dict)


def sample(app: App, step: int) -> Sample:
    """Reads everything `Sample` holds (runs a full GC first, so counts are live objects)."""
    gc.collect()
    thread = app.renderer_thread
    loop = thread.loop if thread is not None else None
    heap = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0
    effects = sum(1 for obj in gc.get_objects() if isinstance(obj, Effect))
    return Sample(step, rss_bytes(), heap, loop.renderer.memory_size if loop else 0,
                  effects, bookkeeping(app), fills(app))
