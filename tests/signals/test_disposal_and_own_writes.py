"""Effects disposed mid-run or mid-flush, and effects writing what they read."""

from __future__ import annotations

from signals import Effect, computed, create_root, effect, signal, untrack


def test_an_effect_that_disposes_itself_mid_run_finishes_without_subscribing() -> None:
    a, b = signal(0), signal(0)
    runs: list[int] = []
    holder: list[Effect] = []

    def run() -> None:
        runs.append(a())
        if a() == 1:
            holder[0].dispose()
            b()  # read after the dispose: must neither crash nor subscribe

    holder.append(effect(run))
    a.set(1)
    assert runs == [0, 1]
    assert holder[0].disposed
    a.set(2)
    b.set(1)
    assert runs == [0, 1]
    assert a._observers == [] and b._observers in ((), [])


def test_an_effect_disposing_itself_inside_untrack_still_ends_unsubscribed() -> None:
    a, b = signal(0), signal(0)
    holder: list[Effect] = []

    def run() -> None:
        if a() == 1:
            untrack(holder[0].dispose)
            b()

    holder.append(effect(run))
    a.set(1)
    assert not a._observers and not b._observers


def test_an_effect_disposed_by_a_sibling_effect_never_runs_again() -> None:
    a = signal(0)
    log: list[tuple[str, int]] = []
    victims: list[Effect] = []

    def killer() -> None:
        if a() == 1:
            victims[0].dispose()

    effect(killer)
    victims.append(effect(lambda: log.append(("victim", a()))))
    effect(lambda: log.append(("sibling", a())))
    a.set(1)
    a.set(2)
    assert log == [("victim", 0), ("sibling", 0), ("sibling", 1), ("sibling", 2)]


def test_an_effect_disposed_by_the_computed_it_is_refreshing_never_runs_again() -> None:
    a = signal(0)
    log: list[tuple[str, int]] = []
    victims: list[Effect] = []

    def derive() -> int:
        if a() == 1:
            victims[0].dispose()
        return a()

    c = computed(derive)
    victims.append(effect(lambda: log.append(("victim", c()))))
    effect(lambda: log.append(("sibling", a())))
    a.set(1)  # the victim is CHECK; refreshing it runs the computed that disposes it
    a.set(2)
    assert log == [("victim", 0), ("sibling", 0), ("sibling", 1), ("sibling", 2)]
    assert c() == 2  # the computed itself still works for other readers


def test_an_effect_disposed_inside_a_batch_is_dropped_from_the_flush() -> None:
    from signals import batch

    a = signal(0)
    runs: list[int] = []
    e = effect(lambda: runs.append(a()))

    def write_then_dispose() -> None:
        a.set(1)
        e.dispose()

    batch(write_then_dispose)
    assert runs == [0]


def test_an_effect_is_not_re_run_by_a_write_before_its_read() -> None:
    a = signal(0)
    seen: list[int] = []

    def run() -> None:
        a.set(10)
        seen.append(a())  # a read after the write sees the written value

    effect(run)
    assert seen == [10]
    a.set(3)
    assert seen == [10, 10]  # one re-run for the outside write, none for its own


def test_a_write_by_another_effect_during_the_run_schedules_one_re_run() -> None:
    a = signal(0)
    seen: list[int] = []

    def parent() -> None:
        seen.append(a())
        effect(lambda: a.set(5) if a.peek() == 0 else None)  # a child writes a

    create_root(lambda d: effect(parent))
    assert seen == [0, 5]


def test_an_own_write_still_reaches_the_other_readers() -> None:
    a = signal(0)
    other: list[int] = []
    effect(lambda: other.append(a()))
    effect(lambda: a.set(7))
    assert other == [0, 7]
