"""`python -m apps.gallery [out.png] [--dialog]`: write the gallery screenshot.

`python -m apps.gallery --widgets [dir]`: write one picture per widget of the kit
(default `docs/images/widgets`).
"""

from __future__ import annotations

import sys

from apps.gallery import render_gallery

args = [a for a in sys.argv[1:] if not a.startswith("--")]
if "--widgets" in sys.argv:
    from apps.gallery.kit import render_examples

    for path in render_examples(args[0] if args else "docs/images/widgets"):
        print(f"wrote {path}")
else:
    out = render_gallery(args[0] if args else "out/gallery.png", dialog="--dialog" in sys.argv)
    print(f"wrote {out}")
