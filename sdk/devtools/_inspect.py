"""`inspect`: the live scene and component tree of a running `dev` loop.

`dev --inspect-port N` starts an `InspectServer` (aiohttp, 127.0.0.1 only) on
the app's loop; `python -m sdk inspect --port N` fetches and prints:

- `GET /scene`: the engine's scene dump (PROTOCOL.md section 7): kinds,
  boxes, roles, labels, every non-default prop, `focused`;
- `GET /components`: the component tree below the app slot, one component
  a line, indented by component depth, with its key, its own `use_signal`
  values (`state:`) and the signals its last render read (`reads:`; a
  signal made by a component's hook is named `Owner.use_signal[i]`, others
  by their type). Reads through reactive props (`Text(lambda: ...)`) belong
  to the prop's binding, not to the render, so they are not listed.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

from aiohttp import web

from ..reconciler import Instance, walk
from ..runtime import App

if TYPE_CHECKING:
    from ._dev import DevSession

__all__ = ["InspectServer", "component_tree", "fetch_inspect"]

MAX_VALUE = 60


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 3] + "..."


def component_tree(slot: Instance | None) -> str:
    """The components below `slot`, with the signals each one's render read."""
    if slot is None:
        return "(no app mounted: it failed to load or is showing an error)"
    names: dict[int, str] = {}
    instances = list(walk(slot))
    for instance in instances:
        hooks = instance.hook_state
        if hooks is None:
            continue
        for index, (kind, value) in enumerate(hooks.slots):
            if kind in ("use_signal", "use_computed"):
                names[id(value)] = f"{instance.name}.{kind}[{index}]"
    lines = []
    depth_of: dict[int, int] = {id(slot): -1}
    for instance in instances:
        parent = instance.parent
        depth = depth_of.get(id(parent), -1) if parent is not None else -1
        if instance.hook_state is None or instance is slot:
            depth_of[id(instance)] = depth
            continue
        depth += 1
        depth_of[id(instance)] = depth
        key = f" key={instance.element.key!r}" if instance.element.key is not None else ""
        reads = []
        for source in instance.signals_read():
            peek = getattr(source, "peek", None)
            value = f"={_short(peek())}" if callable(peek) else ""
            reads.append(names.get(id(source), type(source).__name__) + value)
        read = f"  reads: {', '.join(reads)}" if reads else ""
        hooks = instance.hook_state
        own = [f"{kind}[{i}]={_short(value.peek())}"  # type: ignore[attr-defined]
               for i, (kind, value) in enumerate(hooks.slots if hooks else ())
               if kind == "use_signal"]
        state = f"  state: {', '.join(own)}" if own else ""
        lines.append(f"{'  ' * depth}{instance.name}{key}{state}{read}")
    return "\n".join(lines)


class InspectServer:
    """Serves `/scene` and `/components` of a running dev loop on 127.0.0.1:`port`."""

    def __init__(self, app: App, session: DevSession, port: int = 0) -> None:
        self.app = app
        self.session = session
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Starts listening (port 0: any free port; `port` tells which)."""
        app = web.Application()
        app.router.add_get("/scene", self._scene)
        app.router.add_get("/components", self._components)
        app.router.add_get("/", self._both)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", self.port))
        except OSError as exc:
            sock.close()
            await self.close()
            raise OSError(f"--inspect-port {self.port} is taken: {exc}") from exc
        self.port = int(sock.getsockname()[1])
        await web.SockSite(self._runner, sock).start()

    async def _scene(self, request: web.Request) -> web.Response:
        return web.Response(text=await self.app.dump())

    async def _components(self, request: web.Request) -> web.Response:
        return web.Response(text=component_tree(self.session.slot))

    async def _both(self, request: web.Request) -> web.Response:
        return web.json_response({"scene": await self.app.dump(),
                                  "components": component_tree(self.session.slot)})

    async def close(self) -> None:
        """Stops the server (idempotent)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> InspectServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def fetch_inspect(port: int, what: str = "", *, host: str = "127.0.0.1",
                  timeout_s: float = 10.0) -> dict[str, str]:
    """`{"scene": ..., "components": ...}` from a dev loop's inspect server.

    Raises:
        ConnectionError: nothing answers on that port (is `dev --inspect-port` running?).
    """
    url = f"http://{host}:{port}/{what}"
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            body = response.read().decode("utf-8")
    except (urllib.error.URLError, OSError) as exc:
        raise ConnectionError(f"nothing answers on {host}:{port} ({exc}); start the app with "
                              f"`python -m sdk dev MODULE --inspect-port {port}`") from exc
    if what:
        return {what: body}
    data: dict[str, str] = json.loads(body)
    return data
