"""The reactivex bridge: to_observable and from_observable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import reactivex
from reactivex.subject import Subject

from signals import (
    catch_error,
    computed,
    create_root,
    effect,
    from_observable,
    signal,
    to_observable,
)


def test_to_observable_emits_the_current_value_then_each_distinct_change() -> None:
    a = signal(1)
    got: list[int] = []
    sub = to_observable(a).subscribe(got.append)
    a.set(2)
    a.set(2)
    a.set(3)
    sub.dispose()
    a.set(4)
    assert got == [1, 2, 3]


def test_to_observable_reports_a_failing_computed_as_on_error() -> None:
    a = signal(1)
    c = computed(lambda: 1 // a())
    errors: list[Exception] = []
    to_observable(c).subscribe(on_error=errors.append)
    a.set(0)
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)


def test_from_observable_follows_the_observable() -> None:
    subject: Subject[int] = Subject()
    seen: list[int] = []

    def build(dispose: Callable[[], None]) -> Callable[[], None]:
        value = from_observable(subject, 0)
        effect(lambda: seen.append(value()))
        return dispose

    create_root(build)
    subject.on_next(5)
    subject.on_next(5)
    subject.on_next(7)
    assert seen == [0, 5, 7]


def test_from_observable_unsubscribes_when_its_owner_is_disposed() -> None:
    subject: Subject[int] = Subject()
    dispose = create_root(lambda d: (from_observable(subject, 0), d)[1])
    assert len(subject.observers) == 1
    dispose()
    assert subject.observers == []


def test_an_observable_error_reraises_from_reads_and_reaches_catch_error() -> None:
    subject: Subject[int] = Subject()
    handled: list[Exception] = []
    holder: list = []

    def build(dispose: object) -> None:
        catch_error(lambda: holder.append(from_observable(subject, 0)), handled.append)

    create_root(build)
    value = holder[0]
    subject.on_error(ValueError("feed broke"))
    assert len(handled) == 1
    assert value.error is handled[0]
    assert value.completed
    with pytest.raises(ValueError, match="feed broke"):
        value()


def test_completion_keeps_the_last_value_and_is_observable() -> None:
    value = create_root(lambda d: from_observable(reactivex.of(1, 2, 3), 0))
    assert value() == 3
    assert value.completed
    assert value.error is None
