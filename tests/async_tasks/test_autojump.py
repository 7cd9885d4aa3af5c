"""run_until_idle: virtual time jumps only when every task waits on the clock.

The servers are real: `http.server` in a thread (reached through
`asyncio.to_thread` + urllib) and an asyncio streams server in the test's own
loop. Each answers after a real delay; the request is guarded by a *virtual*
timeout much shorter than that delay, and a sleeper elsewhere keeps a timer
pending. A clock that jumped whenever a timer is pending would fire the
timeout at once; the real I/O in flight must hold virtual time still.
"""

from __future__ import annotations

import asyncio
import http.server
import threading
import urllib.request

import pytest

from async_tasks import IdleTimeout, run_until_idle, sleep, spawn, timeout

REAL_DELAY_S = 0.2


class _SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        threading.Event().wait(REAL_DELAY_S)
        body = b'{"rows": 3}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def thread_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/home"
    server.shutdown()
    server.server_close()
    thread.join(5)


async def test_sleeping_tasks_let_virtual_time_jump(clock, no_leaks):
    woke: list[float] = []

    async def sleeper(ms):
        await sleep(ms)
        woke.append(clock.now())

    for ms in (60_000, 5_000, 600_000):
        spawn(sleeper(ms))
    await run_until_idle(clock)
    assert woke == [5_000, 60_000, 600_000]


async def test_a_thread_doing_real_io_holds_virtual_time(clock, thread_server, no_leaks):
    log: list[str] = []

    def get() -> bytes:
        with urllib.request.urlopen(thread_server, timeout=10) as response:
            return response.read()

    async def load():
        async with timeout(50, what="GET /home"):  # far less than the real delay
            body = await asyncio.to_thread(get)
        log.append(f"body at {clock.now():g} ms: {body.decode()}")

    async def ticker():
        await sleep(1000)
        log.append(f"ticker at {clock.now():g} ms")

    spawn(ticker())
    await run_until_idle(clock, spawn(load()))
    assert log == ['body at 0 ms: {"rows": 3}']
    await run_until_idle(clock)
    assert log[-1] == "ticker at 1000 ms"


async def test_a_socket_in_the_same_loop_holds_virtual_time(clock, no_leaks):
    async def handle(reader, writer):
        await reader.readline()
        await asyncio.sleep(REAL_DELAY_S)  # real latency of the backend
        writer.write(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    async def request():
        async with timeout(20, what="GET /"):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET / HTTP/1.0\r\n\r\n")
            data = await reader.read()
            writer.close()
        return clock.now(), data.split(b"\r\n\r\n")[1]

    spawn(sleep(10_000), name="background sleeper")
    try:
        assert await run_until_idle(clock, spawn(request())) == (0, b"ok")
    finally:
        server.close()
        await server.wait_closed()
    await run_until_idle(clock)
    assert clock.now() == 10_000


async def test_the_timeout_still_fires_once_the_clock_really_gets_there(clock, thread_server):
    async def load():
        async with timeout(50, what="GET /home"):
            await asyncio.to_thread(urllib.request.urlopen, thread_server, timeout=10)
            await sleep(1000)  # back on the clock: now the deadline may come

    with pytest.raises(TimeoutError, match="GET /home timed out after 50 ms"):
        await run_until_idle(clock, spawn(load()))
    assert clock.now() == 50


async def test_a_task_waiting_on_something_unknown_is_never_jumped_over(clock):
    never = asyncio.Event()

    async def waits():
        await never.wait()

    task = spawn(waits(), name="waits on an event")
    spawn(sleep(1000))
    with pytest.raises(IdleTimeout, match="waits on an event"):
        await run_until_idle(clock, real_timeout_s=0.1)
    assert clock.now() == 0
    task.cancel()
    await run_until_idle(clock)


async def test_a_task_awaiting_a_sleeping_task_counts_as_waiting_on_the_clock(clock):
    async def inner():
        await sleep(300)
        return "inner done"

    async def outer():
        return await spawn(inner())

    assert await run_until_idle(clock, spawn(outer()), real_timeout_s=2) == "inner done"
    assert clock.now() == 300


async def test_all_waiting_on_clock_tells_a_runtime_when_it_may_skip_ahead(clock, thread_server):
    from async_tasks import all_waiting_on_clock

    assert all_waiting_on_clock()  # nothing else runs
    sleeper = spawn(sleep(5000))
    await asyncio.sleep(0)
    assert all_waiting_on_clock()
    io = spawn(asyncio.to_thread(urllib.request.urlopen, thread_server, timeout=10))
    await asyncio.sleep(0)
    assert not all_waiting_on_clock()
    assert all_waiting_on_clock(ignore=[io.asyncio_task])
    (await io).close()
    assert all_waiting_on_clock()
    sleeper.cancel()
