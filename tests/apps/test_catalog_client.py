"""The catalog client does not trust the service's data: ids are escaped, images stay on the origin.

Against the real catalog service (ids that would inject query parameters),
and a real local HTTP server answering hostile JSON (posters naming other
hosts, fields of the wrong type).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from apps.catalog._api import CatalogApi, CatalogError


class Hostile:
    """Answers every GET with `self.body` (JSON), recording the raw request paths."""

    def __init__(self) -> None:
        self.body: Any = {}
        self.paths: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.paths.append(self.path)
                data = json.dumps(owner.body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def hostile() -> Iterator[Hostile]:
    server = Hostile()
    yield server
    server.close()


def title(**changes: Any) -> dict[str, Any]:
    raw = {"id": 1, "name": "A", "year": 2001, "genre": "Drama",
           "poster": "/images/poster/1.png"}
    raw.update(changes)
    return raw


def test_ids_from_data_cannot_add_query_parameters(service: Any) -> None:
    api = CatalogApi(service.url)
    # Unescaped, these would reach the service's fault switches (`fail=503`).
    with pytest.raises(CatalogError, match=r"HTTP 404"):
        asyncio.run(api.home("ana&fail=503"))
    with pytest.raises(CatalogError, match=r"HTTP 404"):
        asyncio.run(api.row("new?fail=503"))
    with pytest.raises(CatalogError, match=r"is not a usable id"):
        asyncio.run(api.row(".."))
    assert asyncio.run(api.row("new")).id == "new"


def test_ids_are_sent_as_one_escaped_path_segment(hostile: Hostile) -> None:
    hostile.body = {"id": "x", "name": "X", "titles": []}
    hostile.paths.clear()
    api = CatalogApi(hostile.url)
    asyncio.run(api.row("kids&hang=1/../#x"))
    hostile.body = {"profile": "p", "hero": title(), "rows": []}
    asyncio.run(api.home("kids&hang=1"))
    # `&` and `=` are plain characters in a path (aiohttp sends them unescaped
    # there); `/`, `#` and `?` are escaped, so the id stays one segment.
    assert hostile.paths == ["/api/rows/kids&hang=1%2F..%2F%23x",
                             "/api/home?profile=kids%26hang%3D1"]


@pytest.mark.parametrize("poster", [
    "@attacker.example/p.png", "//attacker.example/p.png", "http://attacker.example/p.png",
    "images/p.png", "/\\attacker.example/p.png", "/a b.png", 7, None,
])
def test_a_poster_that_is_not_a_path_on_the_service_is_refused(hostile: Hostile,
                                                                poster: Any) -> None:
    hostile.body = {"id": "x", "name": "X", "titles": [title(poster=poster)]}
    with pytest.raises(CatalogError, match=r"GET /api/rows/x: image path .* is not a path"):
        asyncio.run(CatalogApi(hostile.url).row("x"))


def test_poster_paths_resolve_against_the_service_origin_only(hostile: Hostile) -> None:
    hostile.body = title(poster="/images/poster/1.png?x#y", backdrop="/images/b@1.jpg")
    details = asyncio.run(CatalogApi(hostile.url + "/catalog/").title(1))
    assert details.poster == hostile.url + "/images/poster/1.png%3Fx%23y"
    assert details.backdrop == hostile.url + "/images/b@1.jpg"


@pytest.mark.parametrize(("body", "reason"), [
    (title(id="1"), "field 'id' should be int, got '1'"),
    (title(year=True), "field 'year' should be int, got True"),
    (title(name=None), "field 'name' should be str, got None"),
    ([1, 2], "a title is not an object"),
    (None, "a title is not an object"),
])
def test_malformed_titles_are_catalog_errors_naming_the_field(hostile: Hostile, body: Any,
                                                              reason: str) -> None:
    hostile.body = body
    with pytest.raises(CatalogError) as caught:
        asyncio.run(CatalogApi(hostile.url).title(1))
    assert str(caught.value).startswith("GET /api/titles/1: ") and reason in str(caught.value)


def test_a_base_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(ValueError, match="must be an http"):
        CatalogApi("file:///etc")
