"""resource(source, fetcher): loading/error/value signals; the latest request wins."""

from __future__ import annotations

import asyncio

import pytest

from async_tasks import resource, run_until_idle, sleep
from signals import create_root, effect, signal

LATENCY = {"slow": 500, "fast": 100}


async def fetch_title(key: str) -> str:
    await sleep(LATENCY.get(key, 200))
    if key == "broken":
        raise ConnectionError("503 from the catalog")
    return f"title {key}"


def follow(res, log):
    effect(lambda: log.append((res.loading, res.value, res.error and str(res.error))))


async def test_a_new_source_value_cancels_the_slow_request_and_the_fast_one_lands(clock, no_leaks):
    key = signal("slow")
    log: list = []
    values: list = []

    def build(dispose):
        res = resource(key, fetch_title)
        follow(res, log)
        effect(lambda: values.append(res.value))
        return res, dispose

    res, dispose = create_root(build)
    await asyncio.sleep(0)
    clock.set(50)
    key.set("fast")  # the slow request (due at 500) is now stale
    await run_until_idle(clock)
    assert res.value == "title fast"
    assert "title slow" not in values  # the stale result never landed
    assert clock.now() == 150
    assert log[-1] == (False, "title fast", None)
    dispose()


async def test_a_stale_request_that_ignores_cancellation_still_never_lands(clock, no_leaks):
    key = signal("a")
    started: list[str] = []

    async def stubborn(k: str) -> str:
        started.append(k)
        try:
            await sleep(300 if k == "a" else 100)
        except asyncio.CancelledError:
            return f"stale {k}"  # swallows the cancel and returns anyway
        return f"fresh {k}"

    values: list = []

    def build(dispose):
        res = resource(key, stubborn)
        effect(lambda: values.append(res.value))
        return res, dispose

    _res, dispose = create_root(build)
    await asyncio.sleep(0)
    key.set("b")
    await run_until_idle(clock)
    assert started == ["a", "b"]
    assert values == [None, "fresh b"]  # "stale a" was returned but never written
    dispose()


async def test_refetch_keeps_the_previous_value_while_loading(clock):
    key = signal("x")
    log: list = []

    def build(dispose):
        res = resource(key, fetch_title)
        follow(res, log)
        return res, dispose

    res, dispose = create_root(build)
    await run_until_idle(clock)
    assert log == [(True, None, None), (False, "title x", None)]
    res.refetch()
    assert (res.loading, res.value) == (True, "title x")
    await run_until_idle(clock)
    assert log[-2:] == [(True, "title x", None), (False, "title x", None)]
    dispose()


async def test_an_error_is_kept_with_the_previous_value_and_retry_clears_it(clock):
    key = signal("x")

    res, dispose = create_root(lambda d: (resource(key, fetch_title), d))
    await run_until_idle(clock)
    key.set("broken")
    await run_until_idle(clock)
    assert isinstance(res.error, ConnectionError)
    assert (res.loading, res.value) == (False, "title x")
    LATENCY["broken"] = 10
    res.refetch()
    assert res.error is None and res.loading
    await run_until_idle(clock)
    assert str(res.error) == "503 from the catalog"
    del LATENCY["broken"]
    dispose()


async def test_a_none_source_loads_nothing_and_disposing_cancels_the_request(clock, no_leaks):
    key: signal = signal(None)
    calls: list[str] = []

    async def fetch(k):
        calls.append(k)
        await sleep(1000)
        return k

    res, dispose = create_root(lambda d: (resource(key, fetch), d))
    await asyncio.sleep(0)
    assert (res.loading, calls) == (False, [])
    key.set("home")
    await asyncio.sleep(0)
    assert res.loading and calls == ["home"]
    dispose()
    await run_until_idle(clock)
    assert res.peek() is None
    assert clock.pending == 0


async def test_reading_the_state_subscribes_like_any_signal(clock):
    key = signal("x")
    loads: list[bool] = []

    def build(dispose):
        res = resource(key, fetch_title)
        effect(lambda: loads.append(res.loading))
        return dispose

    dispose = create_root(build)
    await run_until_idle(clock)
    key.set("y")
    await run_until_idle(clock)
    assert loads == [True, False, True, False]
    dispose()


def test_a_resource_needs_callables():
    with pytest.raises(TypeError, match="source and a fetcher"):
        resource("not callable", fetch_title)  # type: ignore[arg-type]
