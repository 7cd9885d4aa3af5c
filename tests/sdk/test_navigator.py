"""Navigator: a page stack with the back key, page lifecycle and focus handling."""

from __future__ import annotations

from typing import Any

from engine_driver import Driver

from renderer import CommandBuffer, Key
from sdk import (
    TEXT,
    VIEW,
    Element,
    Navigator,
    component,
    host_element,
    use_navigator,
    use_signal,
)


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def Text(text: Any, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, None)


@component
def Home() -> Element:
    nav = use_navigator()
    presses = use_signal(0)
    return View(
        Text(lambda: f"home {presses()}"),
        View(width=100, height=50, focusable=True, test_id="count",
             on_press=lambda: presses.update(lambda n: n + 1)),
        View(width=100, height=50, focusable=True, test_id="open",
             on_press=lambda: nav.push(Details(id=7))),
        direction="row",
    )


@component
def Details(id: int) -> Element:
    return View(Text(f"details {id}"), View(width=100, height=50, focusable=True,
                                            test_id="play"))


def test_push_focuses_the_new_page_and_back_restores_the_old_focus():
    driver = Driver(Navigator(home=Home()))
    driver.settle()
    driver.frame(Key.RIGHT, Key.RIGHT, Key.SELECT)  # focus "count", then "open", press it
    driver.settle()
    assert "details 7" in driver.dump()
    assert driver.focused() == "play"
    driver.frame(Key.BACK)
    driver.settle()
    assert driver.focused() == "open"
    assert "details 7" not in driver.dump()


def test_a_covered_page_keeps_its_state_by_default():
    driver = Driver(Navigator(home=Home()))
    driver.settle()
    driver.frame(Key.RIGHT, Key.SELECT)  # press "count": home 1
    driver.frame(Key.RIGHT, Key.SELECT)  # open details
    driver.settle()
    driver.frame(Key.BACK)
    driver.settle()
    assert '"home 1"' in driver.dump()


def test_with_keep_covered_false_a_covered_page_is_disposed_and_rebuilt():
    driver = Driver(Navigator(home=Home(), keep_covered=False))
    driver.settle()
    driver.frame(Key.RIGHT, Key.SELECT)
    driver.frame(Key.RIGHT, Key.SELECT)
    driver.settle()
    assert "home" not in driver.dump()  # the home page is gone while covered
    driver.frame(Key.BACK)
    driver.settle()
    assert '"home 0"' in driver.dump()  # rebuilt from its element: fresh state


def test_back_reaches_a_navigator_nested_in_the_app_even_with_nothing_focused():
    driver = Driver(View(Text("app chrome"), Navigator(home=Home()), direction="column"))
    driver.settle()
    driver.frame(Key.RIGHT, Key.RIGHT, Key.SELECT)
    driver.settle()
    driver.engine.apply(CommandBuffer().focus(0).getvalue())  # nothing focused
    driver.settle()
    driver.frame(Key.BACK)
    driver.settle()
    assert "details 7" not in driver.dump()
