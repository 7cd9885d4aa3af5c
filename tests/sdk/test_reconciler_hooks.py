"""Hooks: created once per mount, matched by call order, disposed on unmount; context."""

from __future__ import annotations

import warnings

import pytest
from reconciler_kit import Harness, Text, View

from sdk import (
    Element,
    ErrorBoundary,
    For,
    HookError,
    Show,
    component,
    create_context,
    provide_context,
    use_computed,
    use_context,
    use_effect,
    use_memo,
    use_ref,
    use_signal,
)
from sdk.reconciler._hooks import current_component
from signals import SignalWarning, on_cleanup, set_debug, signal


def test_use_signal_is_created_once_per_mount_and_keeps_its_value_across_renders() -> None:
    tick = signal(0)
    made: list[object] = []

    @component
    def Counter() -> Element:
        count = use_signal(10)
        made.append(count)
        tick()
        return Text(str(count()))

    harness = Harness(Counter())
    harness.flush()
    made[0].set(11)  # type: ignore[attr-defined]
    harness.flush()
    tick.set(1)
    harness.flush()
    assert len(made) == 3 and made[0] is made[1] is made[2]
    assert harness.texts() == ["11"]


def test_a_remounted_component_gets_fresh_hook_state() -> None:
    shown = signal(True)
    counts: list[object] = []

    @component
    def Counter() -> Element:
        count = use_signal(0)
        counts.append(count)
        return Text(str(count()))

    @component
    def App() -> Element:
        return View(Counter() if shown() else None)

    harness = Harness(App())
    harness.flush()
    counts[0].set(5)  # type: ignore[attr-defined]
    harness.flush()
    shown.set(False)
    harness.flush()
    shown.set(True)
    harness.flush()
    assert counts[-1] is not counts[0]
    assert harness.texts() == ["0"]


def test_use_computed_use_memo_and_use_ref_are_created_once() -> None:
    tick = signal(0)
    seen: list[tuple[object, object, object]] = []
    memo_calls = []

    @component
    def Thing() -> Element:
        doubled = use_computed(lambda: tick() * 2)
        memo = use_memo(lambda: memo_calls.append(1) or object())
        ref = use_ref()
        seen.append((doubled, memo, ref))
        return Text(str(doubled()))

    harness = Harness(Thing())
    harness.flush()
    tick.set(4)
    harness.flush()
    assert len(seen) == 2 and seen[0] == seen[1]
    assert memo_calls == [1]
    assert harness.texts() == ["8"]


def test_a_changed_hook_order_is_an_error_naming_the_component() -> None:
    flag = signal(True)

    @component
    def Fickle() -> Element:
        if flag():
            use_signal(0)
        else:
            use_ref()
        return Text("x")

    harness = Harness(Fickle())
    harness.flush()
    flag.set(False)
    with pytest.raises(Exception) as info:
        harness.flush()
    error = info.value.__cause__ or info.value
    assert isinstance(error, HookError)
    assert "Fickle" in str(error) and "use_signal" in str(error)


def test_calling_fewer_or_more_hooks_than_on_the_first_render_is_an_error() -> None:
    count = signal(2)

    @component
    def Varying() -> Element:
        for _ in range(count()):
            use_signal(0)
        return Text("x")

    for n in (1, 3):
        count.set(2)
        harness = Harness(Varying())
        harness.flush()
        count.set(n)
        with pytest.raises(Exception) as info:
            harness.flush()
        error = info.value.__cause__ or info.value
        assert isinstance(error, HookError) and "Varying" in str(error)


def test_a_hook_outside_a_render_is_an_error() -> None:
    with pytest.raises(HookError, match="outside"):
        use_signal(0)


def test_use_effect_runs_after_the_commit_never_during_the_render() -> None:
    log: list[str] = []

    @component
    def Leaf() -> Element:
        ref = use_ref()

        def effect() -> None:
            log.append(f"effect rendering={current_component() is not None} node={ref.node}")

        use_effect(effect)
        log.append("leaf render")
        return Text("leaf", ref=ref)

    @component
    def App() -> Element:
        log.append("app render")
        return View(Leaf(), Text("after"))

    harness = Harness(App())
    harness.flush()
    assert log[:2] == ["app render", "leaf render"]
    assert len(log) == 3
    assert log[2].startswith("effect rendering=False node=")
    assert not log[2].endswith("node=None")  # the node existed when the effect ran


def test_use_effect_reruns_when_what_it_read_changes_and_runs_its_cleanup_first() -> None:
    value = signal(1)
    log: list[str] = []

    @component
    def Watcher() -> Element:
        def effect() -> object:
            v = value()
            log.append(f"run {v}")
            return lambda: log.append(f"cleanup {v}")

        use_effect(effect)
        return Text("w")

    harness = Harness(Watcher())
    harness.flush()
    value.set(2)
    harness.flush()
    assert log == ["run 1", "cleanup 1", "run 2"]


def test_unmount_runs_cleanups_and_stops_effects() -> None:
    shown = signal(True)
    value = signal(0)
    log: list[str] = []

    @component
    def Child() -> Element:
        def effect() -> object:
            log.append(f"effect {value()}")
            return lambda: log.append("effect cleanup")

        use_effect(effect)
        on_cleanup(lambda: log.append("owner cleanup"))
        doubled = use_computed(lambda: value() * 2)
        return Text(lambda: str(doubled()))

    @component
    def App() -> Element:
        return View(Show(Child(), when=shown))

    harness = Harness(App())
    harness.flush()
    shown.set(False)
    harness.flush()
    assert sorted(log) == ["effect 0", "effect cleanup", "owner cleanup"]
    log.clear()
    value.set(5)
    harness.flush()
    assert log == []
    assert harness.texts() == []


def test_context_provided_by_a_component_reaches_descendant_components() -> None:
    Theme = create_context("light", "theme")

    @component
    def Leaf() -> Element:
        return Text(use_context(Theme))

    @component
    def Middle() -> Element:
        return View(Leaf())

    @component
    def Provider(children: tuple[Element, ...] = ()) -> Element:
        provide_context(Theme, "dark")
        return View(*children)

    harness = Harness(View(Provider(Middle()), Leaf()))
    harness.flush()
    assert harness.texts() == ["dark", "light"]


def test_context_reaches_components_mounted_later_below_the_provider() -> None:
    Theme = create_context("light", "theme")
    shown = signal(False)

    @component
    def Leaf() -> Element:
        return Text(use_context(Theme))

    @component
    def Provider() -> Element:
        provide_context(Theme, "dark")
        return View(Show(Leaf(), when=shown))

    harness = Harness(Provider())
    harness.flush()
    shown.set(True)
    harness.flush()
    assert harness.texts() == ["dark"]


def test_writing_a_signal_during_render_is_an_error_naming_the_component() -> None:
    other = signal(0)

    @component
    def Writer() -> Element:
        other.set(1)
        return Text("x")

    harness = Harness(View(Writer()))
    with pytest.raises(Exception) as info:
        harness.flush()
    assert "Writer" in str(info.value.__cause__ or info.value)
    assert other() == 0


def test_writing_a_signal_during_a_re_render_is_an_error_naming_the_component() -> None:
    trigger = signal(0)
    other = signal(0)

    @component
    def Writer() -> Element:
        if trigger():
            other.set(1)
        return Text("x")

    harness = Harness(View(Writer()))
    harness.flush()
    trigger.set(1)
    with pytest.raises(Exception) as info:
        harness.flush()
    assert "Writer" in str(info.value.__cause__ or info.value)


def test_a_bare_signal_in_a_body_warns_in_debug_mode() -> None:
    @component
    def Sloppy() -> Element:
        s = signal(0)
        return Text(str(s()))

    set_debug(True)
    try:
        harness = Harness(Sloppy())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            harness.flush()
    finally:
        set_debug(False)
    messages = [str(w.message) for w in caught if issubclass(w.category, SignalWarning)]
    assert any("Sloppy" in m and "use_signal" in m for m in messages), messages


def test_use_signal_in_a_body_does_not_warn_in_debug_mode() -> None:
    @component
    def Tidy() -> Element:
        s = use_signal(0)
        return Text(str(s()))

    set_debug(True)
    try:
        harness = Harness(Tidy())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            harness.flush()
    finally:
        set_debug(False)
    assert not [w for w in caught if issubclass(w.category, SignalWarning)]



def test_effects_of_components_mounted_by_an_effect_run_in_the_same_flush() -> None:
    log: list[str] = []

    @component
    def Child() -> Element:
        use_effect(lambda: log.append("child effect"))
        return Text("child")

    @component
    def Parent() -> Element:
        ready = use_signal(False)
        use_effect(lambda: ready.set(True))
        return View(Child() if ready() else Text("loading"))

    harness = Harness(Parent())
    harness.flush()
    assert harness.texts() == ["child"]
    assert log == ["child effect"]
    assert not harness.root.dirty


def test_context_reaches_components_rendered_by_for_rows_across_a_boundary() -> None:
    Theme = create_context("light", "theme")
    items = signal([1])

    @component
    def Leaf(i: int = 0) -> Element:
        return Text(f"{i}:{use_context(Theme)}")

    @component
    def Provider() -> Element:
        provide_context(Theme, "dark")
        return View(ErrorBoundary(View(For(each=items, render=lambda i: Leaf(i=i))),
                                  fallback=lambda e, r: Text(str(e))))

    harness = Harness(Provider())
    harness.flush()
    items.set([1, 2])
    harness.flush()
    assert harness.texts() == ["1:dark", "2:dark"]
