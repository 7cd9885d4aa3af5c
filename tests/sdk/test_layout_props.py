"""The SDK's layout props of protocol version 3: `dir`, `aspect_ratio`, `box_sizing` and the
size keywords, as the scene receives them, and the errors for values they cannot take."""

from __future__ import annotations

import pytest
from reconciler_kit import Harness, View

from sdk import HostPropError


def test_layout_props_reach_the_scene_with_their_css_names() -> None:
    harness = Harness(View(View(width="fit-content", basis="min-content", aspect_ratio="16/9",
                                box_sizing="content-box", min_height="max-content",
                                max_width="stretch"),
                           dir="rtl"))
    harness.flush()
    dump = harness.dump()
    assert "dir=rtl" in dump
    for shown in ("width=fit-content", "basis=min-content", "aspect_ratio=1.78",
                  "box_sizing=content-box", "min_height=max-content", "max_width=stretch"):
        assert shown in dump, dump


@pytest.mark.parametrize(("props", "words"), [
    ({"dir": "right"}, "'inherit', 'ltr', 'rtl'"),
    ({"aspect_ratio": 0}, "positive width / height ratio"),
    ({"aspect_ratio": "16:9"}, "positive width / height ratio"),
    ({"box_sizing": "padding-box"}, "'border-box', 'content-box'"),
    ({"margin": "min-content"}, "only width, height, their min_/max_ variants and basis"),
    ({"gap": "stretch"}, "only width, height"),
    ({"width": "fill"}, "size keyword: 'min-content'"),
])
def test_a_value_a_layout_prop_cannot_take_fails_saying_what_it_takes(props: dict[str, object],
                                                                      words: str) -> None:
    harness = Harness(View(**props))
    with pytest.raises(Exception) as info:
        harness.flush()
    error = info.value.__cause__ or info.value
    assert isinstance(error, HostPropError | ValueError)
    assert words in str(error)
