"""spawn: tasks owned by a signals owner, errors to catch_error, no tracking leaks."""

from __future__ import annotations

import asyncio

import pytest

from async_tasks import live_tasks, sleep, spawn
from signals import catch_error, create_root, effect, signal


async def turn(n: int = 3) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


async def test_disposing_the_owner_cancels_the_task_and_runs_its_finally(clock, no_leaks):
    log: list[str] = []

    async def work():
        try:
            await sleep(10_000)
            log.append("finished")
        finally:
            log.append("cleaned up")

    task, dispose = create_root(lambda d: (spawn(work()), d))
    await turn()
    assert not task.done()
    dispose()
    await turn()
    assert task.cancelled()
    assert log == ["cleaned up"]
    assert clock.pending == 0  # the sleep's timer went with it


async def test_no_task_is_left_running_after_a_tree_of_owners_is_disposed(clock, no_leaks):
    def build(dispose):
        for i in range(5):
            effect(lambda i=i: spawn(sleep(1000 * (i + 1)), name=f"child {i}"))
        spawn(asyncio.Event().wait(), name="waits forever")
        return dispose

    dispose = create_root(build)
    await turn()
    assert len(live_tasks()) == 6
    dispose()
    await turn()
    assert live_tasks() == []
    assert asyncio.all_tasks() == {asyncio.current_task()}


async def test_a_finished_task_detaches_its_cleanup_from_the_owner(clock):
    async def quick():
        return 1

    def build(dispose):
        tasks = [spawn(quick()) for _ in range(100)]
        return tasks, dispose

    tasks, dispose = create_root(build)
    await turn()
    owner = tasks[0].owner
    assert all(t.result() == 1 for t in tasks)
    assert not owner._owned  # 100 finished tasks leave nothing on the component
    dispose()


async def test_an_exception_goes_to_the_owners_catch_error(clock):
    caught: list[BaseException] = []

    async def fails():
        await sleep(10)
        raise ValueError("backend said no")

    def build(dispose):
        catch_error(lambda: effect(lambda: spawn(fails(), name="load page")), caught.append)
        return dispose

    dispose = create_root(build)
    await turn()
    clock.advance(10)
    await turn()
    assert [str(e) for e in caught] == ["backend said no"]
    assert any("load page" in note for note in caught[0].__notes__)
    dispose()


async def test_an_awaited_task_raises_to_its_awaiter_not_to_catch_error(clock):
    caught: list[BaseException] = []

    async def fails():
        await asyncio.sleep(0)
        raise ValueError("mine")

    def build(dispose):
        return catch_error(lambda: spawn(fails()), caught.append), dispose

    task, dispose = create_root(build)
    with pytest.raises(ValueError, match="mine"):
        await task
    await turn()
    assert caught == []
    dispose()


async def test_an_unhandled_task_error_reaches_the_event_loops_handler(clock):
    reported: list[dict] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, ctx: reported.append(ctx))
    try:
        async def fails():
            raise KeyError("nobody catches me")

        spawn(fails(), name="orphan")
        await turn()
    finally:
        loop.set_exception_handler(None)
    assert len(reported) == 1
    assert "orphan" in reported[0]["message"]
    assert isinstance(reported[0]["exception"], KeyError)


async def test_a_signal_read_in_a_task_never_subscribes_the_effect_that_spawned_it(clock):
    a, b = signal(0), signal(0)
    runs: list[int] = []

    async def reads():
        a()  # before any await: the first step must not run inside the effect
        await asyncio.sleep(0)
        b()  # after an await: the effect finished long ago

    def build(dispose):
        effect(lambda: (runs.append(1), spawn(reads())))
        return dispose

    dispose = create_root(build)
    await turn()
    a.set(1)
    b.set(1)
    await turn()
    assert runs == [1]
    dispose()


async def test_the_task_keeps_the_owner_across_awaits(clock):
    from signals import get_owner, on_cleanup

    seen = []
    log: list[str] = []

    async def work():
        await asyncio.sleep(0)
        seen.append(get_owner())
        on_cleanup(lambda: log.append("component cleanup"))

    def build(dispose):
        spawn(work())
        return get_owner(), dispose

    owner, dispose = create_root(build)
    await turn()
    assert seen == [owner]
    dispose()
    assert log == ["component cleanup"]


async def test_spawn_outside_a_loop_says_what_to_do():
    async def nothing():
        return None

    def outside():
        with pytest.raises(RuntimeError, match="running asyncio loop"):
            spawn(nothing())

    await asyncio.to_thread(outside)


async def test_spawn_in_a_disposed_owner_is_refused(clock):
    errors: list[BaseException] = []

    async def nothing():
        return None

    async def stubborn():
        try:
            await sleep(1000)
        except asyncio.CancelledError:
            try:  # still running after its owner went away
                spawn(nothing())
            except RuntimeError as exc:
                errors.append(exc)
            raise

    dispose = create_root(lambda d: (spawn(stubborn()), d)[1])
    await turn()
    dispose()
    await turn()
    assert len(errors) == 1
    assert "disposed owner" in str(errors[0])


async def test_the_coroutine_sees_plain_asyncio_semantics_inside_the_driver(clock):
    """current_task, asyncio.timeout, failing futures and shielded cancels behave as usual."""
    log: list[str] = []

    async def failing():
        await asyncio.sleep(0)
        raise OSError("connection reset")

    async def body():
        log.append("current" if asyncio.current_task() is task.asyncio_task else "wrong task")
        try:
            async with asyncio.timeout(0.001):
                await asyncio.Event().wait()
        except TimeoutError:
            log.append("asyncio.timeout")
        try:
            await asyncio.ensure_future(failing())
        except OSError as exc:
            log.append(str(exc))
        return "done"

    task = spawn(body())
    assert await task == "done"
    assert log == ["current", "asyncio.timeout", "connection reset"]
