"""ScrollView: up/down scroll long content by a step, fades show more, ends let focus go."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse

from components import Button, Column, ScrollView, Text, View
from renderer import Key

LINES = [f"Line {i}: the quick brown fox jumps over the lazy dog." for i in range(30)]


def scroller(stage: Stage):
    root = parse(stage.dump())
    view = find(root, test_id="about")
    fades = [n for n in view.walk() if n.prop("position") == "absolute"]
    return view, view.children[0], fades


@pytest.fixture
def stage():
    stage = Stage(Column(Button("Above", test_id="above"),
                         ScrollView(*(Text(line) for line in LINES), height=400, width=1200,
                                    step=100, label="About", test_id="about"),
                         Button("Below", test_id="below"), padding=48, gap=16))
    yield stage
    stage.close()


def test_down_scrolls_by_a_step_and_the_node_reports_its_range(stage):
    stage.key(Key.DOWN)
    stage.key(Key.DOWN)
    view, inner, fades = scroller(stage)
    assert view.focused and view.prop("role") == "scrollview"
    assert view.prop("max") not in (None, "0") and view.prop("value") == "0"
    assert inner.prop("overflow") == "scroll" and inner.prop("scroll_y") is None
    stage.key(Key.DOWN)
    view, inner, fades = scroller(stage)
    assert inner.prop("scroll_y") == "100" and view.prop("value") == "100"
    assert [f.prop("visible") for f in fades] == [None, None]  # both fades show
    stage.key(Key.UP)
    view, inner, fades = scroller(stage)
    assert inner.prop("scroll_y") is None
    assert [f.prop("visible") for f in fades] == ["0", None]   # nothing above: no top fade


def test_at_the_ends_the_arrows_move_focus_on(stage):
    stage.key(Key.DOWN)
    stage.key(Key.DOWN)
    view, _, _ = scroller(stage)
    limit = float(view.prop("max"))
    for _ in range(int(limit // 100) + 1):
        stage.key(Key.DOWN)
    view, inner, fades = scroller(stage)
    assert float(inner.prop("scroll_y")) == limit and view.focused
    assert view.prop("capture_keys") == "1"                   # up only
    assert [f.prop("visible") for f in fades] == [None, "0"]   # at the bottom
    stage.key(Key.DOWN)
    assert focused(parse(stage.dump())).prop("test_id") == "below"
    stage.key(Key.UP)
    stage.key(Key.UP)
    assert float(scroller(stage)[1].prop("scroll_y")) == limit - 100


def test_short_content_captures_nothing():
    stage = Stage(Column(ScrollView(Text("Short"), height=300, test_id="about"),
                         Button("Below", test_id="below"), padding=48, gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)
        assert focused(parse(stage.dump())).prop("test_id") == "below"
    finally:
        stage.close()


def test_bad_arguments_name_the_scroll_view():
    with pytest.raises(ValueError, match=r"ScrollView\(step=0\) must be > 0"):
        ScrollView(Text("x"), height=100, step=0)
    with pytest.raises(ValueError, match=r"ScrollView\(height='tall'\)"):
        ScrollView(Text("x"), height="tall")
    with pytest.raises(TypeError, match=r"ScrollView\(\) got an unknown prop 'scroll'"):
        ScrollView(Text("x"), height=100, scroll=True)


async def test_scroll_view_states(ui, snapshot):
    page = View(ScrollView(*(Text(line) for line in LINES[:16]), height=520, width=1100),
                padding=48, width="100%", height="100%", background="#0b0d12",
                direction="column")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down", times=3)
    await screen.settle()
    assert screen.snapshot() == snapshot(name="focused_scrolled")
