"""Navigator: a page stack with the back key, page lifecycle and focus handling."""

from __future__ import annotations

from typing import Any

from renderer import CommandBuffer, Key, KeyAction, Renderer
from sdk import (
    TEXT,
    VIEW,
    Element,
    Navigator,
    SceneRoot,
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


class Driver:
    def __init__(self, element: Element) -> None:
        self.root = SceneRoot(element)
        self.engine = Renderer()
        self.now = 0.0

    def frame(self, *keys: int) -> None:
        batch = self.root.flush()
        if batch:
            self.engine.apply(batch)
        if keys:
            buf = CommandBuffer()
            for key in keys:
                buf.key(key, KeyAction.DOWN).key(key, KeyAction.UP)
            self.engine.apply(buf.getvalue())
        self.now += 16.7
        self.root.handle_events(self.engine.frame(self.now).events)

    def focused_test_id(self) -> str | None:
        for line in self.engine.dump().splitlines():
            focused = line.rstrip().endswith(" focused") or " focused " in line
            if focused and 'test_id="' in line:
                return line.split('test_id="')[1].split('"')[0]
        return None

    def dump(self) -> str:
        return self.engine.dump()


def settle(driver: Driver, frames: int = 3) -> None:
    for _ in range(frames):
        driver.frame()


def test_push_focuses_the_new_page_and_back_restores_the_old_focus():
    driver = Driver(Navigator(home=Home()))
    settle(driver)
    driver.frame(Key.RIGHT, Key.RIGHT, Key.SELECT)  # focus "count", then "open", press it
    settle(driver)
    assert "details 7" in driver.dump()
    assert driver.focused_test_id() == "play"
    driver.frame(Key.BACK)
    settle(driver)
    assert driver.focused_test_id() == "open"
    assert "details 7" not in driver.dump()


def test_a_covered_page_keeps_its_state_by_default():
    driver = Driver(Navigator(home=Home()))
    settle(driver)
    driver.frame(Key.RIGHT, Key.SELECT)  # press "count": home 1
    driver.frame(Key.RIGHT, Key.SELECT)  # open details
    settle(driver)
    driver.frame(Key.BACK)
    settle(driver)
    assert '"home 1"' in driver.dump()


def test_with_keep_covered_false_a_covered_page_is_disposed_and_rebuilt():
    driver = Driver(Navigator(home=Home(), keep_covered=False))
    settle(driver)
    driver.frame(Key.RIGHT, Key.SELECT)
    driver.frame(Key.RIGHT, Key.SELECT)
    settle(driver)
    assert "home" not in driver.dump()  # the home page is gone while covered
    driver.frame(Key.BACK)
    settle(driver)
    assert '"home 0"' in driver.dump()  # rebuilt from its element: fresh state


def test_back_reaches_a_navigator_nested_in_the_app_even_with_nothing_focused():
    driver = Driver(View(Text("app chrome"), Navigator(home=Home()), direction="column"))
    settle(driver)
    driver.frame(Key.RIGHT, Key.RIGHT, Key.SELECT)
    settle(driver)
    driver.engine.apply(CommandBuffer().focus(0).getvalue())  # nothing focused
    settle(driver)
    driver.frame(Key.BACK)
    settle(driver)
    assert "details 7" not in driver.dump()
