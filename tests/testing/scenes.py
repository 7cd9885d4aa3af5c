"""Scenes for the harness tests: a detail card with buttons, built from real components."""

from __future__ import annotations

from typing import Any

from components import Button, Column, Row, Text, View
from sdk import Element, component, use_signal

CARD = "#1b1f2a"


def card_scene(*, card: dict[str, Any] | None = None, play: dict[str, Any] | None = None,
               title: str = "Dune") -> Element:
    """A page with one card: a title, a line of text and three buttons (one disabled).

    `card` and `play` are extra props for the card view and the Play button,
    which is how the comparator tests make their regressions.
    """
    card_props: dict[str, Any] = {"background": CARD, **(card or {})}
    return View(
        View(
            Text(title, size=48, test_id="title"),
            Text("A mythic hero's journey on a desert planet.", size=28, color="#c7cbd6"),
            Row(
                Button("Play", test_id="play", **(play or {})),
                Button("Trailer", test_id="trailer"),
                Button("Later", test_id="later", disabled=True),
                gap=24,
            ),
            direction="column", gap=24, padding=40, radius=16, width=900,
            test_id="card", label="Dune details", **card_props,
        ),
        padding=96, background="#0b0d12", grow=1, align="flex-start",
    )


@component
def Counter() -> Element:
    """A button that counts its presses (reactive text)."""
    count = use_signal(0)
    return Column(
        Text(lambda: f"Pressed {count()} times", test_id="count"),
        Button("Add", on_press=lambda: count.set(count() + 1), test_id="add"),
        gap=16, padding=48,
    )
