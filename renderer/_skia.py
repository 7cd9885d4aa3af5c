"""The one module that imports skia-python (it ships no type information).

Everything else in Marquee imports `skia` from here, so the untyped surface is
contained in one place.
"""

from __future__ import annotations

from typing import Any

import skia as _skia_module

skia: Any = _skia_module

__all__ = ["skia"]
