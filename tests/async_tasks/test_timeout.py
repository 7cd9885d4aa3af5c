"""timeout(ms) on the runtime's clock: the error says what timed out after how long."""

from __future__ import annotations

import asyncio

import pytest

from async_tasks import TaskTimeout, run_until_idle, sleep, spawn, timeout


async def test_the_context_manager_names_what_timed_out_and_after_how_long(clock):
    async def page():
        async with timeout(500, what="the home page"):
            await sleep(10_000)

    task = spawn(page())
    await asyncio.sleep(0)
    clock.advance(499)
    await asyncio.sleep(0)
    assert not task.done()
    clock.advance(1)
    with pytest.raises(TaskTimeout, match=r"^the home page timed out after 500 ms$") as info:
        await task
    assert isinstance(info.value, TimeoutError)
    assert (info.value.what, info.value.ms) == ("the home page", 500)


async def test_the_wrapper_names_the_coroutine(clock):
    async def fetch_rows():
        await sleep(1000)
        return "rows"

    with pytest.raises(TaskTimeout, match=r"fetch_rows\(\) timed out after 250 ms"):
        await run_until_idle(clock, timeout(250, fetch_rows()))
    assert clock.now() == 250


async def test_a_block_that_finishes_in_time_returns_its_value_and_leaves_no_timer(clock):
    async def quick():
        await sleep(100)
        return 42

    assert await run_until_idle(clock, timeout(250, quick())) == 42
    assert clock.pending == 0


async def test_a_cancel_from_outside_stays_a_cancel(clock):
    async def guarded():
        async with timeout(1000):
            await sleep(5000)

    task = spawn(guarded())
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_bad_deadline_is_refused_with_the_value(clock):
    with pytest.raises(ValueError, match="-5"):
        timeout(-5)
