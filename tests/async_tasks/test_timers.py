"""Timers follow the runtime's one clock and die with their owner."""

from __future__ import annotations

import asyncio

import pytest

from async_tasks import NoClockError, VirtualClock, install_clock, interval, sleep
from signals import create_root, effect, signal


@pytest.fixture
def clock():
    clock = VirtualClock()
    install_clock(clock)
    yield clock
    install_clock(None)


def test_an_interval_ticks_once_per_period_of_virtual_time(clock):
    ticks: list[float] = []
    interval(1000, lambda: ticks.append(clock.now()))
    clock.advance(999)
    assert ticks == []
    clock.advance(1)
    clock.advance(2500)
    assert ticks == [1000, 2000, 3000]


def test_an_interval_created_in_an_owner_stops_when_the_owner_is_disposed(clock):
    ticks: list[int] = []

    def build(dispose):
        interval(100, lambda: ticks.append(1))
        return dispose

    dispose = create_root(build)
    clock.advance(250)
    dispose()
    clock.advance(1000)
    assert ticks == [1, 1]
    assert clock.pending == 0


def test_interval_writes_are_one_batch(clock):
    a, b = signal(0), signal(0)
    seen: list[tuple[int, int]] = []

    def build(dispose):
        effect(lambda: seen.append((a(), b())))
        interval(10, lambda: (a.set(a.peek() + 1), b.set(b.peek() + 1)))
        return dispose

    create_root(build)
    clock.advance(10)
    assert seen == [(0, 0), (1, 1)]


def test_timers_without_an_installed_clock_say_what_to_do():
    install_clock(None)
    with pytest.raises(NoClockError, match="install"):
        interval(10, lambda: None)


def test_interval_rejects_a_non_positive_period(clock):
    with pytest.raises(ValueError, match="positive"):
        interval(0, lambda: None)


def test_sleep_waits_for_virtual_time_not_real_time(clock):
    async def main() -> list[str]:
        log: list[str] = []

        async def sleeper() -> None:
            await sleep(500)
            log.append(f"woke at {clock.now():g}")

        task = asyncio.ensure_future(sleeper())
        await asyncio.sleep(0)
        clock.advance(499)
        await asyncio.sleep(0)
        assert not task.done()
        clock.advance(1)
        await asyncio.wait_for(task, timeout=5)
        return log

    assert asyncio.run(main()) == ["woke at 500"]


def test_an_interval_error_goes_to_the_owners_catch_error(clock):
    from signals import catch_error

    caught: list[BaseException] = []

    def tick():
        raise ValueError("tick failed")

    def build(dispose):
        catch_error(lambda: interval(100, tick), caught.append)
        return dispose

    dispose = create_root(build)
    clock.advance(200)
    assert [str(e) for e in caught] == ["tick failed", "tick failed"]
    dispose()


def test_an_unhandled_interval_error_is_raised_by_whoever_pumps_the_clock(clock):
    def tick():
        raise ValueError("nobody listens")

    interval(100, tick)
    with pytest.raises(ValueError, match="nobody listens"):
        clock.advance(100)
