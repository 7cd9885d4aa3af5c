"""Owners survive await in asyncio tasks; the tracking scope does not."""

from __future__ import annotations

import asyncio

from signals import create_root, effect, get_owner, on_cleanup, signal


async def test_a_task_started_in_an_effect_keeps_its_owner_across_await() -> None:
    log: list[str] = []
    started: list[asyncio.Task[None]] = []
    trigger = signal(0)
    extra = signal(0)
    owners: list[object] = []

    async def work() -> None:
        await asyncio.sleep(0)
        owners.append(get_owner())
        # Reading a signal here must not subscribe the effect that spawned us.
        extra()
        on_cleanup(lambda: log.append("task cleanup"))

    def body() -> None:
        trigger()
        started.append(asyncio.get_running_loop().create_task(work()))

    def build(dispose: object) -> object:
        return effect(body)

    e = create_root(build)
    await started[0]
    assert owners == [e]
    extra.set(1)  # not a dependency of the effect
    assert len(started) == 1
    trigger.set(1)  # re-run: disposes the cleanup the task registered
    assert log == ["task cleanup"]
    await started[1]
