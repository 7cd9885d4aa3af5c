"""Dependency tracking: what a run reads becomes its sources, each linked once."""

from __future__ import annotations

import random

from signals import Effect, batch, computed, effect, signal


def test_a_source_read_many_times_is_linked_once_and_unlinked_when_dropped() -> None:
    a, use = signal(1), signal(True)
    runs: list[int] = []

    def run() -> None:
        runs.append(sum(a() for _ in range(5)) if use() else 0)

    e = effect(run)
    assert a._observers == [e]
    a.set(2)
    assert runs == [5, 10]
    use.set(False)
    assert a._observers == []
    a.set(3)
    assert runs == [5, 10, 0]


def test_reads_in_a_new_order_keep_every_source_linked() -> None:
    a, b, c, flip = signal(1), signal(2), signal(3), signal(False)
    seen: list[tuple[int, ...]] = []

    def run() -> None:
        order = (c, b, a) if flip() else (a, b, c)
        seen.append(tuple(s() for s in order))

    e = effect(run)
    flip.set(True)
    for s in (a, b, c):
        assert s._observers == [e]
    b.set(20)
    assert seen == [(1, 2, 3), (3, 2, 1), (3, 20, 1)]


def test_a_computed_that_alternates_its_sources_follows_them() -> None:
    head = signal(0)
    even, odd = computed(lambda: head() * 2), computed(lambda: -head())
    pick = computed(lambda: even() if head() % 2 == 0 else odd())
    values = []
    for i in range(6):
        head.set(i)
        values.append(pick())
    assert values == [0, -1, 4, -3, 8, -5]
    assert len(head._observers) == 3  # even, odd and pick (once)


def test_many_effects_on_one_signal_disposed_in_any_order() -> None:
    # Long observer lists turn into dicts on removal from the middle: the
    # effects left must still run, once each, in the order they were created.
    s = signal(0)
    log: list[int] = []
    effects: dict[int, Effect] = {}
    for i in range(300):
        effects[i] = effect(lambda i=i: (s(), log.append(i)), owner=None)
    doomed = list(effects)
    random.Random(7).shuffle(doomed)
    for round_ in range(3):
        for i in doomed[round_ * 80 : (round_ + 1) * 80]:
            effects.pop(i).dispose()
        log.clear()
        s.set(round_ + 1)
        assert log == sorted(effects)
    for e in effects.values():
        e.dispose()
    assert not s._observers
    s.set(10)
    assert log == sorted(log)  # (nothing ran)


def test_new_effects_on_a_long_observer_dict_run_after_the_old_ones() -> None:
    s = signal(0)
    log: list[str] = []
    old = [effect(lambda i=i: (s(), log.append(f"old{i}")), owner=None) for i in range(100)]
    old[10].dispose()  # from the middle: the list becomes a dict
    effect(lambda: (s(), log.append("new")), owner=None)
    log.clear()
    with batch():
        s.set(1)
    assert log == [f"old{i}" for i in range(100) if i != 10] + ["new"]
