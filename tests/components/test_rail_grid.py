"""Rail and Grid: virtualized (bounded nodes), focus-following scroll, recycled nodes."""

from __future__ import annotations

import pytest
from components_kit import Stage, find, focused, parse, texts

from components import Column, Grid, Rail, Text
from renderer import CommandBuffer, FocusEvent, Key, KeyAction
from renderer.lowlevel import Opcode


def titles(n: int) -> list[str]:
    return [f"Title {i}" for i in range(n)]


def rail_page(items, **kwargs):
    return Column(
        Text("Trending", test_id="heading"),
        Rail(items, render=lambda t: Text(t), item_width=300, item_height=200,
             test_id="rail", **kwargs),
        width="100%", padding=(54, 96), gap=24,
    )


@pytest.fixture
def stages():
    made: list[Stage] = []
    yield made
    for stage in made:
        stage.close()


def staged(stages, element) -> Stage:
    stage = Stage(element)
    stages.append(stage)
    return stage


def rail_nodes(stage: Stage):
    return find(parse(stage.dump()), test_id="rail").walk()


def test_a_rail_of_5000_titles_has_as_many_nodes_as_a_rail_of_20(stages):
    big = staged(stages, rail_page(titles(5000)))
    small = staged(stages, rail_page(titles(20)))
    big_nodes, small_nodes = rail_nodes(big), rail_nodes(small)
    # viewport 1728 / stride 324 -> up to 7 visible + 2 x 2 overscan = 11 cells (+ texts),
    # and a trailing spacer
    cells = [n for n in big_nodes if n.prop("role") == "listitem"]
    assert len(cells) == 11
    assert len(big_nodes) == len(small_nodes) == 1 + 2 * 11 + 2
    assert len(parse(big.dump()).walk()) < 30
    # the spacers keep the full scroll extent: the last title's place exists
    lead, trail = big_nodes[1], big_nodes[-1]
    assert lead.prop("width") == "0" and trail.prop("width") == str(324 * (5000 - 11))


def test_moving_right_keeps_the_focused_title_visible_and_recycles_nodes(stages):
    stage = staged(stages, rail_page(titles(5000)))
    rail = find(parse(stage.dump()), test_id="rail")
    initial_ids = {n.id for n in rail.walk()}
    start = len(stage.batches)
    for step in range(40):
        events = stage.key(Key.RIGHT)
        root = parse(stage.dump())
        rail = find(root, test_id="rail")
        cell = focused(root)
        assert cell is not None and cell.prop("role") == "listitem"
        assert texts(cell) == [f"Title {step}"]
        focus_events = [e for e in events if isinstance(e, FocusEvent)]
        assert [e.node for e in focus_events] == [cell.id]
        scroll = float(rail.prop("scroll_x") or 0)
        left = cell.x - scroll
        assert rail.x <= left and left + cell.w <= rail.x + rail.w, (step, left, scroll)
        assert len(rail.walk()) == 1 + 2 + 2 * 11            # bounded: 2 spacers, 11 cells
    assert float(rail.prop("scroll_x") or 0) == pytest.approx(39 * 324 + 300 - 1728)
    # the window slid by 34 slots without creating or removing a node: cells were moved
    # to the other end and re-bound to their new titles
    ops = stage.opcodes_since(start)
    assert ops[Opcode.CREATE] == 0 and ops[Opcode.REMOVE] == 0 and ops[Opcode.INSTANTIATE] == 0
    assert ops[Opcode.INSERT] >= 30 and ops[Opcode.SET_TEXT] >= 30
    assert {n.id for n in rail.walk()} == initial_ids


def test_moving_back_left_returns_to_the_start(stages):
    stage = staged(stages, rail_page(titles(500)))
    for _ in range(15):
        stage.key(Key.RIGHT)
    for _ in range(14):
        stage.key(Key.LEFT)
    root = parse(stage.dump())
    rail = find(root, test_id="rail")
    assert texts(focused(root)) == ["Title 0"]
    assert float(rail.prop("scroll_x") or 0) == 0
    assert rail.children[0].prop("width") == "0"            # the leading spacer is empty again
    assert rail.children[1].prop("role") == "listitem"


def test_two_keys_in_one_frame_still_find_the_next_item(stages):
    stage = staged(stages, rail_page(titles(100)))
    stage.key(Key.RIGHT)
    buf = CommandBuffer()
    for _ in range(2):
        buf.key(int(Key.RIGHT), KeyAction.DOWN).key(int(Key.RIGHT), KeyAction.UP)
    stage.engine.apply(buf)
    stage.settle()
    assert texts(focused(parse(stage.dump()))) == ["Title 2"]


def test_rail_reports_focused_and_pressed_items(stages):
    pressed, seen = [], []
    stage = staged(stages, rail_page(titles(50), on_press=pressed.append,
                                     on_focus_item=seen.append))
    for _ in range(3):
        stage.key(Key.RIGHT)
    stage.key(Key.SELECT)
    assert seen == ["Title 0", "Title 1", "Title 2"]
    assert pressed == ["Title 2"]


def test_rail_items_may_be_a_signal(stages):
    from signals import signal

    items = signal(titles(3))
    stage = staged(stages, rail_page(items))
    items.set(["New", *titles(3)])
    stage.settle()
    assert texts(find(parse(stage.dump()), test_id="rail")) == ["New", *titles(3)]


def grid_page(items, **kwargs):
    return Column(
        Grid(items, 6, render=lambda t: Text(t, size=28), item_width=240, item_height=150,
             test_id="grid", **kwargs),
        width="100%", height="100%", padding=(54, 96),
    )


def test_a_grid_of_5000_items_creates_only_the_visible_rows(stages):
    big = staged(stages, grid_page(titles(5000)))
    small = staged(stages, grid_page(titles(60)))
    big_grid = find(parse(big.dump()), test_id="grid")
    cells = [n for n in big_grid.walk() if n.prop("role") == "listitem"]
    # viewport 972 / stride 174 -> up to 7 visible rows + 2 x 1 overscan = 9 rows of 6
    assert len(cells) == 9 * 6
    assert len(big_grid.walk()) == len(find(parse(small.dump()), test_id="grid").walk())


def test_moving_down_the_grid_keeps_focus_visible_and_recycles_rows(stages):
    stage = staged(stages, grid_page(titles(5000)))
    stage.key(Key.DOWN)
    grid = find(parse(stage.dump()), test_id="grid")
    initial_ids = {n.id for n in grid.walk()}
    start = len(stage.batches)
    for step in range(1, 30):
        stage.key(Key.DOWN)
        root = parse(stage.dump())
        grid = find(root, test_id="grid")
        cell = focused(root)
        assert texts(cell) == [f"Title {6 * step}"]
        top = cell.y - float(grid.prop("scroll_y") or 0)
        assert grid.y <= top and top + cell.h <= grid.y + grid.h
    stage.key(Key.RIGHT)
    assert texts(focused(parse(stage.dump()))) == [f"Title {6 * 29 + 1}"]
    ops = stage.opcodes_since(start)
    assert ops[Opcode.CREATE] == 0 and ops[Opcode.REMOVE] == 0
    assert {n.id for n in grid.walk()} == initial_ids


def test_grid_and_rail_reject_bad_sizes():
    with pytest.raises(ValueError, match="item_width"):
        Rail([], render=Text, item_width=0)
    with pytest.raises(ValueError, match="columns"):
        Grid([], 0, render=Text, item_width=1, item_height=1)
    with pytest.raises(TypeError, match="Rail\\(items\\) must be a sequence"):
        Rail(iter([1]), render=Text, item_width=10)
