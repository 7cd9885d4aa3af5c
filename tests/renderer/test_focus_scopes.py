"""Focus scopes, memory, preferred children, traps, overrides, the focus path and
focus repair, through the real engine."""

from __future__ import annotations

from pathlib import Path

from focus_kit import DOWN, LEFT, RIGHT, ROOT, UP, focus, focused, key, place

from renderer._commands import CommandBuffer
from renderer._events import BlurEvent, FocusEvent, FocusPathEvent, KeyEvent, focus_path
from renderer._protocol import Prop
from renderer._renderer import Renderer

XS = (100, 400, 700, 1000)


def rows(engine_path: Path, extra: CommandBuffer | None = None) -> Renderer:
    """Row scopes 100 (y 100) and 200 (y 500), items r+1..r+4 at XS; node 900 is a
    lone focusable box outside both, between items 101 and 102."""
    r = Renderer(engine_path)
    b = CommandBuffer().create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    b.set_root(ROOT)
    for row, y in ((100, 100), (200, 500)):
        place(b, row, ROOT, (0, y, 1920, 200), focusable=False, props={Prop.FOCUS_SCOPE: 1})
        for k, x in enumerate(XS, 1):
            place(b, row + k, row, (x, 0, 200, 150))
    place(b, 900, ROOT, (310, 130, 80, 80))
    if extra is not None:
        b.extend(extra)
    r.apply(b)
    r.frame(0.0)
    return r


def test_the_innermost_scope_is_searched_first(engine_path: Path) -> None:
    r = rows(engine_path)
    focus(r, 101)
    key(r, RIGHT)
    assert focused(r) == 102  # 900 is nearer but outside row 100


def test_leaving_a_scope_and_coming_back_restores_its_memory(engine_path: Path) -> None:
    r = rows(engine_path)
    focus(r, 103)
    key(r, DOWN)
    assert focused(r) == 203
    key(r, RIGHT)
    assert focused(r) == 204
    key(r, UP)
    assert focused(r) == 103  # spatially 104 is nearest; the row remembers 103
    key(r, DOWN)
    assert focused(r) == 204


def test_a_preferred_child_is_entered_first_then_memory_wins(engine_path: Path) -> None:
    r = rows(engine_path, CommandBuffer().set_prop(201, Prop.FOCUS_PREFERRED, 1))
    assert "focus_preferred" in r.dump()
    focus(r, 103)
    key(r, DOWN)
    assert focused(r) == 201
    key(r, RIGHT)
    key(r, UP)
    key(r, DOWN)
    assert focused(r) == 202


def test_a_trap_keeps_focus_until_it_is_lifted(engine_path: Path) -> None:
    r = rows(engine_path, CommandBuffer().set_prop(200, Prop.FOCUS_TRAP, 1))
    focus(r, 202)
    events = key(r, UP)
    assert focused(r) == 202
    assert KeyEvent(202, UP, 0, False) in events
    focus(r, 101)  # the app cannot pull focus out of a trap either
    assert focused(r) == 202
    key(r, RIGHT)
    assert focused(r) == 203
    r.apply(CommandBuffer().set_prop(200, Prop.FOCUS_TRAP, 0))
    key(r, UP)
    assert focused(r) == 103


def test_a_dialog_scope_is_a_trap(engine_path: Path) -> None:
    r = rows(engine_path, CommandBuffer().set_prop(200, Prop.ROLE, 7))
    focus(r, 202)
    key(r, UP)
    assert focused(r) == 202


def test_overrides_chains_loops_and_scopes(engine_path: Path) -> None:
    r = rows(engine_path, CommandBuffer().set_prop(101, Prop.NEXT_RIGHT, 104))
    focus(r, 101)
    key(r, RIGHT)
    assert focused(r) == 104
    # Through a disabled node's own override.
    r = rows(engine_path, CommandBuffer().set_props(101, {Prop.NEXT_RIGHT: 102})
             .set_props(102, {Prop.DISABLED: 1, Prop.NEXT_RIGHT: 104}))
    focus(r, 101)
    key(r, RIGHT)
    assert focused(r) == 104
    # A loop (101 -> 102 -> 101, 102 disabled) falls back to spatial search.
    r = rows(engine_path, CommandBuffer().set_props(101, {Prop.NEXT_RIGHT: 102})
             .set_props(102, {Prop.DISABLED: 1, Prop.NEXT_RIGHT: 101}))
    focus(r, 101)
    key(r, RIGHT)
    assert focused(r) == 103
    # A dangling id falls back too; a scope target is entered.
    r = rows(engine_path, CommandBuffer().set_props(101, {Prop.NEXT_RIGHT: 9999,
                                                          Prop.NEXT_DOWN: 200}))
    focus(r, 101)
    key(r, RIGHT)
    assert focused(r) == 102
    focus(r, 101)
    key(r, DOWN)
    assert focused(r) == 201
    assert "next_right=9999" in r.dump()


def test_focus_events_carry_the_focus_path(engine_path: Path) -> None:
    r = rows(engine_path)
    events = focus(r, 203)
    assert FocusEvent(203, 0) in events
    assert focus_path(events) == (ROOT, 200, 203)
    # A deep node: the path spans several records.
    b = CommandBuffer()
    parent = 204
    for node in range(1000, 1005):
        place(b, node, parent, (0, 0, 100, 100), focusable=node == 1004)
        parent = node
    r.apply(b)
    events = focus(r, 1004)
    parts = [e for e in events if isinstance(e, FocusPathEvent)]
    assert len(parts) == 2 and parts[0].length == 8
    assert focus_path(events) == (ROOT, 200, 204, 1000, 1001, 1002, 1003, 1004)


def test_removing_the_focused_node_moves_focus_within_its_scope(engine_path: Path) -> None:
    r = rows(engine_path)
    focus(r, 202)
    r.apply(CommandBuffer().remove(202))
    events = list(r.frame(32.0).events)
    assert BlurEvent(202, 0) in events
    assert FocusEvent(201, 0) in events  # 201 and 203 tie; tree order
    assert focused(r) == 201


def test_hiding_or_disabling_the_focused_node_moves_focus(engine_path: Path) -> None:
    r = rows(engine_path)
    focus(r, 101)
    r.apply(CommandBuffer().set_prop(101, Prop.DISABLED, 1))
    events = list(r.frame(32.0).events)
    assert BlurEvent(101, 102) in events and FocusEvent(102, 101) in events
    # Hiding the whole row moves focus out of its scope to the nearest node.
    r.apply(CommandBuffer().set_prop(100, Prop.VISIBLE, 0))
    r.frame(48.0)
    assert focused(r) == 900
    r.apply(CommandBuffer().set_prop(900, Prop.DISPLAY, 1))
    r.frame(64.0)
    assert focused(r) == 201  # 201 and 202 are equally near 900's centre: tree order


def test_focus_is_blurred_only_when_nothing_can_take_it(engine_path: Path) -> None:
    r = rows(engine_path)
    focus(r, 101)
    r.apply(CommandBuffer().remove(100).remove(200).remove(900))
    events = list(r.frame(32.0).events)
    assert events == [BlurEvent(101, 0)]
    assert focused(r) == 0


def test_the_app_can_focus_a_scope_and_lands_on_its_memory(engine_path: Path) -> None:
    r = rows(engine_path)
    focus(r, 204)
    focus(r, 101)
    focus(r, 200)
    assert focused(r) == 204
    key(r, LEFT)
    assert focused(r) == 203


def test_back_to_a_page_restores_its_focus(engine_path: Path) -> None:
    r = rows(engine_path, CommandBuffer().set_prop(ROOT, Prop.FOCUS_SCOPE, 1))
    focus(r, 203)
    page = CommandBuffer().create(2).set_props(2, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    place(page, 3, 2, (100, 100, 200, 200))
    place(page, 4, 2, (900, 600, 200, 200))
    r.apply(page.set_root(2))
    events = list(r.frame(32.0).events)
    assert BlurEvent(203, 4) in events and focused(r) == 4  # nearest to where 203 was
    r.apply(CommandBuffer().set_root(ROOT))
    r.frame(48.0)
    assert focused(r) == 203  # the page (a scope) remembers


def test_nested_scopes_are_left_one_level_at_a_time(engine_path: Path) -> None:
    r = Renderer(engine_path)
    b = CommandBuffer().create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    b.set_root(ROOT)
    place(b, 300, ROOT, (0, 0, 1000, 1000), focusable=False, props={Prop.FOCUS_SCOPE: 1})
    place(b, 310, 300, (0, 0, 1000, 200), focusable=False, props={Prop.FOCUS_SCOPE: 1})
    place(b, 311, 310, (100, 50, 200, 100))
    place(b, 312, 310, (400, 50, 200, 100))
    place(b, 320, 300, (100, 800, 200, 100))
    place(b, 900, ROOT, (100, 300, 200, 100))  # nearer below 311, but outside scope 300
    r.apply(b)
    r.frame(0.0)
    focus(r, 312)
    key(r, LEFT)
    assert focused(r) == 311
    key(r, DOWN)
    assert focused(r) == 320
    focus(r, 312)
    focus(r, 320)
    key(r, UP)
    assert focused(r) == 312  # scope 310 restores its memory
    key(r, DOWN)
    key(r, DOWN)
    assert focused(r) == 320  # nothing below 320 in 300: the root finds nothing either
    # Memory counts only in the pressed direction: 300 remembers 320, which
    # is below 900, so going up lands on the spatial winner instead.
    focus(r, 900)
    key(r, UP)
    assert focused(r) == 311
    focus(r, 900)
    key(r, DOWN)
    assert focused(r) == 320


def test_hiding_a_trap_lets_the_app_focus_outside_in_the_same_batch(engine_path: Path) -> None:
    r = rows(engine_path, CommandBuffer().set_prop(200, Prop.FOCUS_TRAP, 1))
    focus(r, 202)
    r.apply(CommandBuffer().set_prop(200, Prop.VISIBLE, 0).focus(104))
    r.frame(32.0)
    assert focused(r) == 104
