"""`Binding`: a reactive value handed to `changed`, once per distinct value."""

from __future__ import annotations

import pytest

from signals import Binding, SignalError, batch, computed, create_root, effect, on_cleanup, signal


class _Recorder(Binding[object]):
    __slots__ = ("calls", "errors")

    def __init__(self, source: object, *, route: bool = False) -> None:
        self.calls: list[tuple[object, object]] = []
        self.errors: list[Exception] | None = [] if route else None
        Binding.__init__(self, source)  # type: ignore[arg-type]

    def changed(self, value: object, previous: object) -> None:
        if value == "boom":
            raise ValueError("changed failed")
        self.calls.append((value, previous))

    def failed(self, error: Exception) -> None:
        if self.errors is None:
            Binding.failed(self, error)
        else:
            self.errors.append(error)


def test_the_first_value_is_handed_over_at_once_with_no_previous() -> None:
    count = signal(1)
    bound = _Recorder(lambda: count() * 10)
    assert bound.calls == [(10, None)]
    assert bound.value == 10


def test_each_new_value_comes_with_the_one_before() -> None:
    count = signal(1)
    bound = _Recorder(count)
    count.set(2)
    count.set(3)
    assert bound.calls == [(1, None), (2, 1), (3, 2)]


def test_an_equal_value_is_not_handed_over_again_but_another_type_is() -> None:
    step = signal(0)
    values: list[object] = [1, 1, 1.0]
    bound = _Recorder(lambda: values[step()])
    step.set(1)  # the source re-runs; its value (1) is the same
    assert bound.calls == [(1, None)]
    step.set(2)  # equal, but a float
    assert bound.calls == [(1, None), (1.0, 1)]


def test_a_disposed_binding_never_runs_again_and_unsubscribes() -> None:
    count = signal(1)
    bound = _Recorder(count)
    bound.dispose()
    count.set(2)
    assert bound.calls == [(1, None)]
    assert bound.disposed
    assert not count._observers


def test_it_has_no_owner_so_disposing_the_current_root_leaves_it_alone() -> None:
    count = signal(1)
    holder: list[_Recorder] = []

    def build(dispose: object) -> object:
        holder.append(_Recorder(count))
        return dispose

    dispose = create_root(build)
    dispose()  # type: ignore[operator]
    count.set(2)
    assert holder[0].calls == [(1, None), (2, 1)]
    assert holder[0].parent is None
    holder[0].dispose()


def test_errors_from_source_or_changed_go_to_failed() -> None:
    text = signal("ok")

    def source() -> str:
        if text() == "raise":
            raise KeyError("source failed")
        return text()

    bound = _Recorder(source, route=True)
    text.set("raise")
    text.set("boom")
    assert bound.errors is not None
    assert [type(e) for e in bound.errors] == [KeyError, ValueError]
    assert bound.calls == [("ok", None)]
    text.set("fine")  # a failed hand-over keeps the last value handed over as previous
    assert bound.calls == [("ok", None), ("fine", "ok")]


def test_by_default_an_error_is_raised_from_the_write_that_ran_it() -> None:
    text = signal("ok")
    _Recorder(text)
    with pytest.raises(ValueError, match="changed failed"):
        text.set("boom")


def test_changed_is_untracked() -> None:
    count, other = signal(1), signal(0)

    class Reader(_Recorder):
        __slots__ = ()

        def changed(self, value: object, previous: object) -> None:
            other()  # read in changed: not a dependency
            super().changed(value, previous)

    bound = Reader(count)
    other.set(1)
    assert bound.calls == [(1, None)]


@pytest.mark.parametrize("in_batch", [True, False], ids=["in-a-batch", "alone"])
def test_its_writes_flush_with_the_batch_it_was_made_in_or_after_its_first_run(
        in_batch: bool) -> None:
    source, mirror = signal(1), signal(0)
    seen: list[int] = []
    effect(lambda: seen.append(mirror()))

    class Mirror(_Recorder):
        __slots__ = ()

        def changed(self, value: object, previous: object) -> None:
            mirror.set(value)  # type: ignore[arg-type]

    if in_batch:
        with batch():
            bound = Mirror(source)
            assert seen == [0]  # not yet: the batch is open
    else:
        bound = Mirror(source)
    assert seen == [0, 1]
    bound.dispose()


def test_what_the_source_creates_is_disposed_before_it_runs_again() -> None:
    count = signal(1)
    cleaned: list[int] = []

    def source() -> int:
        value = count()
        on_cleanup(lambda: cleaned.append(value))
        return value

    bound = _Recorder(source)
    count.set(2)
    assert cleaned == [1]
    bound.dispose()
    assert cleaned == [1, 2]


def test_it_reads_computeds_glitch_free() -> None:
    a = signal(1)
    double = computed(lambda: a() * 2)
    bound = _Recorder(lambda: (a(), double()))
    a.set(2)
    assert bound.calls == [((1, 2), None), ((2, 4), (1, 2))]
    bound.dispose()  # two sources: both let go of it
    assert bound not in a._observers and not double._observers
    a.set(3)
    assert len(bound.calls) == 2


def test_it_belongs_to_the_graph_thread() -> None:
    import threading

    count = signal(1)
    errors: list[BaseException] = []

    def other_thread() -> None:
        try:
            _Recorder(count)
        except SignalError as exc:
            errors.append(exc)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert len(errors) == 1


# made inside a batch (the compiled build's C first run serves these) -----------------------


def test_in_a_batch_the_first_value_the_errors_and_the_subscription_are_the_same() -> None:
    count = signal(0)
    count.set(1)  # (the graph's thread is claimed: the C first run needs it)
    text = signal("ok")

    def failing() -> str:
        raise KeyError("source failed")

    with batch():
        plain = _Recorder(lambda: count() * 10)
        broken = _Recorder(failing, route=True)
        refusing = _Recorder(lambda: "boom" if text() == "ok" else text(), route=True)
    assert plain.calls == [(10, None)]
    assert broken.calls == [] and broken.errors is not None
    assert [type(e) for e in broken.errors] == [KeyError]
    assert refusing.calls == [] and refusing.value is None
    assert count._observers == [plain]
    count.set(2)
    text.set("fine")
    assert plain.calls == [(10, None), (20, 10)]
    assert refusing.calls == [("fine", None)]


@pytest.mark.parametrize("in_batch", [False, True], ids=["alone", "in-a-batch"])
def test_a_binding_disposed_by_its_own_first_run_reads_and_hands_over_nothing(
        in_batch: bool) -> None:
    count = signal(0)
    count.set(1)
    holder: list[_Recorder] = []

    class SelfDisposing(_Recorder):
        __slots__ = ()

        def __init__(self, source: object) -> None:
            holder.append(self)
            super().__init__(source)

    def source() -> int:
        holder[0].dispose()
        return count()

    if in_batch:
        with batch():
            bound = SelfDisposing(source)
    else:
        bound = SelfDisposing(source)
    assert bound.disposed
    assert bound.calls == []
    assert not count._observers
    count.set(2)
    assert bound.calls == []


def test_in_a_batch_its_own_write_does_not_rerun_it_but_another_write_does() -> None:
    count, other = signal(0), signal(0)
    count.set(1)
    runs: list[int] = []

    def source() -> int:
        runs.append(count())
        count.set(5)  # its own write: the run already saw what it needs
        return other()

    with batch():
        bound = _Recorder(source)
    assert runs == [1]
    other.set(1)
    assert runs == [1, 5]
    assert bound.calls == [(0, None), (1, 0)]


def test_the_compiled_build_makes_bindings_in_c() -> None:
    from signals._native import speedups

    count = signal(1)
    count.set(2)  # (the graph's thread is claimed)
    runs: list[str] = []

    class Counted(_Recorder):
        __slots__ = ()

        def _update(self) -> None:  # the Python run (the first one, or a re-run)
            runs.append("python")
            super()._update()

    with batch():
        bound = Counted(count)
    assert bound.calls == [(2, None)]
    if speedups is None:
        assert runs == ["python"]
    else:
        assert Binding.__init__ is speedups.binding_init
        assert runs == []  # the first run was the C one
    count.set(3)
    assert bound.calls == [(2, None), (3, 2)]
    # A run after the first: in C too, unless a subclass overrides `_update` (as here).
    plain = _Recorder(count)
    count.set(4)
    assert plain.calls == [(3, None), (4, 3)] and bound.calls[-1] == (4, 3)
    assert (Binding._update is getattr(speedups, "binding_update", None)) == (speedups is not None)
