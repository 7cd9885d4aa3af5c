"""Reaction: tracking without re-running (the component scheduler's primitive)."""

from __future__ import annotations

import pytest

from signals import Reaction, SignalError, batch, computed, create_root, signal


def test_a_change_calls_on_change_once_instead_of_re_running():
    count = signal(0)
    calls: list[str] = []
    runs: list[int] = []
    reaction = Reaction(lambda: calls.append("stale"))
    assert reaction.track(lambda: runs.append(count()) or "result") == "result"
    count.set(1)
    count.set(2)
    assert calls == ["stale"]
    assert runs == [0]
    assert reaction.stale
    reaction.track(lambda: runs.append(count()))
    assert not reaction.stale
    count.set(3)
    assert calls == ["stale", "stale"]


def test_track_replaces_the_sources_with_what_the_last_run_read():
    a, b = signal(0), signal(0)
    calls: list[int] = []
    reaction = Reaction(lambda: calls.append(1))
    reaction.track(a)
    reaction.track(b)
    a.set(1)
    assert calls == []
    b.set(1)
    assert calls == [1]


def test_a_computed_that_recomputes_an_equal_value_does_not_count():
    n = signal(2)
    parity = computed(lambda: n() % 2)
    calls: list[int] = []
    reaction = Reaction(lambda: calls.append(1))
    reaction.track(parity)
    n.set(4)
    assert calls == []
    n.set(5)
    assert calls == [1]


def test_writes_inside_a_batch_report_once_at_the_end():
    a = signal(0)
    calls: list[int] = []
    reaction = Reaction(lambda: calls.append(a.peek()))
    reaction.track(a)
    with batch():
        a.set(1)
        a.set(2)
        assert calls == []
    assert calls == [2]


def test_forbid_writes_names_the_work_in_the_error():
    a = signal(0)
    reaction = Reaction(lambda: None, forbid_writes="rendering component Counter")
    with pytest.raises(SignalError, match="rendering component Counter"):
        reaction.track(lambda: a.set(1))
    assert a.peek() == 0


def test_disposing_the_owner_stops_the_reports():
    a = signal(0)
    calls: list[int] = []

    def build(dispose):
        Reaction(lambda: calls.append(1)).track(a)
        return dispose

    dispose = create_root(build)
    dispose()
    a.set(1)
    assert calls == []


def test_what_track_creates_belongs_to_the_callers_owner():
    a = signal(0)
    log: list[str] = []

    def build(dispose):
        reaction = Reaction(lambda: None)
        inner = reaction.track(lambda: computed(lambda: a() + 1))
        reaction.track(lambda: a())  # a second track must not dispose ``inner``
        log.append(str(inner()))
        return dispose

    create_root(build)
    a.set(5)
    assert log == ["1"]


def test_a_free_standing_effect_belongs_to_no_owner_and_runs_until_disposed():
    from signals import Effect

    a = signal(0)
    seen: list[int] = []

    def build(dispose):
        free = Effect(lambda: seen.append(a()), owner=None)
        return dispose, free

    dispose, free = create_root(build)
    dispose()  # the root does not own it
    a.set(1)
    assert seen == [0, 1]
    free.dispose()
    a.set(2)
    assert seen == [0, 1]


def test_the_compiled_build_tracks_in_c_with_the_same_results() -> None:
    from signals import Reaction, signal
    from signals._native import speedups

    a, b = signal(1), signal(2)
    stale: list[int] = []
    reaction = Reaction(lambda: stale.append(1))
    assert reaction.track(lambda: a() + b()) == 3
    assert reaction.sources() == [a, b]
    assert reaction.track(lambda: b()) == 2  # a dropped source is let go
    assert reaction.sources() == [b]
    a.set(5)
    assert stale == []
    b.set(3)
    assert stale == [1]

    def boom() -> int:
        a()
        raise ValueError("in track")

    with pytest.raises(ValueError, match="in track"):
        reaction.track(boom)
    assert reaction.sources() == [a]  # reads made before the error are tracked
    reaction.dispose()
    if speedups is not None:
        assert Reaction.track is speedups.reaction_track


def test_track_passes_its_extra_arguments_to_fn() -> None:
    from signals import Reaction, signal

    base = signal(10)
    reaction = Reaction(lambda: None)
    assert reaction.track(lambda x, y: base() + x + y, 1, 2) == 13
    assert reaction.sources() == [base]
    reaction.dispose()
