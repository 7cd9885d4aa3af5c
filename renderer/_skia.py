"""The one module that imports skia-python (it ships no type information).

Everything else in Marquee imports `skia` from here, so the untyped surface is
contained in one place.

Font files are opened through a font manager of our own that knows no system
fonts (`typeface_from_file`). Skia's default manager on Linux is Fontconfig,
and the copy of Fontconfig inside the skia-python wheel is older than the
system's configuration: reading it prints `Fontconfig warning: ... unknown
element "reset-dirs"` on stderr at the first font. Marquee paints only the
fonts it bundles or is given as files, so it never needs Fontconfig.
"""

from __future__ import annotations

import functools
from typing import Any

import skia as _skia_module

skia: Any = _skia_module

__all__ = ["skia", "typeface_from_file"]

@functools.cache
def _file_fonts() -> Any:
    """The font manager for font files (`New_Custom_Empty`: no system fonts, no Fontconfig)."""
    return skia.FontMgr.New_Custom_Empty()


def typeface_from_file(path: str) -> Any:
    """The `skia.Typeface` in font file `path`, or None when Skia cannot read it."""
    return _file_fonts().makeFromFile(path)
