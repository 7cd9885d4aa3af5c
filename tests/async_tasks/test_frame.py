"""Task writes are applied at the next frame boundary, in one batch."""

from __future__ import annotations

import asyncio

import pytest

from async_tasks import FrameHook, install_frame_hook, spawn
from signals import create_root, effect, signal


async def turn(n: int = 3) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


async def test_writes_from_several_task_steps_land_together_at_the_boundary():
    hook = FrameHook()
    install_frame_hook(hook)
    loading, value = signal(True), signal("")
    seen: list[tuple[bool, str]] = []
    gate: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def load():
        loading.set(False)  # one step...
        value.set(await gate)  # ...and the next, after an await

    def build(dispose):
        effect(lambda: seen.append((loading(), value())))
        spawn(load())
        return dispose

    dispose = create_root(build)
    await turn()
    gate.set_result("home")
    await turn()
    # Both steps ran, but nobody was told: the frame is not over.
    assert seen == [(True, "")]
    assert hook.held
    hook.run_frame_boundary()
    assert seen == [(True, ""), (False, "home")]  # once, both writes together
    assert not hook.held
    dispose()


async def test_reads_inside_the_task_see_its_own_writes_at_once():
    install_frame_hook(FrameHook())
    s = signal(1)
    out: list[int] = []

    async def work():
        s.set(2)
        await asyncio.sleep(0)
        out.append(s())

    spawn(work())
    await turn()
    assert out == [2]


async def test_without_a_hook_each_step_is_its_own_batch():
    a, b = signal(0), signal(0)
    seen: list[tuple[int, int]] = []

    async def work():
        a.set(1)
        b.set(1)
        await asyncio.sleep(0)
        a.set(2)

    dispose = create_root(lambda d: (effect(lambda: seen.append((a(), b()))), d)[1])
    spawn(work())
    await turn()
    assert seen == [(0, 0), (1, 1), (2, 1)]  # never (1, 0)
    dispose()


async def test_an_unhandled_task_error_is_raised_by_the_next_boundary():
    hook = FrameHook()
    install_frame_hook(hook)

    async def fails():
        raise LookupError("no such page")

    spawn(fails(), name="page")
    await turn()
    with pytest.raises(LookupError, match="no such page"):
        hook.run_frame_boundary()
    hook.run_frame_boundary()  # raised once, not kept


async def test_uninstalling_the_hook_releases_held_writes():
    hook = FrameHook()
    install_frame_hook(hook)
    s = signal(0)
    seen: list[int] = []

    async def work():
        s.set(5)

    dispose = create_root(lambda d: (effect(lambda: seen.append(s())), d)[1])
    spawn(work())
    await turn()
    assert seen == [0]
    install_frame_hook(None)
    assert seen == [0, 5]
    dispose()


async def test_tasks_woken_by_timers_write_into_the_same_frame(clock):
    """What the runtime does per frame: timers, let_tasks_run, boundary."""
    from async_tasks import let_tasks_run, sleep

    hook = FrameHook()
    install_frame_hook(hook)
    status = signal("")
    frames: list[str] = []

    async def inner():
        await sleep(100)
        status.set("inner")
        return "rows"

    async def outer():
        rows = await spawn(inner())
        status.set(f"outer got {rows}")

    def build(dispose):
        effect(lambda: frames.append(status()))
        spawn(outer())
        return dispose

    dispose = create_root(build)
    await let_tasks_run()
    clock.set(100)  # the frame's timers
    await let_tasks_run()
    hook.run_frame_boundary()
    assert frames == ["", "outer got rows"]  # both steps, one notification
    dispose()


async def test_let_tasks_run_waits_for_every_runnable_task_before_the_boundary(clock):
    """A task that yields between two writes, and one whose thread just finished,
    both finish their work before the boundary: no frame shows half of it."""
    from async_tasks import let_tasks_run, sleep

    hook = FrameHook()
    install_frame_hook(hook)
    a, b, c = signal("a0"), signal("b0"), signal("c0")
    frames: list[str] = []
    thread_done = asyncio.get_running_loop().create_future()

    async def writer():
        await sleep(100)
        a.set("a1")
        for _ in range(5):
            await asyncio.sleep(0)
        b.set("b1")

    async def reader():
        await thread_done
        await asyncio.sleep(0)
        c.set("c1")

    def build(dispose):
        effect(lambda: frames.append(f"{a()} {b()} {c()}"))
        spawn(writer())
        spawn(reader())
        return dispose

    dispose = create_root(build)
    await let_tasks_run()
    thread_done.set_result(None)  # the real I/O finished just before the frame
    clock.set(100)
    await let_tasks_run()
    hook.run_frame_boundary()
    assert frames == ["a0 b0 c0", "a1 b1 c1"]
    dispose()
