"""Percentages inside flexed and stretched items, through the real engine.

CSS Flexbox 9.8: in a container with a definite main size, a flex item's
post-flexing main size is definite, and in a single-line container with a
definite cross size, a stretched item's cross size is definite; its
children's percentages resolve against those sizes. The scene's case is a
rail (`width: 100%`, `overflow: scroll`, thousands of px of content) inside a
`grow=1` item. The rust side is `renderer/core/tests/flexbox_definite.rs`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from renderer._commands import CommandBuffer, PropValue
from renderer._protocol import Prop
from renderer._renderer import Renderer

ROW, COLUMN = 0, 1
SCROLL = 2
_DUMP_BOX = re.compile(r"#(\d+) \w+ \[([-\d.]+),([-\d.]+) ([-\d.]+)x([-\d.]+)\]")
Box = tuple[float, float, float, float]
CONTAINER, SIBLING, ITEM, CHILD, CONTENT = 1, 2, 3, 4, 5


def boxes(renderer: Renderer) -> dict[int, Box]:
    """Absolute (x, y, width, height) of every node, from the engine's dump."""
    renderer.frame(0.0)
    found = {}
    for match in _DUMP_BOX.finditer(renderer.dump()):
        node, *numbers = match.groups()
        x, y, w, h = (float(n) for n in numbers)
        found[int(node)] = (x, y, w, h)
    return found


def build(renderer: Renderer, container: dict[int, PropValue], sibling: dict[int, PropValue],
          item: dict[int, PropValue], child: dict[int, PropValue],
          content: dict[int, PropValue]) -> dict[int, Box]:
    """container > [sibling, item > child > content], laid out in 1920x1080."""
    buffer = CommandBuffer().set_viewport(1920, 1080, 1920.0, 1080.0)
    for node, props in zip((CONTAINER, SIBLING, ITEM, CHILD, CONTENT),
                           (container, sibling, item, child, content), strict=True):
        buffer.create(node).set_props(node, props)
    buffer.insert(CONTAINER, SIBLING).insert(CONTAINER, ITEM).insert(ITEM, CHILD)
    buffer.insert(CHILD, CONTENT).set_root(CONTAINER)
    renderer.apply(buffer)
    return boxes(renderer)


def size(width: PropValue, height: PropValue, direction: int = ROW) -> dict[int, PropValue]:
    return {Prop.WIDTH: width, Prop.HEIGHT: height, Prop.FLEX_DIRECTION: direction}


def rigid(width: float, height: float) -> dict[int, PropValue]:
    """A sibling that keeps its size (the grown item's base size is its content)."""
    return {**size(width, height), Prop.FLEX_SHRINK: 0}


def grown(min_prop: int | None, direction: int = ROW) -> dict[int, PropValue]:
    props: dict[int, PropValue] = {Prop.FLEX_GROW: 1, Prop.FLEX_DIRECTION: direction}
    if min_prop is not None:
        props[min_prop] = 0
    return props


def scrolled(props: dict[int, PropValue]) -> dict[int, PropValue]:
    return {**props, Prop.OVERFLOW: SCROLL}


def wide_rail_in_row(renderer: Renderer, item: dict[int, PropValue],
                     percent: int = 100) -> dict[int, Box]:
    return build(renderer, size(1000, 500), rigid(200, 50), item,
                 scrolled(size(f"{percent}%", 100)), {**size(5000, 100), Prop.FLEX_SHRINK: 0})


# 50% tells a resolved percentage from an auto size that was shrunk or
# stretched to the item's size.
PERCENTS = [100, 50]


@pytest.mark.parametrize("percent", PERCENTS)
@pytest.mark.parametrize("direction", [ROW, COLUMN])
def test_a_rail_with_a_percentage_width_fills_the_flexed_width_of_its_row_item(
        engine_path: Path, direction: int, percent: int) -> None:
    with Renderer(engine_path) as renderer:
        got = wide_rail_in_row(renderer, grown(Prop.MIN_WIDTH, direction), percent)
    assert got[ITEM] == (200, 0, 800, 500)
    assert got[CHILD] == (200, 0, 8 * percent, 100)
    assert got[CONTENT][2] == 5000


@pytest.mark.parametrize("percent", PERCENTS)
@pytest.mark.parametrize("direction", [ROW, COLUMN])
def test_a_percentage_height_fills_the_flexed_height_of_its_column_item(
        engine_path: Path, direction: int, percent: int) -> None:
    with Renderer(engine_path) as renderer:
        got = build(renderer, size(500, 1000, COLUMN), rigid(50, 300),
                    grown(Prop.MIN_HEIGHT, direction),
                    scrolled(size(100, f"{percent}%", COLUMN)),
                    {**size(100, 5000), Prop.FLEX_SHRINK: 0})
    assert got[ITEM] == (0, 300, 500, 700)
    assert got[CHILD] == (0, 300, 100, 7 * percent)
    assert got[CONTENT][3] == 5000


@pytest.mark.parametrize("percent", PERCENTS)
def test_a_percentage_cross_size_fills_the_stretched_item(
        engine_path: Path, percent: int) -> None:
    with Renderer(engine_path) as renderer:
        row = build(renderer, size(1000, 500), rigid(200, 50), grown(Prop.MIN_WIDTH),
                    scrolled(size(100, f"{percent}%", COLUMN)), size(100, 5000))
    with Renderer(engine_path) as renderer:
        column = build(renderer, size(600, 1000, COLUMN), rigid(50, 300),
                       grown(Prop.MIN_HEIGHT, COLUMN), scrolled(size(f"{percent}%", 100)),
                       {**size(5000, 100), Prop.FLEX_SHRINK: 0})
    assert row[ITEM][3] == 500 and row[CHILD][3] == 5 * percent
    assert column[ITEM][2] == 600 and column[CHILD][2] == 6 * percent


def test_min_width_auto_lets_the_rail_content_widen_the_item_as_in_chrome(
        engine_path: Path) -> None:
    """`min-width: auto` is the item's min-content size (CSS Flexbox 4.5), and the
    rail's cyclic `100%` counts as `auto` for it (CSS Sizing 3 5.2.1): the item
    is as wide as the content. `min_width=0` (above) or a clipping item fixes it."""
    with Renderer(engine_path) as renderer:
        auto = wide_rail_in_row(renderer, grown(None))
    with Renderer(engine_path) as renderer:
        clipped = wide_rail_in_row(renderer, {**grown(None), Prop.OVERFLOW: 1})
    assert auto[ITEM][2] == 5000 and auto[CHILD][2] == 5000
    assert clipped[ITEM][2] == 800 and clipped[CHILD][2] == 800


def test_the_rail_follows_when_the_flexed_width_changes(engine_path: Path) -> None:
    with Renderer(engine_path) as renderer:
        first = wide_rail_in_row(renderer, grown(Prop.MIN_WIDTH), percent=50)
        assert first[CHILD][2] == 400
        for sibling, expected in ((450, 550), (100, 900), (200, 800)):
            renderer.apply(CommandBuffer().set_prop(SIBLING, Prop.WIDTH, sibling))
            got = boxes(renderer)
            assert got[ITEM][2] == expected
            assert got[CHILD] == (sibling, 0, expected / 2, 100)
        renderer.apply(CommandBuffer().set_prop(CONTAINER, Prop.WIDTH, 1500))
        assert boxes(renderer)[CHILD][2] == 650
