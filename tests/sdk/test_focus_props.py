"""Focus props from the SDK reach the engine's focus system (it moves focus, not Python)."""

from __future__ import annotations

from typing import Any

import pytest
from engine_driver import Driver

from renderer import Key, KeyAction
from sdk import VIEW, ComponentError, Element, Ref, SceneRoot, host_element, use_signal
from sdk import component as component_


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def tile(test_id: str, **props: Any) -> Element:
    return View(width=100, height=60, focusable=True, test_id=test_id, **props)


def test_a_node_that_captures_left_and_right_gets_them_and_focus_stays():
    seen: list[int] = []

    @component_
    def Slider() -> Element:
        value = use_signal(5)

        def on_key(event: Any) -> bool:
            # Keys the engine navigated with (the one that brought focus here) arrive
            # too, marked handled; captured ones name the capturing node.
            if event.action == KeyAction.DOWN and event.captured_by:
                seen.append(event.key)
                value.update(lambda v: v + (1 if event.key == Key.RIGHT else -1))
            return True

        return tile("slider", capture_keys=["left", "right"], on_key=on_key,
                    label=lambda: f"value {value()}")

    driver = Driver(View(tile("before"), Slider(), tile("after"), direction="row"))
    driver.frame(Key.RIGHT)  # focuses "before"
    driver.frame(Key.RIGHT)  # moves to the slider
    assert driver.focused() == "slider"
    driver.frame(Key.RIGHT, Key.RIGHT, Key.LEFT)
    assert driver.focused() == "slider"  # the engine did not navigate
    assert seen == [Key.RIGHT, Key.RIGHT, Key.LEFT], seen
    slider = next(line for line in driver.engine.dump().splitlines() if "slider" in line)
    assert 'label="value 6"' in slider, slider


def test_an_explicit_next_target_overrides_spatial_navigation():
    target = Ref()
    driver = Driver(View(tile("c", ref=target), View(tile("a", next_right=target),
                                                      tile("b")), direction="row"))
    driver.frame(Key.RIGHT)  # first focusable in tree order: "c"
    driver.frame(Key.RIGHT)  # spatially to "a"
    assert driver.focused() == "a"
    driver.frame(Key.RIGHT)  # "b" is nearer, but the override says "c"
    assert driver.focused() == "c"


def test_a_trap_keeps_focus_inside_the_dialog():
    driver = Driver(View(tile("page"),
                         View(tile("ok"), tile("cancel"), focus_trap=True, direction="row"),
                         direction="column"))
    driver.frame(Key.DOWN)  # "page"
    driver.frame(Key.DOWN)  # into the dialog
    assert driver.focused() in ("ok", "cancel")
    driver.frame(Key.UP, Key.UP)
    assert driver.focused() in ("ok", "cancel")  # never back to the page


def test_bad_focus_props_say_what_was_wrong():
    with pytest.raises(ComponentError, match="unknown key 'lef'"):
        SceneRoot(tile("x", capture_keys=["lef"])).flush()


def test_next_stop_keeps_focus_where_spatial_search_would_jump_away():
    from sdk import STOP, For
    from signals import signal

    def grid(**last_props: Any) -> Element:
        # A keyboard row above, a result row below it; Right on the last result
        # would find the keyboard's far key up and to the right.
        keyboard = View(View(width=900, height=60), tile("key"), direction="row")
        results = View(tile("r1"), tile("r2", **last_props), direction="row")
        return View(keyboard, results, direction="column")

    def walk(driver: Driver) -> str:
        driver.frame(Key.DOWN)  # first focusable: "key"
        driver.frame(Key.DOWN)  # down to the results
        while driver.focused() != "r2":
            driver.frame(Key.RIGHT)
        driver.frame(Key.RIGHT)
        return driver.focused()

    assert walk(Driver(grid())) == "key"  # what STOP is for
    assert walk(Driver(grid(next_right=STOP))) == "r2"
    # In a For row made from a template (the row's own id, per copy).
    items = signal([1, 2, 3])
    rows = Driver(View(For(each=items, render=lambda i: View(
        tile(f"t{i}", next_right=STOP if i == 3 else None), View(width=10, height=10))),
        direction="row"))
    rows.frame(Key.RIGHT)
    for _ in range(4):
        rows.frame(Key.RIGHT)
    assert rows.focused() == "t3"


def test_a_wrong_next_target_names_what_is_accepted():
    with pytest.raises(ComponentError, match="expected a Ref, a node id or STOP"):
        driver = Driver(View(tile("a", next_right="somewhere")))
        driver.frame()
