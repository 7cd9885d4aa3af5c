"""The one module that imports uharfbuzz (it ships no type information).

Everything else in Marquee imports `hb` from here, so the untyped surface is
contained in one place (as `renderer/_skia.py` does for skia-python).
"""

from __future__ import annotations

from typing import Any

import uharfbuzz as _hb_module  # type: ignore[import-untyped]

hb: Any = _hb_module

__all__ = ["hb", "hb_font_from_file"]


def hb_font_from_file(path: str) -> Any:
    """The `uharfbuzz.Font` of the first face in font file `path` (scale: units per em)."""
    return hb.Font(hb.Face(hb.Blob.from_file_path(path)))
