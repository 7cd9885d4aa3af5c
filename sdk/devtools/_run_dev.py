"""`run_dev`: the dev loop's App, its servers and its background tasks, until it stops.

A window when a display exists (`window=None`), else the browser preview
(`_preview`); the inspect server when asked (`_inspect`). The session
(`_dev.DevSession`) is the App's root and owns the reload logic.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from renderer.lowlevel import display_available

from ..runtime import App
from ._dev import DEV_EXTRA_KEYS, DevSession
from ._inspect import InspectServer
from ._preview import BrowserPresenter, PreviewHub
from ._preview_server import PreviewServer

__all__ = ["run_dev"]


async def run_dev(spec: str, *, size: tuple[int, int] = (1280, 720), window: bool | None = None,
                  port: int = 0, inspect_port: int | None = None, poll_ms: float = 100.0,
                  on_ready: Callable[[DevSession, Any], Awaitable[None] | None] | None = None,
                  ) -> DevSession:
    """Runs the dev loop until the app stops; see the module docstring.

    Args:
        spec: `MODULE[:NAME]`.
        size: surface size.
        window: True a window, False the browser preview, None: a window when
            a display exists.
        port: the preview's port (0: any free one).
        inspect_port: where `inspect` connects (None: no inspect server).
        on_ready: called with the session and the preview server (or None)
            once everything listens.
    """
    if window is None:
        window = display_available()
    session = DevSession(spec, poll_ms=poll_ms)
    session.load()
    hub = None if window else PreviewHub(size, DEV_EXTRA_KEYS)
    factory = None if hub is None else (lambda w, h: BrowserPresenter(w, h, hub))
    # Thread mode: the inspector reads the frame loop, and the preview's presenter
    # hands its tiles to the server in this process.
    app = App(session.shell(), size, extra_keys=DEV_EXTRA_KEYS, presenter_factory=factory,
              headless=False if window else None, title=f"Marquee dev - {spec}",
              renderer_mode="thread")
    server = None if hub is None else PreviewServer(hub, port, title=spec)
    inspect = None if inspect_port is None else InspectServer(app, session, inspect_port)
    try:
        await app.start()
        session.start(app)
        if server is not None:
            await server.start()
        if inspect is not None:
            await inspect.start()
            session.inspect_port = inspect.port
        if on_ready is not None:
            result = on_ready(session, server)
            if result is not None:
                await result
        await app.run_async()
    finally:
        await session.stop()
        if inspect is not None:
            await inspect.close()
        if server is not None:
            await server.close()
        await app.close()
        if hub is not None:
            hub.close()
    return session
