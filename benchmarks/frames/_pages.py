"""The two pages the session drives: the profiles page and an 8 x 12 poster grid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apps.profiles import Profiles
from components import Column, Row, Text, View
from renderer import CubicBezier
from sdk import Element, Spring, component, use_effect, use_ref
from signals import Signal

ROWS, COLUMNS = 8, 12
POSTER_W, POSTER_H = 240, 300
PALETTE = ("#7c3aed", "#db2777", "#0891b2", "#65a30d", "#ea580c", "#4f46e5", "#0d9488")
GLIDE = CubicBezier(0.2, 0.0, 0.0, 1.0)

FocusHandler = Callable[[str], object]
"""Called on the app thread with a name for the node that got focus."""


def _caption(text: Signal[str]) -> Element:
    # A reactive text the handlers update: every focus move also sends a batch.
    return Text(lambda: text(), size=28, color="#8b93a7", position="absolute", left=96,
                top=24, test_id="caption")


def profiles_page(on_focus: FocusHandler, caption: Signal[str]) -> Element:
    """The profiles app with a handler on every profile tile and a caption."""
    page = Profiles(on_focus=lambda p: on_focus(p.name if p is not None else "add"))
    return View(page, _caption(caption), width="100%", height="100%")


def _poster(row: int, column: int, on_focus: FocusHandler, **extra: Any) -> Element:
    name = f"Title {row * COLUMNS + column + 1}"
    return View(
        Text(name, size=28, color="#ffffff"),
        width=POSTER_W, height=POSTER_H, shrink=0, radius=16, padding=16, align="end",
        background=PALETTE[(row * 5 + column) % len(PALETTE)], focusable=True, role="listitem",
        label=name, border=5, border_color="#00000000",
        focused_style={"scale": 1.08, "border_color": "#ffffff"},
        transition={"scale": Spring(stiffness=260.0, damping=24.0),
                    "border_color": (150, "ease-out")},
        on_focus=lambda: on_focus(name), **extra,
    )


@component
def PosterGrid(on_focus: FocusHandler, caption: Signal[str]) -> Element:
    """8 rows of 12 posters; rows and the page scroll into view with a glide."""
    first = use_ref()
    use_effect(lambda: first.focus())
    rows = [
        Row(*(_poster(r, c, on_focus, **({"ref": first} if r == c == 0 else {}))
              for c in range(COLUMNS)),
            gap=24, overflow="scroll", width="100%", padding=(12, 96), shrink=0,
            transition={"scroll": (300, GLIDE)})
        for r in range(ROWS)
    ]
    return View(
        Column(*rows, gap=12, overflow="scroll", width="100%", height="100%", padding=(90, 0),
               transition={"scroll": (300, GLIDE)}),
        _caption(caption), width="100%", height="100%", background="#0b0d12",
    )
