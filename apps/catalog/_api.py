"""The catalog service's client: JSON over HTTP with aiohttp (cancellable).

The service's answers are data, not trusted: an id taken from JSON is quoted
as one path segment (or query value) before it goes into a URL, so `kids&x=1`
or `../admin` stays a literal id; and an image path (`poster`, `backdrop`)
must be a path on the service (`/images/...`), resolved against the service's
origin only, so a value like `@attacker.example/p.png` or `//cdn.evil/p.png`
cannot change the host. A value that breaks these rules, or a page missing
its fields, is a `CatalogError` naming the request and the field.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

import aiohttp

from signals import Context, create_context

__all__ = ["API", "CatalogApi", "CatalogError", "Page", "RowData", "TitleData"]


class CatalogError(Exception):
    """A request to the catalog service failed; the message names the path and the reason."""


@dataclass(frozen=True)
class TitleData:
    """A title as the app shows it (poster and backdrop are absolute URLs)."""

    id: int
    name: str
    year: int
    genre: str
    poster: str
    backdrop: str = ""
    minutes: int = 0
    rating: str = ""
    synopsis: str = ""


@dataclass(frozen=True)
class RowData:
    """One home row: its id and name; `titles` once loaded."""

    id: str
    name: str
    titles: tuple[TitleData, ...] = ()


@dataclass(frozen=True)
class Page:
    """The home page: a hero and the rows still to load."""

    profile: str
    hero: TitleData
    rows: tuple[RowData, ...]


class CatalogApi:
    """Reads the catalog service at `base_url` (e.g. `http://127.0.0.1:8080`).

    Every request has its own short-lived session, so cancelling a component's
    task cancels its request and leaves nothing open.
    """

    def __init__(self, base_url: str, *, request_timeout_s: float = 30.0) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"catalog base_url must be an http(s) URL with a host, "
                             f"got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        """`scheme://host:port` of the service: image paths resolve against it only."""
        self._timeout = aiohttp.ClientTimeout(total=request_timeout_s)

    def url(self, path: str) -> str:
        """The absolute URL of a service path (the caller quotes what goes into it)."""
        return self.base_url + path

    def image_url(self, path: object) -> str:
        """The absolute URL of an image path from the service's JSON.

        Raises:
            CatalogError: `path` is not a plain absolute path on the service.
        """
        if not isinstance(path, str) or not path.startswith("/") or path.startswith("//") \
                or "\\" in path or any(ord(c) < 0x21 for c in path):
            raise CatalogError(f"image path {_shown(path)} is not a path on the service")
        url = self.origin + urllib.parse.quote(path, safe="/%:@!$&'()*+,;=-._~")
        parts = urllib.parse.urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin or parts.query or parts.fragment:
            raise CatalogError(f"image path {_shown(path)} leaves the service's origin")
        return url

    async def get(self, path: str) -> Any:
        """The JSON at `path`.

        Raises:
            CatalogError: connection failed or an HTTP error status.
        """
        try:
            async with aiohttp.ClientSession(timeout=self._timeout) as session, \
                    session.get(self.url(path)) as response:
                if response.status >= 400:
                    raise CatalogError(f"GET {path}: HTTP {response.status} {response.reason}")
                return await response.json()
        except aiohttp.ClientError as exc:
            raise CatalogError(f"GET {path}: {exc}") from exc

    def _title(self, raw: Any) -> TitleData:
        if not isinstance(raw, dict):
            raise CatalogError(f"a title is not an object: {_shown(raw)}")
        return TitleData(
            id=_field(raw, "id", int), name=_field(raw, "name", str),
            year=_field(raw, "year", int), genre=_field(raw, "genre", str),
            poster=self.image_url(raw.get("poster")),
            backdrop=self.image_url(raw["backdrop"]) if "backdrop" in raw else "",
            minutes=_field(raw, "minutes", int, 0), rating=_field(raw, "rating", str, ""),
            synopsis=_field(raw, "synopsis", str, ""))

    async def _parse(self, path: str, parse: Any) -> Any:
        """`parse(json of path)`, turning malformed data into a `CatalogError` naming `path`."""
        data = await self.get(path)
        try:
            return parse(data)
        except CatalogError as exc:
            raise CatalogError(f"GET {path}: {exc}") from None
        except (KeyError, TypeError, AttributeError) as exc:
            raise CatalogError(f"GET {path}: malformed answer ({type(exc).__name__}: "
                               f"{_shown(exc)})") from None

    async def profiles(self) -> list[dict[str, Any]]:
        """The viewer profiles (`id`, `name`, `hue`)."""
        def parse(data: Any) -> list[dict[str, Any]]:
            profiles = data["profiles"]
            if not isinstance(profiles, list) or not all(isinstance(p, dict) for p in profiles):
                raise CatalogError("profiles is not a list of objects")
            return profiles
        result: list[dict[str, Any]] = await self._parse("/api/profiles", parse)
        return result

    async def home(self, profile: str) -> Page:
        """The home page of `profile`."""
        query = urllib.parse.urlencode({"profile": profile})
        page: Page = await self._parse(f"/api/home?{query}", lambda data: Page(
            profile, self._title(data["hero"]),
            tuple(RowData(_field(r, "id", str), _field(r, "name", str)) for r in data["rows"])))
        return page

    async def row(self, row_id: str) -> RowData:
        """One row with its titles."""
        row: RowData = await self._parse(f"/api/rows/{_segment(row_id)}", lambda data: RowData(
            _field(data, "id", str), _field(data, "name", str),
            tuple(self._title(t) for t in data["titles"])))
        return row

    async def search(self, query: str) -> tuple[TitleData, ...]:
        """The titles whose name or genre contains `query` (the service decides)."""
        path = f"/api/search?{urllib.parse.urlencode({'q': query})}"
        found: tuple[TitleData, ...] = await self._parse(path, lambda data: tuple(
            self._title(t) for t in data["results"]))
        return found

    async def title(self, title_id: int) -> TitleData:
        """A title's details."""
        title: TitleData = await self._parse(f"/api/titles/{_segment(title_id)}", self._title)
        return title


def _segment(value: object) -> str:
    """`value` as exactly one URL path segment (`/`, `?`, `&`, `%` and `..` stay literal)."""
    text = str(value)
    if text in ("", ".", ".."):
        raise CatalogError(f"{_shown(value)} is not a usable id")
    return urllib.parse.quote(text, safe="")


def _field(raw: Any, name: str, kind: type, default: Any = ...) -> Any:
    """`raw[name]` checked to be a `kind` (bool is not an int here)."""
    if not isinstance(raw, dict):
        raise CatalogError(f"expected an object with {name!r}, got {_shown(raw)}")
    if name not in raw and default is not ...:
        return default
    value = raw[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CatalogError(f"field {name!r} should be {kind.__name__}, got {_shown(value)}")
    return value


def _shown(value: object) -> str:
    """A short repr of untrusted data for a message."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


API: Context[CatalogApi | None] = create_context(None, "catalog-api")
"""The app's client, provided by `CatalogApp`."""
