"""`python -m apps.gallery [out.png] [--dialog]`: write the gallery screenshot."""

from __future__ import annotations

import sys

from apps.gallery import render_gallery

args = [a for a in sys.argv[1:] if not a.startswith("--")]
out = render_gallery(args[0] if args else "out/gallery.png", dialog="--dialog" in sys.argv)
print(f"wrote {out}")
