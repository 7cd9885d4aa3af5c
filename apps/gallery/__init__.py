"""A gallery of the built-in widgets, rendered to a PNG (and used by the widget tests).

Run `python -m apps.gallery [out.png] [--dialog]` to write a 1920x1080 screenshot.
"""

from __future__ import annotations

from pathlib import Path

from components import (
    Button,
    Column,
    Grid,
    Overlay,
    Rail,
    Row,
    Spacer,
    Spinner,
    Text,
    View,
    use_theme,
)
from renderer import CommandBuffer, render_to_png
from sdk import Element, Ref, SceneRoot, component

__all__ = ["Gallery", "render_gallery"]

GENRES = ["Drama", "Comedy", "Sci-fi", "Documentary", "Thriller", "Animation"]


def _card(title: str) -> Element:
    number = int(title.rsplit(" ", 1)[1])
    return Column(
        Text(title, font=1, max_lines=1, wrap=False),
        Text(f"{2000 + number % 27} · {GENRES[number % len(GENRES)]}", size=28,
             color="#b9bfcc", max_lines=1, wrap=False),
        padding=(16, 20), gap=8, justify="end", grow=1.0,
    )


@component
def Gallery(play: Ref, ok: Ref, dialog: bool = False):
    """Heading, buttons (one disabled), a spinner, a 5,000-title rail and a grid."""
    theme = use_theme()
    titles = [f"Title {i}" for i in range(5000)]
    return View(
        Column(
            Text("Marquee components", size=theme.type.headline, font=2),
            Text("Body text is 32 design units: readable from three metres.",
                 color=theme.colors.text_muted),
            Row(Button("Play", ref=play, test_id="play"), Button("Trailer"),
                Button("Download", disabled=True), Spacer(), Spinner(size=64),
                gap=24, align="center"),
            Text("Trending", size=theme.type.title, font=1),
            Rail(titles, render=_card, item_width=320, item_height=180, test_id="rail",
                 label="Trending"),
            Text("Browse", size=theme.type.title, font=1),
            Grid(titles[:18], 6, render=_card, item_width=260, item_height=150,
                 test_id="grid", label="Browse"),
            width="100%", height="100%", gap=theme.spacing.md,
            padding=(theme.safe_area.y, theme.safe_area.x),
        ),
        dialog and Overlay(
            Column(Text("Delete this profile?", size=theme.type.title, font=1),
                   Text("Its watch history goes too.", color=theme.colors.text_muted),
                   Row(Button("Delete", ref=ok), Button("Cancel"), gap=24),
                   gap=32, padding=48, background=theme.colors.surface,
                   radius=theme.radii.large),
            initial_focus=ok, label="Confirm delete", test_id="dialog"),
        width="100%", height="100%", background=theme.colors.background,
    )


def render_gallery(path: str | Path, *, dialog: bool = False) -> Path:
    """Write a 1920x1080 PNG of the gallery with the Play button focused."""
    play, ok = Ref(), Ref()
    root = SceneRoot(Gallery(play=play, ok=ok, dialog=dialog))
    batch = CommandBuffer()
    batch.extend(root.flush())
    if play.node is not None and not dialog:
        batch.focus(play.node)
    return render_to_png(batch, (1920, 1080), path)
