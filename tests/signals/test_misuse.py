"""Threading guarantee, writes during evaluation, and debug mode."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from signals import (
    CycleError,
    SignalError,
    SignalWarning,
    computed,
    create_root,
    effect,
    is_debug,
    set_debug,
    signal,
)


@pytest.fixture
def debug() -> Iterator[None]:
    set_debug(True)
    try:
        yield
    finally:
        set_debug(False)


def test_writing_from_another_thread_raises_a_signal_error() -> None:
    a = signal(0)
    a.set(1)  # this thread owns the graph
    errors: list[BaseException] = []

    def other() -> None:
        try:
            a.set(2)
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert len(errors) == 1 and isinstance(errors[0], SignalError)
    assert "thread" in str(errors[0])
    assert a() == 1


def test_creating_an_effect_from_another_thread_raises_a_signal_error() -> None:
    signal(0).set(1)
    errors: list[BaseException] = []

    def other() -> None:
        try:
            effect(lambda: None)
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert len(errors) == 1 and isinstance(errors[0], SignalError)


def test_writing_a_signal_during_a_computed_evaluation_is_an_error() -> None:
    a = signal(0)
    b = signal(0)
    c = computed(lambda: b.set(a()))
    with pytest.raises(SignalError, match="computeds must be pure"):
        c()


def test_debug_mode_records_where_an_effect_was_created(debug: None) -> None:
    assert is_debug()
    a = signal(0)

    b = signal(0)

    def runaway() -> None:
        a.set(b() + 1)

    def back() -> None:
        b.set(a() + 1)

    with pytest.raises(CycleError) as info:
        create_root(lambda d: (effect(runaway), effect(back)))
    assert "created at" in str(info.value)
    assert __file__ in str(info.value)


def test_debug_mode_warns_about_effects_created_outside_any_owner(debug: None) -> None:
    with pytest.warns(SignalWarning, match="outside any owner"):
        effect(lambda: None)


def test_debug_mode_warns_when_an_effect_writes_what_it_reads(debug: None) -> None:
    a = signal(0)

    def converge() -> None:
        if a() < 1:
            a.set(1)

    with pytest.warns(SignalWarning, match="wrote a signal it reads; its own writes"):
        create_root(lambda d: effect(converge))
