"""Owners: disposal, cleanups, memory, context."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import pytest

from signals import (
    Owner,
    SignalError,
    computed,
    create_context,
    create_root,
    effect,
    get_owner,
    on_cleanup,
    provide_context,
    run_with_owner,
    signal,
    untrack,
    use_context,
)


def test_effects_created_inside_an_effect_are_disposed_when_it_reruns() -> None:
    outer_src = signal(0)
    inner_src = signal(0)
    inner_runs: list[tuple[int, int]] = []

    def outer() -> None:
        generation = outer_src()
        effect(lambda: inner_runs.append((generation, inner_src())))

    effect(outer)
    outer_src.set(1)
    inner_runs.clear()
    inner_src.set(1)
    # Only the inner effect of generation 1 is alive.
    assert inner_runs == [(1, 1)]


def test_cleanups_run_in_reverse_order_before_the_rerun() -> None:
    log: list[str] = []
    a = signal(0)

    def body() -> None:
        n = a()
        log.append(f"run {n}")
        on_cleanup(lambda: log.append(f"first cleanup {n}"))
        on_cleanup(lambda: log.append(f"second cleanup {n}"))

    effect(body)
    a.set(1)
    assert log == ["run 0", "second cleanup 0", "first cleanup 0", "run 1"]


def test_disposing_a_root_disposes_everything_it_owns_newest_first() -> None:
    log: list[str] = []
    a = signal(0)

    def build(dispose: Callable[[], None]) -> Callable[[], None]:
        on_cleanup(lambda: log.append("root cleanup"))
        effect(lambda: (a(), on_cleanup(lambda: log.append("effect cleanup"))))
        return dispose

    dispose = create_root(build)
    dispose()
    assert log == ["effect cleanup", "root cleanup"]
    a.set(1)
    assert log == ["effect cleanup", "root cleanup"]


def test_create_root_returns_the_value_of_its_function() -> None:
    assert create_root(lambda dispose: 42) == 42


def test_disposed_nodes_are_not_kept_alive_by_the_graph() -> None:
    a = signal(0)

    def build(dispose: Callable[[], None]) -> tuple[object, ...]:
        c = computed(lambda: a() + 1)
        e = effect(lambda: c())
        return dispose, weakref.ref(c), weakref.ref(e)

    dispose, c_ref, e_ref = create_root(build)
    assert c_ref() is not None and e_ref() is not None
    dispose()  # type: ignore[operator]
    gc.collect()
    assert c_ref() is None
    assert e_ref() is None
    assert not a._observers


def test_a_disposed_effect_unsubscribes_from_its_sources() -> None:
    a = signal(0)
    e = effect(lambda: a())
    ref = weakref.ref(e)
    e.dispose()
    del e
    gc.collect()
    assert ref() is None


def test_on_cleanup_outside_any_owner_is_an_error() -> None:
    with pytest.raises(SignalError, match="outside any owner"):
        on_cleanup(lambda: None)


def test_get_owner_is_the_running_effect() -> None:
    seen: list[object] = []
    e = create_root(lambda d: effect(lambda: seen.append(get_owner())))
    assert seen == [e]
    assert get_owner() is None


def test_run_with_owner_creates_nodes_in_that_owner() -> None:
    log: list[str] = []
    owner = create_root(lambda dispose: get_owner())
    assert isinstance(owner, Owner)
    run_with_owner(owner, lambda: on_cleanup(lambda: log.append("cleaned")))
    owner.dispose()
    assert log == ["cleaned"]
    with pytest.raises(SignalError, match="disposed owner"):
        run_with_owner(owner, lambda: None)


def test_context_is_visible_in_every_descendant_with_a_default_when_absent() -> None:
    theme = create_context("light", name="theme")
    seen: list[str] = []

    def build(dispose: object) -> None:
        provide_context(theme, "dark")
        effect(lambda: effect(lambda: seen.append(use_context(theme))))

    create_root(build)
    assert seen == ["dark"]
    assert use_context(theme) == "light"
    create_root(lambda d: seen.append(use_context(theme)))
    assert seen == ["dark", "light"]


def test_provide_context_outside_any_owner_is_an_error() -> None:
    with pytest.raises(SignalError, match="outside any owner"):
        provide_context(create_context(0), 1)


def test_untrack_and_peek_never_create_dependencies() -> None:
    a = signal(0)
    b = signal(0)
    runs: list[int] = []
    effect(lambda: runs.append(untrack(a) + b.peek()))
    a.set(1)
    b.set(1)
    assert runs == [0]


def test_a_tracked_read_outside_any_scope_is_allowed_and_untracked() -> None:
    a = signal(3)
    c = computed(lambda: a() * 2)
    assert (a(), c()) == (3, 6)
    assert not c._observers


def test_a_raising_cleanup_reraises_from_dispose_after_the_other_cleanups() -> None:
    log: list[str] = []

    def build(dispose: Callable[[], None]) -> Callable[[], None]:
        on_cleanup(lambda: log.append("first registered"))
        on_cleanup(lambda: 1 / 0)
        on_cleanup(lambda: log.append("last registered"))
        return dispose

    dispose = create_root(build)
    with pytest.raises(ZeroDivisionError):
        dispose()
    assert log == ["last registered", "first registered"]


def test_computeds_created_inside_an_effect_are_disposed_when_it_reruns() -> None:
    a = signal(0)
    made: list[object] = []

    def body() -> None:
        a()
        made.append(computed(lambda: a() * 2))

    effect(body)
    first = made[0]
    a.set(1)
    assert first.disposed  # type: ignore[attr-defined]
    assert not made[1].disposed  # type: ignore[attr-defined]
