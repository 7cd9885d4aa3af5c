"""A re-render's new lambda that captured the same objects keeps the old binding."""

from __future__ import annotations

from typing import Any

from reconciler_kit import Harness, Renders, Text, View, opcodes

from renderer.lowlevel import Opcode
from sdk import component
from sdk.reconciler._element import props_equal, pure_same_closure, same_closure
from signals import signal


def _maker(value: object) -> Any:
    return lambda: value


def test_the_compiled_check_agrees_with_the_pure_one() -> None:
    shared = object()

    def defaults(a: object = shared) -> object:
        return a

    def other_defaults(a: object = 2) -> object:
        return a

    def keyword(*, a: object = shared) -> object:
        return a

    def other_keyword(*, a: object = 3) -> object:
        return a

    cases = [(_maker(shared), _maker(shared)), (_maker(shared), _maker(1)),
             (_maker(1), lambda: 1), (len, len), (defaults, defaults),
             (_maker(shared), defaults), (keyword, keyword)]
    # Same code, other defaults: functions made by one `def` with other default values.
    for first, second in ((defaults, other_defaults), (keyword, other_keyword)):
        twin = type(first)(first.__code__, first.__globals__, None, second.__defaults__)
        twin.__kwdefaults__ = second.__kwdefaults__
        cases.append((first, twin))
    answers = [same_closure(a, b) for a, b in cases]
    assert answers == [pure_same_closure(a, b) for a, b in cases]
    assert answers == [True, False, False, False, True, False, True, False, False]


def test_closures_over_the_same_objects_are_the_same() -> None:
    shared = object()
    assert same_closure(_maker(shared), _maker(shared))
    assert not same_closure(_maker(shared), _maker(object()))
    assert not same_closure(_maker(1), lambda: 1)  # other code
    assert not same_closure(len, len)  # not Python functions: identity decides elsewhere


def test_a_closure_over_a_name_not_bound_yet_is_never_the_same() -> None:
    def make() -> Any:
        def read() -> object:
            return later

        first = read
        later = 1
        return first, read

    a, _ = make()

    def unbound() -> Any:
        def read() -> object:
            return value

        if False:
            value = 1
        return read

    assert same_closure(a, make()[0])
    assert not same_closure(unbound(), unbound())


def test_a_re_render_keeps_an_equivalent_reactive_prop_bound() -> None:
    chosen, tick = signal(1), signal(0)
    runs: list[int] = []

    def colour(row: int) -> Any:
        def pick() -> str:
            runs.append(row)
            return "#ff0000" if chosen() == row else "#000000"

        return pick

    @component
    def Row() -> Any:
        tick()  # re-renders the row without changing what the lambda captured
        return View(Text("x"), background=colour(1))

    harness = Harness(View(Row()))
    harness.flush()
    assert runs == [1]
    tick.set(1)
    batch = harness.flush()
    assert runs == [1]  # no new binding ran: the old one is kept
    assert opcodes(batch)[Opcode.SET_PROP] == 0
    chosen.set(2)
    harness.flush()
    assert runs == [1, 1]
    assert "bg=#000000ff" in harness.dump()


def test_a_lambda_over_other_objects_rebinds() -> None:
    which = signal("#ff0000")

    @component
    def Row() -> Any:
        value = which()
        return View(Text("x"), background=lambda: value)

    harness = Harness(View(Row()))
    harness.flush()
    which.set("#00ff00")
    harness.flush()
    assert "bg=#00ff00ff" in harness.dump()


def test_a_child_given_an_equivalent_callback_is_not_re_rendered() -> None:
    renders = Renders()
    tick = signal(0)

    @component
    def Child(on_press: Any) -> Any:
        renders("child")
        return Text("child")

    @component
    def Parent() -> Any:
        tick()
        target = renders
        return View(Child(on_press=lambda: target("pressed")))

    harness = Harness(View(Parent()))
    harness.flush()
    tick.set(1)
    harness.flush()
    assert renders.count("child") == 1
    assert props_equal({"f": _maker(renders)}, {"f": _maker(renders)})
