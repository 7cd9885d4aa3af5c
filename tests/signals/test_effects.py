"""Effects: when they run, batching, cycles and error routing."""

from __future__ import annotations

import pytest

from signals import CycleError, Effect, batch, catch_error, computed, create_root, effect, signal


def test_an_effect_runs_once_synchronously_on_creation() -> None:
    runs: list[int] = []
    a = signal(1)
    e = effect(lambda: runs.append(a()))
    assert isinstance(e, Effect)
    assert runs == [1]


def test_a_write_outside_a_batch_runs_effects_before_set_returns() -> None:
    runs: list[int] = []
    a = signal(1)
    effect(lambda: runs.append(a()))
    a.set(2)
    assert runs == [1, 2]


def test_inside_a_batch_each_effect_runs_once_after_the_batch() -> None:
    runs: list[tuple[int, int]] = []
    a = signal(1)
    b = signal(1)
    effect(lambda: runs.append((a(), b())))
    with batch():
        a.set(2)
        b.set(3)
        a.set(4)
        assert runs == [(1, 1)]
    assert runs == [(1, 1), (4, 3)]


def test_nested_batches_flush_only_at_the_outermost_end() -> None:
    runs: list[int] = []
    a = signal(0)
    effect(lambda: runs.append(a()))
    with batch():
        with batch():
            a.set(1)
        assert runs == [0]
        a.set(2)
    assert runs == [0, 2]


def test_batch_as_a_function_returns_the_value_and_flushes() -> None:
    runs: list[int] = []
    a = signal(0)
    effect(lambda: runs.append(a()))
    assert batch(lambda: (a.set(1), a.set(2), "done")[2]) == "done"
    assert runs == [0, 2]


def test_a_disposed_effect_never_runs_again() -> None:
    runs: list[int] = []
    a = signal(0)
    e = effect(lambda: runs.append(a()))
    e.dispose()
    a.set(1)
    assert runs == [0]
    assert e.disposed


def test_an_effect_is_not_re_run_by_its_own_write_of_what_it_reads() -> None:
    a = signal(0)
    seen: list[int] = []

    def bump() -> None:
        v = a()
        seen.append(v)
        if v < 3:
            a.set(v + 1)

    effect(bump)
    assert seen == [0]
    assert a() == 1
    a.set(2)  # a write from outside re-runs it once
    assert seen == [0, 2]
    assert a() == 3


def test_effects_that_keep_re_triggering_each_other_raise_a_cycle_error_naming_them() -> None:
    a = signal(0)
    b = signal(0)

    def ping() -> None:
        b.set(a() + 1)

    def pong() -> None:
        a.set(b() + 1)

    with pytest.raises(CycleError, match="ping"):
        create_root(lambda d: (effect(ping), effect(pong)))


def test_a_computed_that_reads_itself_raises_a_cycle_error() -> None:
    holder: list = []
    c = computed(lambda: holder[0]() + 1)
    holder.append(c)
    with pytest.raises(CycleError, match="reads itself"):
        c()


def test_a_computed_cycle_through_another_computed_raises_a_cycle_error() -> None:
    holder: list = []
    x = computed(lambda: holder[0]() + 1)
    y = computed(lambda: x() + 1)
    holder.append(y)
    with pytest.raises(CycleError):
        y()


def test_a_computed_error_propagates_to_its_reader_and_is_cached() -> None:
    a = signal(0)
    runs = []

    def fails() -> float:
        runs.append(1)
        return 1 / a()

    c = computed(fails)
    with pytest.raises(ZeroDivisionError):
        c()
    with pytest.raises(ZeroDivisionError):
        c()
    assert len(runs) == 1  # cached until a dependency changes
    a.set(2)
    assert c() == 0.5
    assert len(runs) == 2


def test_an_effect_error_goes_to_the_nearest_catch_error_handler() -> None:
    outer: list[Exception] = []
    inner: list[Exception] = []
    a = signal(1)

    def build(dispose: object) -> None:
        def body() -> None:
            catch_error(lambda: effect(lambda: 1 / a()), inner.append)

        catch_error(body, outer.append)

    create_root(build)
    assert inner == []
    a.set(0)  # does not raise here: the handler took it
    assert len(inner) == 1 and isinstance(inner[0], ZeroDivisionError)
    assert outer == []


def test_a_raising_handler_passes_the_error_to_the_next_handler_up() -> None:
    outer: list[Exception] = []

    def rethrow(exc: Exception) -> None:
        raise ValueError("handled badly") from exc

    def build(dispose: object) -> None:
        catch_error(lambda: catch_error(lambda: effect(lambda: 1 / 0), rethrow), outer.append)

    create_root(build)
    assert len(outer) == 1 and isinstance(outer[0], ValueError)


def test_an_unhandled_effect_error_reraises_after_the_other_effects_ran() -> None:
    a = signal(0)
    runs: list[str] = []

    def first() -> None:
        if a() == 1:
            raise RuntimeError("boom")

    effect(first)
    effect(lambda: runs.append(f"second {a()}"))
    with pytest.raises(RuntimeError, match="boom"):
        a.set(1)
    assert runs == ["second 0", "second 1"]


def test_an_unhandled_effect_error_reraises_from_the_batch_end() -> None:
    a = signal(1)
    effect(lambda: 1 / a())
    with pytest.raises(ZeroDivisionError), batch():
        a.set(0)
        # Nothing raised yet: the effect runs when the batch ends.
    assert a() == 0


def test_several_unhandled_effect_errors_raise_an_exception_group() -> None:
    a = signal(0)

    def raise_key_error() -> None:
        if a():
            raise KeyError("x")

    def raise_value_error() -> None:
        if a():
            raise ValueError("y")

    effect(raise_key_error)
    effect(raise_value_error)
    with pytest.raises(ExceptionGroup) as info:
        a.set(1)
    assert {type(e) for e in info.value.exceptions} == {KeyError, ValueError}
