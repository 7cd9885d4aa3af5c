"""cProfile of the Marquee app side (the action + `flush()`) of one operation."""

from __future__ import annotations

import cProfile
import gc
import io
import pstats

from renderer import FontSet, OffscreenSurface

from ._marquee import MarqueeApp
from ._ops import Operation
from ._page import Page


def profile_app_side(operation: Operation, warmups: int, top: int = 25,
                     sort: str = "tottime") -> str:
    """The `top` functions of the measured click's app side, as pstats prints them."""
    fonts = FontSet()
    with OffscreenSurface(1920, 1080) as surface:
        page = Page(MarqueeApp(), fonts, surface)
        try:
            operation.init(page, warmups)
            action = operation.click(page)
            app = page.app
            gc.collect()
            profiler = cProfile.Profile()
            profiler.enable()
            action()
            batch = app.flush()
            profiler.disable()
            page.renderer.apply(batch)
        finally:
            page.close()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats(sort).print_stats(top)
    return out.getvalue()
