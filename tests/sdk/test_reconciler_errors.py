"""Error boundaries: render, effect and handler errors; the rest keeps running; reset."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from reconciler_kit import Harness, Text, View

from renderer import PressEvent
from sdk import ComponentError, Element, ErrorBoundary, For, component, use_effect, use_signal
from signals import signal


class Boom(Exception):
    pass


def _fallback(log: list[Any]) -> Callable[[BaseException, Callable[[], None]], Element]:
    def fallback(error: BaseException, reset: Callable[[], None]) -> Element:
        log.append((error, reset))
        return Text(f"failed: {error}")

    return fallback


def _press(harness: Harness, text: str) -> None:
    """Deliver a press event to the node showing `text` (or its nearest handler)."""
    double = harness.double
    node = next(n for n in double.node_ids() if double.text(n) == text)
    harness.root.handle_events([PressEvent(node)])


def test_a_render_error_shows_the_fallback_and_the_siblings_stay() -> None:
    caught: list[Any] = []

    @component
    def Broken() -> Element:
        raise Boom("render")

    harness = Harness(View(Text("before"), ErrorBoundary(Text("inside"), Broken(),
                                                         fallback=_fallback(caught)),
                           Text("after")))
    harness.flush()
    assert harness.texts() == ["before", "failed: render", "after"]
    assert isinstance(caught[0][0], Boom)
    assert "detached" not in harness.dump()


def test_a_re_render_error_swaps_in_the_fallback_in_place() -> None:
    bad = signal(False)

    @component
    def Flaky() -> Element:
        if bad():
            raise Boom("later")
        return Text("fine")

    harness = Harness(View(Text("a"), ErrorBoundary(Flaky(), fallback=_fallback([])),
                           Text("z")))
    harness.flush()
    bad.set(True)
    harness.flush()
    assert harness.texts() == ["a", "failed: later", "z"]
    assert "detached" not in harness.dump()


def test_an_effect_error_is_caught_by_the_boundary() -> None:
    @component
    def Effecty() -> Element:
        def effect() -> None:
            raise Boom("effect")

        use_effect(effect)
        return Text("effecty")

    harness = Harness(View(ErrorBoundary(Effecty(), fallback=_fallback([])), Text("z")))
    harness.flush()
    assert harness.texts() == ["failed: effect", "z"]


def test_an_effect_error_on_a_later_run_is_caught_by_the_boundary() -> None:
    value = signal(0)

    @component
    def Effecty() -> Element:
        def effect() -> None:
            if value() > 0:
                raise Boom("effect rerun")

        use_effect(effect)
        return Text("effecty")

    harness = Harness(View(ErrorBoundary(Effecty(), fallback=_fallback([])), Text("z")))
    harness.flush()
    value.set(1)
    harness.flush()
    assert harness.texts() == ["failed: effect rerun", "z"]


def test_a_reactive_prop_error_is_caught_by_the_boundary() -> None:
    value = signal(1)

    def text() -> str:
        if value() == 0:
            raise Boom("division")
        return str(10 // value())

    harness = Harness(View(ErrorBoundary(Text(text), fallback=_fallback([])), Text("z")))
    harness.flush()
    value.set(0)
    harness.flush()
    assert harness.texts() == ["failed: division", "z"]


def test_a_handler_error_is_caught_by_the_boundary_and_the_app_keeps_running() -> None:
    count = signal(0)

    def explode() -> None:
        raise Boom("handler")

    @component
    def Counter() -> Element:
        return Text(f"count {count()}", on_press=lambda: count.set(count() + 1))

    harness = Harness(View(ErrorBoundary(Text("press me", on_press=explode),
                                         fallback=_fallback([])), Counter()))
    harness.flush()
    _press(harness, "press me")  # does not raise
    harness.flush()
    assert harness.texts() == ["failed: handler", "count 0"]
    _press(harness, "count 0")
    harness.flush()
    assert harness.texts() == ["failed: handler", "count 1"]


def test_reset_retries_the_children_fresh() -> None:
    attempts = signal(0)
    caught: list[Any] = []

    @component
    def Flaky() -> Element:
        state = use_signal("fresh")
        if attempts() < 2:
            raise Boom(f"attempt {attempts()}")
        return Text(state())

    harness = Harness(View(ErrorBoundary(Flaky(), fallback=_fallback(caught))))
    harness.flush()
    assert harness.texts() == ["failed: attempt 0"]
    attempts.set(1)
    caught[-1][1]()  # reset: still failing
    harness.flush()
    assert harness.texts() == ["failed: attempt 1"]
    attempts.set(2)
    caught[-1][1]()
    harness.flush()
    assert harness.texts() == ["fresh"]


def test_an_error_with_no_boundary_escapes_the_flush_as_a_component_error() -> None:
    @component
    def Broken() -> Element:
        raise Boom("nobody catches")

    harness = Harness(View(Broken()))
    with pytest.raises(ComponentError) as info:
        harness.flush()
    assert isinstance(info.value.__cause__, Boom)


def test_a_handler_error_with_no_boundary_is_raised_after_every_handler_ran() -> None:
    log: list[str] = []

    def explode() -> None:
        raise Boom("handler")

    harness = Harness(View(Text("a", on_press=explode),
                           Text("b", on_press=lambda: log.append("b"))))
    harness.flush()
    double = harness.double
    nodes = [n for n in double.node_ids() if double.text(n) in ("a", "b")]
    with pytest.raises(ComponentError):
        harness.root.handle_events([PressEvent(n) for n in nodes])
    assert log == ["b"]


def test_a_failing_fallback_goes_to_the_next_boundary_up() -> None:
    @component
    def Broken() -> Element:
        raise Boom("inner")

    def bad_fallback(error: BaseException, reset: Callable[[], None]) -> Element:
        raise Boom("fallback")

    harness = Harness(View(ErrorBoundary(ErrorBoundary(Broken(), fallback=bad_fallback),
                                         fallback=_fallback([])), Text("z")))
    harness.flush()
    assert harness.texts() == ["failed: fallback", "z"]


def test_an_inner_boundary_keeps_the_outer_one_untouched() -> None:
    @component
    def Broken() -> Element:
        raise Boom("inner")

    outer: list[Any] = []
    harness = Harness(ErrorBoundary(View(Text("outer ok"),
                                         ErrorBoundary(Broken(), fallback=_fallback([]))),
                                    fallback=_fallback(outer)))
    harness.flush()
    assert outer == []
    assert harness.texts() == ["outer ok", "failed: inner"]


def test_a_for_row_render_error_is_caught_by_the_boundary() -> None:
    items = signal([1, 2])
    bad = signal(False)

    def render(i: int) -> Element:
        if i == 3 or (bad() and i == 2):
            raise Boom(f"row {i}")
        return Text(str(i))

    for trigger in ("new item", "row signal"):
        items.set([1, 2])
        bad.set(False)
        harness = Harness(View(ErrorBoundary(View(For(each=items, render=render)),
                                             fallback=_fallback([])), Text("z")))
        harness.flush()
        if trigger == "new item":
            items.set([1, 3, 2])
        else:
            bad.set(True)
        harness.flush()
        expected = "failed: row 3" if trigger == "new item" else "failed: row 2"
        assert harness.texts() == [expected, "z"]
        assert "detached" not in harness.dump()


def _effect_fails_when(value: Any) -> Element:
    @component
    def Effecty() -> Element:
        def effect() -> None:
            if value() > 0:
                raise Boom("effect")

        use_effect(effect)
        return Text("effecty", on_press=lambda: value.set(1))

    return Effecty()


def test_an_effect_error_with_no_boundary_after_a_handler_is_a_component_error() -> None:
    value = signal(0)
    harness = Harness(View(_effect_fails_when(value)))
    harness.flush()
    with pytest.raises(ComponentError) as info:
        _press(harness, "effecty")
    assert isinstance(info.value.__cause__, Boom)


def test_an_effect_error_with_no_boundary_does_not_hit_the_code_that_wrote_the_signal() -> None:
    value = signal(0)
    harness = Harness(View(_effect_fails_when(value)))
    harness.flush()
    value.set(1)  # an async task, say: it must not get the component's error
    with pytest.raises(ComponentError) as info:
        harness.flush()
    assert isinstance(info.value.__cause__, Boom)
