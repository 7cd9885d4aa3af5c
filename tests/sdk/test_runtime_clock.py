"""The runtime's clock: virtual time, timers in order, cancellation, no going back."""

from __future__ import annotations

import pytest

from async_tasks import Clock, RealClock, VirtualClock


def test_virtual_clock_runs_timers_in_time_order_at_their_deadline() -> None:
    clock = VirtualClock()
    seen: list[tuple[str, float]] = []
    clock.call_at(30, lambda: seen.append(("c", clock.now())))
    clock.call_later(10, lambda: seen.append(("a", clock.now())))
    clock.call_at(10, lambda: seen.append(("b", clock.now())))  # tie: scheduling order
    assert clock.advance(9.5) == 0
    assert seen == []
    assert clock.advance(25) == 3
    assert seen == [("a", 10.0), ("b", 10.0), ("c", 30.0)]
    assert clock.now() == 34.5


def test_timer_scheduled_by_a_timer_runs_in_the_same_advance() -> None:
    clock = VirtualClock(100)
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(clock.now())
        if len(ticks) < 4:
            clock.call_later(1000, tick)

    clock.call_later(1000, tick)
    clock.advance(3500)
    assert ticks == [1100, 2100, 3100]
    assert clock.pending == 1
    assert clock.next_deadline() == 4100


def test_cancelled_timers_do_not_run() -> None:
    clock = VirtualClock()
    seen: list[int] = []
    first = clock.call_later(5, lambda: seen.append(1))
    clock.call_later(6, lambda: seen.append(2))
    first.cancel()
    first.cancel()
    assert first.cancelled and first.done
    assert clock.pending == 1
    clock.advance(10)
    assert seen == [2]
    assert clock.pending == 0
    assert clock.next_deadline() is None


def test_virtual_clock_never_goes_backwards() -> None:
    clock = VirtualClock(50)
    with pytest.raises(ValueError, match="never goes backwards"):
        clock.set(49)
    with pytest.raises(ValueError, match="advance"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="finite"):
        clock.call_at(float("nan"), lambda: None)
    clock.set(50)
    assert clock.now() == 50


def test_real_clock_runs_due_timers_when_pumped() -> None:
    clock = RealClock()
    assert isinstance(clock, Clock) and not clock.virtual
    before = clock.now()
    assert before >= 0
    seen: list[str] = []
    clock.call_at(before - 1, lambda: seen.append("past"))
    later = clock.call_later(60_000, lambda: seen.append("later"))
    assert clock.run_due() == 1
    assert seen == ["past"]
    assert clock.next_deadline() == later.when
    assert clock.now() >= before
