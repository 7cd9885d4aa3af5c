"""The HTTP service (aiohttp): JSON pages, generated images, latency and failure injection."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import math
import threading
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from ._data import CATALOG, Catalog
from ._images import backdrop_jpeg, poster_png

__all__ = ["ROUTES", "CatalogService", "Fault"]

ROUTES = ("profiles", "home", "row", "title", "search", "image")
"""Route names that faults apply to."""
HANG_S = 3600.0
"""How long a hanging response waits (it is cancelled when the client goes or the service stops)."""
MAX_DELAY_MS = 600_000.0
"""Longest injectable delay (10 minutes; `hang` is for longer)."""
MAX_ID_DIGITS = 9
"""A title id longer than this is not one (and `int()` of thousands of digits is refused)."""
MAX_MATCH_CHARS = 1000


@dataclass(frozen=True)
class Fault:
    """What to do to requests of one route.

    Attributes:
        delay_ms: wait this long before answering.
        status: answer with this HTTP error status instead (e.g. 500).
        hang: never answer (until the client gives up or the service stops).
        times: apply to this many requests, then clear itself (None: until cleared).
        match: apply only to requests whose path (with query) contains this text,
            e.g. `"/api/rows/new"` for one row.
    """

    delay_ms: float = 0.0
    status: int | None = None
    hang: bool = False
    times: int | None = None
    match: str | None = None

    def __post_init__(self) -> None:
        # Checked by type too: a rule arrives as JSON, and a bad one kept would
        # break every later request of its route.
        delay = self.delay_ms
        if isinstance(delay, bool) or not isinstance(delay, int | float) or \
                not (math.isfinite(delay) and 0 <= delay <= MAX_DELAY_MS):
            raise ValueError(f"Fault(delay_ms=...) must be a number 0-{MAX_DELAY_MS:g}, "
                             f"got {_shown(delay)}")
        if self.status is not None and not (_is_int(self.status) and 400 <= self.status <= 599):
            raise ValueError(f"Fault(status=...) must be 400-599, got {_shown(self.status)}")
        if not isinstance(self.hang, bool):
            raise ValueError(f"Fault(hang=...) must be true or false, got {_shown(self.hang)}")
        if self.times is not None and not (_is_int(self.times) and self.times >= 1):
            raise ValueError(f"Fault(times=...) must be an integer >= 1, got {_shown(self.times)}")
        if self.match is not None and not (
                isinstance(self.match, str) and len(self.match) <= MAX_MATCH_CHARS):
            raise ValueError(f"Fault(match=...) must be text of at most {MAX_MATCH_CHARS} "
                             f"characters, got {_shown(self.match)}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _error(kind: type[web.HTTPException], message: str) -> web.HTTPException:
    """An HTTP error whose body is `{"error": message}`."""
    return kind(text=json.dumps({"error": message}), content_type="application/json")


def _check_route(route: str) -> None:
    if route not in ROUTES:
        raise ValueError(f"unknown route {route!r}; routes are {', '.join(ROUTES)}")


class CatalogService:
    """The catalog's backend-for-frontend, on a background thread or standalone.

    Args:
        host: interface to listen on.
        port: TCP port (0: any free port).
        latency_ms: added to every response (a slow network).
        catalog: the data (default: the seeded demo catalog).
        fault_control: serve the fault controls over HTTP (`POST/DELETE
            /control/faults` and the `?delay_ms=&fail=&hang=` query parameters).
            Off by default: only a service started for tests or demos turns it
            on. `set_fault()` (in-process) works either way.

    Example:
        ```python
        with CatalogService() as service:       # 127.0.0.1, a free port
            service.set_fault("home", status=500)
            urllib.request.urlopen(service.url + "/api/profiles")
        ```
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, latency_ms: float = 0.0,
                 catalog: Catalog | None = None, fault_control: bool = False) -> None:
        if not latency_ms >= 0:
            raise ValueError(f"latency_ms must be >= 0, got {latency_ms!r}")
        self.host = host
        self.port = port
        self.latency_ms = latency_ms
        self.catalog = catalog if catalog is not None else CATALOG
        self.fault_control = fault_control
        self.hits: dict[str, int] = dict.fromkeys(ROUTES, 0)
        """Requests seen per route (counting failed ones)."""
        self.in_flight = 0
        """Requests being answered now (a hanging one until its client goes away)."""
        self._faults: dict[str, Fault] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None

    # faults -----------------------------------------------------------------------

    def set_fault(self, route: str, *, delay_ms: float = 0.0, status: int | None = None,
                  hang: bool = False, times: int | None = None,
                  match: str | None = None) -> None:
        """Slow down, fail or hang the requests of `route` (one of `ROUTES`); see `Fault`.

        Raises:
            ValueError: unknown route or bad values.
        """
        _check_route(route)
        fault = Fault(delay_ms, status, hang, times, match)
        with self._lock:
            self._faults[route] = fault

    def clear_faults(self, route: str | None = None) -> None:
        """Remove the fault of `route`, or all of them."""
        with self._lock:
            if route is None:
                self._faults.clear()
            else:
                _check_route(route)
                self._faults.pop(route, None)

    def _take_fault(self, route: str, path: str, query: Any) -> Fault | None:
        with self._lock:
            self.hits[route] += 1
            fault = self._faults.get(route)
            if fault is not None and fault.match is not None and fault.match not in path:
                fault = None
            if fault is not None and fault.times is not None:
                if fault.times > 1:
                    self._faults[route] = dataclasses.replace(fault, times=fault.times - 1)
                else:
                    del self._faults[route]
        if self.fault_control and ("delay_ms" in query or "fail" in query or "hang" in query):
            fault = Fault(float(query.get("delay_ms", 0)),
                          int(query["fail"]) if "fail" in query else None,
                          query.get("hang") in ("1", "true"))
        return fault

    def prewarm(self) -> None:
        """Draw every poster and backdrop now, so serving them costs no drawing."""
        for title in self.catalog.titles.values():
            poster_png(title)
            backdrop_jpeg(title)

    # the app ----------------------------------------------------------------------

    def make_app(self) -> web.Application:
        """The aiohttp application (routes and the fault middleware)."""
        app = web.Application(middlewares=[self._json_errors_middleware,
                                           self._faults_middleware])
        app.add_routes([
            web.get("/api/profiles", self._profiles, name="profiles"),
            web.get("/api/home", self._home, name="home"),
            web.get("/api/rows/{row_id}", self._row, name="row"),
            web.get("/api/titles/{title_id}", self._title, name="title"),
            web.get("/api/search", self._search, name="search"),
            web.get("/images/poster/{title_id}.png", self._poster, name="image"),
            web.get("/images/backdrop/{title_id}.jpg", self._backdrop, name="image-backdrop"),
            web.get("/healthz", self._health),
        ])
        if self.fault_control:
            app.add_routes([web.post("/control/faults", self._control_set),
                            web.delete("/control/faults", self._control_clear)])
        return app

    @web.middleware
    async def _json_errors_middleware(self, request: web.Request,
                                      handler: Any) -> web.StreamResponse:
        """Every error answers JSON `{"error": ...}`; a bug is a 500 that says only that."""
        try:
            response: web.StreamResponse = await handler(request)
            return response
        except web.HTTPException as exc:
            if exc.status < 400 or exc.content_type == "application/json":
                raise
            message = exc.text if exc.text and not exc.text.startswith(str(exc.status)) \
                else exc.reason
            raise _error(type(exc), message or exc.reason) from None
        except (asyncio.CancelledError, KeyboardInterrupt, SystemExit):
            raise
        except Exception:
            raise _error(web.HTTPInternalServerError, "internal error") from None

    @web.middleware
    async def _faults_middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        with self._lock:
            self.in_flight += 1
        try:
            return await self._answer(request, handler)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def _answer(self, request: web.Request, handler: Any) -> web.StreamResponse:
        name = request.match_info.route.name
        route = "image" if name == "image-backdrop" else name
        if route in ROUTES:
            try:
                fault = self._take_fault(route, request.path_qs, request.query)
            except ValueError as exc:
                raise _error(web.HTTPBadRequest, f"bad fault parameters: {exc}") from None
            delay = self.latency_ms + (fault.delay_ms if fault else 0.0)
            if delay:
                await asyncio.sleep(delay / 1000.0)
            if fault is not None and fault.hang:
                await asyncio.sleep(HANG_S)
            if fault is not None and fault.status is not None:
                return web.json_response({"error": f"injected failure on {route}"},
                                         status=fault.status)
        response: web.StreamResponse = await handler(request)
        return response

    async def _profiles(self, request: web.Request) -> web.Response:
        return web.json_response({"profiles": [
            {"id": p.id, "name": p.name, "hue": p.hue} for p in self.catalog.profiles]})

    async def _home(self, request: web.Request) -> web.Response:
        profile = request.query.get("profile", "")
        page = self.catalog.home(profile)
        if page is None:
            raise _error(web.HTTPNotFound, f"no profile {_shown(profile)}")
        return web.json_response(page)

    async def _row(self, request: web.Request) -> web.Response:
        row = self.catalog.row(request.match_info["row_id"])
        if row is None:
            raise _error(web.HTTPNotFound, f"no row {_shown(request.match_info['row_id'])}")
        return web.json_response(row)

    def _title_of(self, request: web.Request) -> Any:
        raw = request.match_info["title_id"]
        # str.isdigit() also accepts "²" and other digits int() refuses.
        if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_ID_DIGITS):
            raise _error(web.HTTPNotFound, f"no title {_shown(raw)} (ids are up to "
                                           f"{MAX_ID_DIGITS} ASCII digits)")
        title = self.catalog.titles.get(int(raw))
        if title is None:
            raise _error(web.HTTPNotFound, f"no title {_shown(raw)}")
        return title

    async def _title(self, request: web.Request) -> web.Response:
        return web.json_response(self._title_of(request).details())

    async def _search(self, request: web.Request) -> web.Response:
        query = request.query.get("q", "")
        return web.json_response({"query": query, "results": self.catalog.search(query)})

    async def _poster(self, request: web.Request) -> web.Response:
        body = await asyncio.to_thread(poster_png, self._title_of(request))
        return web.Response(body=body, content_type="image/png")

    async def _backdrop(self, request: web.Request) -> web.Response:
        body = await asyncio.to_thread(backdrop_jpeg, self._title_of(request))
        return web.Response(body=body, content_type="image/jpeg")

    async def _health(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def _control_set(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            raise _error(web.HTTPBadRequest, "bad fault: the body is not JSON") from None
        fields = {f.name for f in dataclasses.fields(Fault)}
        if not isinstance(body, dict) or not isinstance(body.get("route"), str):
            raise _error(web.HTTPBadRequest,
                         'bad fault: expected an object like {"route": "home", "status": 500}')
        unknown = sorted(set(body) - fields - {"route"})
        if unknown:
            raise _error(web.HTTPBadRequest, f"bad fault: unknown fields {_shown(unknown)}; "
                                             f"known: route, {', '.join(sorted(fields))}")
        try:
            self.set_fault(body.pop("route"), **body)
        except ValueError as exc:
            raise _error(web.HTTPBadRequest, f"bad fault: {exc}") from None
        return web.json_response({"ok": True})

    async def _control_clear(self, request: web.Request) -> web.Response:
        try:
            self.clear_faults(request.query.get("route"))
        except ValueError as exc:
            raise _error(web.HTTPBadRequest, f"bad fault: {exc}") from None
        return web.json_response({"ok": True})

    # lifetime ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL, e.g. `http://127.0.0.1:54321` (after `start()`)."""
        if not self.port:
            raise RuntimeError("CatalogService is not started")
        return f"http://{self.host}:{self.port}"

    async def serve(self, ready: threading.Event | None = None) -> None:
        """Serve on the running loop until `stop()` (or cancellation)."""
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        runner = web.AppRunner(self.make_app(), handler_cancellation=True, shutdown_timeout=0.5,
                               access_log=None)
        await runner.setup()
        self._runner = runner
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            server = getattr(site, "_server", None)
            sockets = getattr(server, "sockets", None) or []
            if sockets:
                self.port = sockets[0].getsockname()[1]
            if ready is not None:
                ready.set()
            await self._stop.wait()
        finally:
            await runner.cleanup()

    def start(self, timeout_s: float = 10.0) -> str:
        """Serve on a background thread; returns the base URL.

        Raises:
            RuntimeError: already started, or the server did not come up.
        """
        if self._thread is not None:
            raise RuntimeError("CatalogService already started")
        ready = threading.Event()
        errors: list[BaseException] = []

        def main() -> None:
            try:
                asyncio.run(self.serve(ready))
            except BaseException as exc:  # reported to start() or lost after stop
                errors.append(exc)
                ready.set()

        self._thread = threading.Thread(target=main, name="catalog-service", daemon=True)
        self._thread.start()
        if not ready.wait(timeout_s) or errors:
            raise RuntimeError(f"the catalog service did not start: {errors[:1]!r}")
        return self.url

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop serving (hanging responses are cancelled) and join the thread."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def __enter__(self) -> CatalogService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
