"""Protocol version 3's layout properties through the real engine.

`DIRECTION` (inherited right-to-left rows), `ASPECT_RATIO`, `BOX_SIZING` and
the intrinsic size keywords (`dim` units 3..6); the Rust side is
`renderer/core/tests/flexbox_conformance.rs` (Chrome's cases) and `rtl.rs`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from renderer import CommandBuffer, Dim, Prop, Renderer, RendererError
from renderer._commands import PropValue
from renderer.testing import SceneDouble

_DUMP_BOX = re.compile(r"#(\d+) \w+ \[([-\d.]+),([-\d.]+) ([-\d.]+)x([-\d.]+)\]")
Box = tuple[float, float, float, float]
LTR, RTL = 1, 2


def lay_out(renderer: Renderer, *nodes: tuple[int, int, dict[int, PropValue]]) -> dict[int, Box]:
    """Nodes `(id, parent, props)` (parent 0: the root), laid out in 1920x1080; absolute boxes."""
    buffer = CommandBuffer().set_viewport(1920, 1080, 1920.0, 1080.0)
    for node, parent, props in nodes:
        buffer.create(node).set_props(node, props)
        if parent:
            buffer.insert(parent, node)
        else:
            buffer.set_root(node)
    renderer.apply(buffer)
    renderer.frame(0.0)
    found = {}
    for match in _DUMP_BOX.finditer(renderer.dump()):
        node, *numbers = match.groups()
        x, y, w, h = (float(n) for n in numbers)
        found[int(node)] = (x, y, w, h)
    return found


@pytest.fixture
def renderer(engine_path: Path) -> Renderer:
    with Renderer(engine_path) as r:
        yield r  # type: ignore[misc]


def cell(width: float = 100.0, **props: PropValue) -> dict[int, PropValue]:
    return {Prop.WIDTH: width, Prop.HEIGHT: 50.0, **{Prop[k.upper()]: v for k, v in props.items()}}


def test_an_rtl_root_runs_its_rows_right_to_left_and_descendants_inherit(
        renderer: Renderer) -> None:
    boxes = lay_out(renderer,
                    (1, 0, {Prop.WIDTH: 1000.0, Prop.HEIGHT: 500.0, Prop.DIRECTION: RTL,
                            Prop.FLEX_DIRECTION: 1}),
                    (2, 1, {Prop.COLUMN_GAP: 10.0}),   # inherits rtl
                    (3, 2, cell(margin_left=30.0)),   # physical margins stay physical
                    (4, 2, cell()),
                    (5, 1, {Prop.DIRECTION: LTR}),    # back to ltr below it
                    (6, 5, cell()))
    assert boxes[3] == (900.0, 0.0, 100.0, 50.0)
    assert boxes[4] == (760.0, 0.0, 100.0, 50.0)   # 900 - 30 (margin) - 10 (gap) - 100
    assert boxes[6] == (0.0, 50.0, 100.0, 50.0)


def test_an_aspect_ratio_gives_the_height_from_the_width_and_the_width_from_the_height(
        renderer: Renderer) -> None:
    boxes = lay_out(renderer,
                    (1, 0, {Prop.WIDTH: 1000.0, Prop.HEIGHT: 500.0, Prop.ALIGN_ITEMS: 1}),
                    (2, 1, {Prop.WIDTH: 200.0, Prop.ASPECT_RATIO: 2 / 3}),
                    (3, 1, {Prop.HEIGHT: 90.0, Prop.ASPECT_RATIO: 16 / 9}))
    assert boxes[2] == (0.0, 0.0, 200.0, 300.0)
    assert boxes[3] == (200.0, 0.0, 160.0, 90.0)


def test_content_box_sizing_adds_padding_and_border_to_the_size(renderer: Renderer) -> None:
    boxes = lay_out(renderer,
                    (1, 0, {Prop.WIDTH: 1000.0, Prop.HEIGHT: 500.0, Prop.ALIGN_ITEMS: 1}),
                    (2, 1, cell(padding_left=10.0, border_right=5.0, box_sizing=1)),
                    (3, 1, cell(padding_left=10.0, border_right=5.0)))
    assert boxes[2][2:] == (115.0, 50.0)
    assert boxes[3][2:] == (100.0, 50.0)


@pytest.mark.parametrize(("keyword", "width"), [
    ("min-content", 300.0), ("max-content", 600.0), ("fit-content", 600.0), ("stretch", 1000.0)])
def test_size_keywords_size_a_box_by_its_content_or_the_room(renderer: Renderer, keyword: str,
                                                             width: float) -> None:
    boxes = lay_out(renderer,
                    (1, 0, {Prop.WIDTH: 1000.0, Prop.HEIGHT: 500.0, Prop.FLEX_DIRECTION: 1,
                            Prop.ALIGN_ITEMS: 1}),
                    (2, 1, {Prop.WIDTH: Dim.keyword(keyword), Prop.FLEX_WRAP: 1}),
                    (3, 2, cell(300.0)), (4, 2, cell(300.0)))  # wraps: one cell per line
    assert boxes[2][2] == width


def test_size_keywords_are_refused_where_they_mean_nothing_by_the_encoder_and_the_engine(
        renderer: Renderer) -> None:
    with pytest.raises(ValueError, match="MARGIN_LEFT: size keywords are only allowed"):
        CommandBuffer().set_prop(1, Prop.MARGIN_LEFT, "min-content")
    raw = CommandBuffer().create(1)
    raw.extend(bytes.fromhex("06" "0b0000" "01000000" "1200" "03" "00000000"))  # unit 3
    with pytest.raises(RendererError, match="takes no intrinsic size keyword"):
        renderer.apply(raw)
    with pytest.raises(RendererError, match="takes no intrinsic size keyword"):
        SceneDouble().apply(raw)
