"""The docs' widget pictures are the gallery examples as the engine renders them today.

`python -m apps.gallery --widgets docs/images/widgets` writes them; this test
mounts every example the same way and compares the pixels, so a widget that
changes its looks fails here until the pictures are written again (and looked at).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.gallery.kit import EXAMPLES, SIZE, drive
from sdk.testing import compare_images, decode_png

DOCS = Path(__file__).resolve().parents[2] / "docs" / "images" / "widgets"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
async def test_the_docs_picture_matches_the_example(ui, example):
    screen = await ui.mount(example.build(), SIZE, design_size=example.design)
    await drive(screen, example.keys)
    assert screen.focused is not None or example.name == "toast"
    picture = DOCS / f"{example.name}.png"
    assert picture.exists(), f"{picture} is missing: run python -m apps.gallery --widgets"
    shot = screen.screenshot()
    actual = decode_png(shot.png_bytes())
    result = compare_images(decode_png(picture.read_bytes()), actual)
    assert result.matched, (f"{picture.name} is stale ({result.reason}): run "
                            f"python -m apps.gallery --widgets and look at the new picture")


def test_every_widget_of_the_kit_has_an_example():
    names = {e.name for e in EXAMPLES}
    assert {"button", "switch", "select", "slider", "menu", "tabs", "textfield", "keyboard",
            "scrollview", "card", "dialog", "toast", "checkbox", "settings", "search"} <= names
