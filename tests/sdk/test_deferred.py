"""Deferred components: async components suspend to the nearest Deferred boundary.

Driven through the real App on a virtual clock (stepped frames), with the real
engine; data comes from awaitables controlled by the test, and from a real
local HTTP server.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
import urllib.request
from typing import Any

import pytest

from async_tasks import VirtualClock, live_tasks, sleep
from sdk import (
    TEXT,
    VIEW,
    App,
    Deferred,
    Element,
    ErrorBoundary,
    Show,
    component,
    host_element,
)
from signals import signal


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def Text(text: Any, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, None)


def run(main: Any) -> Any:
    return asyncio.run(main())


def app_for(element: Element) -> App:
    return App(element, size=(320, 180), design_size=(320, 180), clock=VirtualClock())


@component
async def Page(delay_ms: float, title: str) -> Element:
    await sleep(delay_ms)
    return Text(title, test_id="page")


def test_the_fallback_shows_until_the_data_arrives_then_swaps_in_one_frame():
    async def main() -> None:
        async with app_for(View(Deferred(Page(delay_ms=100, title="Home"),
                                         fallback=Text("Loading")))) as app:
            await app.frame()
            dump = await app.dump()
            assert '"Loading"' in dump and '"Home"' not in dump
            states = []
            for _ in range(8):
                await app.frame()
                dump = await app.dump()
                states.append(('"Loading"' in dump, '"Home"' in dump))
            # never both, never neither: the swap happens within one frame
            assert all(loading != home for loading, home in states), states
            assert states[-1] == (False, True)

    run(main)


@component
async def Cached(title: str) -> Element:
    return Text(title)  # no await that waits: resolved at once


def test_already_resolved_data_renders_without_a_fallback_flash():
    async def main() -> None:
        async with app_for(View(Deferred(Cached(title="Cached"),
                                         fallback=Text("Loading")))) as app:
            await app.frame()
            dump = await app.dump()
            assert '"Cached"' in dump and "Loading" not in dump

    run(main)


attempts: list[int] = []


@component
async def Flaky() -> Element:
    attempts.append(1)
    await sleep(20)
    if len(attempts) == 1:
        raise ConnectionError("backend down")
    return Text("Loaded")


def test_an_error_shows_the_error_view_and_retry_mounts_the_children_again():
    attempts.clear()
    retry_box: list[Any] = []

    def error_view(error: BaseException, retry: Any) -> Element:
        retry_box.append(retry)
        return Text(f"Error: {error}")

    async def main() -> None:
        async with app_for(View(Deferred(Flaky(), fallback=Text("Loading"),
                                         error=error_view))) as app:
            for _ in range(4):
                await app.frame()
            assert '"Error: backend down"' in await app.dump()
            retry_box[-1]()
            for _ in range(4):
                await app.frame()
            dump = await app.dump()
            assert '"Loaded"' in dump and "Error" not in dump
            assert len(attempts) == 2

    run(main)


def test_a_timeout_is_an_error_naming_the_component_and_the_time():
    async def main() -> None:
        async with app_for(View(Deferred(Page(delay_ms=5000, title="Slow"),
                                         fallback=Text("Loading"), timeout_ms=50,
                                         error=lambda e, retry: Text(str(e))))) as app:
            for _ in range(6):
                await app.frame()
            dump = await app.dump()
            assert "component Page timed out after 50 ms" in dump

    run(main)


def test_unmounting_a_pending_component_cancels_its_task_and_nothing_lands():
    shown = signal(True)

    async def main() -> None:
        page = Deferred(Page(delay_ms=100, title="Late"), fallback=Text("Loading"))
        async with app_for(View(Show(page, when=shown))) as app:
            await app.frame()
            assert live_tasks(), "the page's task should be running"
            shown.set(False)
            await app.frame()
            await app.frame()
            assert live_tasks() == []
            for _ in range(10):
                await app.frame()
            assert "Late" not in await app.dump()
        assert live_tasks() == []

    run(main)


@component
async def Rail(name: str, delay_ms: float) -> Element:
    await sleep(delay_ms)
    return Text(f"rail {name}")


@component
async def Home() -> Element:
    await sleep(30)
    return View(
        Text("home"),
        Deferred(Rail(name="a", delay_ms=100), fallback=Text("rail a loading")),
        Deferred(Rail(name="b", delay_ms=300), fallback=Text("rail b loading")),
        direction="column",
    )


def test_nested_boundaries_reveal_the_page_first_then_each_rail():
    async def main() -> None:
        async with app_for(View(Deferred(Home(), fallback=Text("page loading")))) as app:
            await app.frame()
            assert '"page loading"' in await app.dump()
            for _ in range(3):
                await app.frame()
            dump = await app.dump()
            assert '"home"' in dump and '"rail a loading"' in dump
            assert '"rail b loading"' in dump and "page loading" not in dump
            for _ in range(8):
                await app.frame()
            dump = await app.dump()
            assert '"rail a"' in dump and '"rail b loading"' in dump
            for _ in range(14):
                await app.frame()
            dump = await app.dump()
            assert '"rail a"' in dump and '"rail b"' in dump and "loading" not in dump

    run(main)


@component
def Poster(title: str) -> Element:
    return Text(f"poster {title}")


async def fetch_title(ms: float) -> str:
    await sleep(ms)
    return "Dune"


def test_a_plain_component_given_an_awaitable_prop_suspends_until_it_resolves():
    async def main() -> None:
        async with app_for(View(Deferred(Poster(title=fetch_title(50)),
                                         fallback=Text("Loading")))) as app:
            await app.frame()
            assert '"Loading"' in await app.dump()
            for _ in range(5):
                await app.frame()
            assert '"poster Dune"' in await app.dump()

    run(main)


@pytest.fixture
def backend():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"rows": ["Trending", "New"]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_data_from_a_real_local_http_server_reaches_the_scene(backend):
    @component
    async def Rows() -> Element:
        raw = await asyncio.to_thread(lambda: urllib.request.urlopen(backend + "/home",
                                                                     timeout=5).read())
        rows = json.loads(raw)["rows"]
        return View(*(Text(row) for row in rows), direction="column")

    async def main() -> None:
        async with app_for(View(Deferred(Rows(), fallback=Text("Loading")))) as app:
            for _ in range(200):
                await app.frame()
                if '"Trending"' in await app.dump():
                    break
                await asyncio.sleep(0.005)  # real I/O: give the server thread real time
            dump = await app.dump()
            assert '"Trending"' in dump and '"New"' in dump and "Loading" not in dump

    run(main)



@component
async def Detail(id: int) -> Element:
    await sleep(20)
    if id == 2:
        raise ConnectionError(f"no detail {id}")
    return Text(f"detail {id}")


def test_a_failure_after_the_first_reveal_shows_the_error_view_and_retry_recovers():
    current = signal(1)
    retries: list[Any] = []

    def error_view(error: BaseException, retry: Any) -> Element:
        retries.append(retry)
        return Text(f"Error: {error}")

    @component
    def Host() -> Element:
        return View(Deferred(Detail(id=current()), fallback=Text("Loading"), error=error_view))

    async def main() -> None:
        async with app_for(Host()) as app:
            await app.frame(4)
            assert '"detail 1"' in await app.dump()
            current.set(2)  # suspends again after the reveal, then fails
            await app.frame(4)
            dump = await app.dump()
            assert '"Error: no detail 2"' in dump and "detail 1" not in dump
            current.set(3)
            retries[-1]()
            await app.frame(4)
            dump = await app.dump()
            assert '"detail 3"' in dump and "Error" not in dump

    run(main)


def test_without_an_error_view_a_later_failure_goes_to_the_boundary_above():


    current = signal(1)

    @component
    def Host() -> Element:
        return View(Deferred(Detail(id=current()), fallback=Text("Loading")))

    async def main() -> None:
        async with app_for(ErrorBoundary(Host(), fallback=lambda e, r: Text(f"Outer: {e}"))) as app:
            await app.frame(4)
            current.set(2)
            await app.frame(4)
            assert '"Outer: no detail 2"' in await app.dump()

    run(main)
