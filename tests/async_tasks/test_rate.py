"""debounce and throttle on virtual time; reactivex operators on the ClockScheduler."""

from __future__ import annotations

import reactivex
from reactivex import operators as ops
from reactivex.subject import Subject

from async_tasks import ClockScheduler, debounce, debounced, throttle
from signals import catch_error, create_root, effect, signal


def at(clock, t, fn):
    clock.set(t)
    fn()


def test_debounce_runs_once_with_the_last_arguments_after_the_pause(clock):
    calls: list[tuple[float, str]] = []
    search = debounce(300, lambda text: calls.append((clock.now(), text)))
    at(clock, 0, lambda: search("s"))
    at(clock, 100, lambda: search("st"))
    at(clock, 250, lambda: search("sta"))
    clock.set(549)
    assert calls == []
    clock.set(1000)
    assert calls == [(550, "sta")]
    assert not search.pending


def test_throttle_runs_at_once_then_one_trailing_call_per_window(clock):
    calls: list[tuple[float, int]] = []
    scroll = throttle(100, lambda n: calls.append((clock.now(), n)))
    for t, n in [(0, 1), (30, 2), (60, 3), (250, 4)]:
        at(clock, t, lambda n=n: scroll(n))
    clock.set(1000)
    # 1 leads; 2 is dropped for 3, which trails at the window end (100);
    # the window after it (100-200) is quiet, so 4 leads again at 250.
    assert calls == [(0, 1), (100, 3), (250, 4)]


def test_debounce_dies_with_its_owner_and_sends_errors_to_catch_error(clock):
    caught: list[BaseException] = []

    def fail(_):
        raise ValueError("bad query")

    def build(dispose):
        return catch_error(lambda: (debounce(50, fail), debounce(50, fail)), caught.append), dispose

    (failing, dropped), dispose = create_root(build)
    failing("x")
    clock.advance(50)
    assert [str(e) for e in caught] == ["bad query"]
    dropped("y")
    dispose()
    clock.advance(100)
    assert len(caught) == 1
    assert clock.pending == 0


def test_reactivex_debounce_follows_the_virtual_clock(clock):
    scheduler = ClockScheduler(clock)
    out: list[tuple[float, str]] = []
    keys: Subject[str] = Subject()
    keys.pipe(ops.debounce(0.3, scheduler=scheduler)).subscribe(
        lambda text: out.append((clock.now(), text))
    )
    for t, text in [(0, "m"), (100, "ma"), (200, "mar"), (800, "marq")]:
        at(clock, t, lambda text=text: keys.on_next(text))
    clock.set(2000)
    assert out == [(500, "mar"), (1100, "marq")]


def test_reactivex_timers_and_now_are_clock_time(clock):
    scheduler = ClockScheduler(clock)
    ticks: list[float] = []
    sub = reactivex.interval(0.25, scheduler=scheduler).subscribe(
        lambda _: ticks.append(clock.now())
    )
    clock.set(1000)
    sub.dispose()
    clock.set(2000)
    assert ticks == [250, 500, 750, 1000]
    assert (scheduler.now - scheduler.to_datetime(0)).total_seconds() == 2.0


def test_a_debounced_signal_settles_when_typing_pauses(clock):
    query = signal("")
    seen: list[tuple[float, str]] = []

    def build(dispose):
        settled = debounced(query, 300)
        effect(lambda: seen.append((clock.now(), settled())))
        return dispose

    dispose = create_root(build)
    for t, text in [(0, "t"), (120, "th"), (240, "the")]:
        at(clock, t, lambda text=text: query.set(text))
    clock.set(539)
    assert seen == [(0, "")]
    clock.set(540)
    assert seen == [(0, ""), (540, "the")]
    dispose()
    query.set("gone")
    clock.set(5000)
    assert seen[-1] == (540, "the")
