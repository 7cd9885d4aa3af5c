"""The preview's web server and `run_preview` (the `preview` verb).

`PreviewServer` serves the page (`_page`) and its WebSocket on 127.0.0.1 from
the App's own loop: frames the hub encoded go out to every page, keys come
in as JSON and go to the hub for the renderer thread's next `poll()`.
`_preview` states the whole pipeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import socket
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web

from ..reconciler import Element
from ..runtime import App
from ._page import PAGE
from ._preview import BrowserPresenter, PreviewHub

__all__ = ["PreviewServer", "run_preview"]


class PreviewServer:
    """The page and its WebSocket on 127.0.0.1 (an aiohttp server on the running loop).

    Args:
        hub: the hub the App's presenter feeds.
        port: TCP port (0 picks a free one; `port` tells which after `start`).
        title: shown in the page title.
    """

    def __init__(self, hub: PreviewHub, port: int = 0, *, title: str = "app") -> None:
        self.hub = hub
        self.host = "127.0.0.1"
        self.port = port
        self._title = title
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://{self.host}:{self.port}/"

    async def start(self) -> None:
        """Starts listening (on the running loop, which frames are broadcast on)."""
        self.hub.attach(asyncio.get_running_loop())
        app = web.Application()
        app.router.add_get("/", self._page)
        app.router.add_get("/ws", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as exc:
            sock.close()
            await self.close()
            raise OSError(f"the preview cannot listen on {self.host}:{self.port}: {exc}; "
                          "pick another --port (0 = any free port)") from exc
        self.port = int(sock.getsockname()[1])
        await web.SockSite(self._runner, sock).start()

    async def _page(self, request: web.Request) -> web.Response:
        width, height = self.hub.size
        html = (PAGE.replace("__WIDTH__", str(width)).replace("__HEIGHT__", str(height))
                .replace("__TITLE__", self._title))
        return web.Response(text=html, content_type="text/html")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=30.0)
        await ws.prepare(request)
        await ws.send_bytes(self.hub.keyframe())
        self.hub.add_client(ws)
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    data = json.loads(msg.data)
                    self.hub.key(str(data["key"]), str(data.get("action", "down")))
                except (ValueError, KeyError, TypeError) as exc:
                    await ws.send_str(json.dumps({"status": f"ignored: {exc}"}))
        finally:
            self.hub.remove_client(ws)
        return ws

    async def status(self, text: str) -> None:
        """Shows `text` under the canvas in every connected page."""
        for ws in self.hub.client_sockets():
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_str(json.dumps({"status": text}))

    async def close(self) -> None:
        """Stops the server (idempotent)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> PreviewServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


OnReady = Callable[[App, "PreviewServer"], Awaitable[None] | None]


async def run_preview(target: Element | Callable[[], Element], *, port: int = 0,
                      size: tuple[int, int] = (1280, 720), title: str = "app",
                      on_ready: OnReady | None = None) -> None:
    """Runs the app with a `BrowserPresenter` and serves the page until the app stops.

    `on_ready(app, server)` runs once both listen (the CLI prints the address;
    tests drive the browser from it and call `app.stop()`).
    """
    element = target() if callable(target) else target
    hub = PreviewHub(size)
    # Thread mode: the presenter hands its tiles to the server in this process.
    app = App(element, size, presenter_factory=lambda w, h: BrowserPresenter(w, h, hub),
              title=title, renderer_mode="thread")
    server = PreviewServer(hub, port, title=title)
    try:
        await app.start()
        await server.start()
        if on_ready is not None:
            result = on_ready(app, server)
            if inspect.isawaitable(result):
                await result
        await app.run_async()
    finally:
        await server.close()
        await app.close()
        hub.close()
