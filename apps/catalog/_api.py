"""The catalog service's client: JSON over HTTP with aiohttp (cancellable)."""

from __future__ import annotations

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
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=request_timeout_s)

    def url(self, path: str) -> str:
        """The absolute URL of a service path."""
        return self.base_url + path

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

    def _title(self, raw: dict[str, Any]) -> TitleData:
        return TitleData(
            id=raw["id"], name=raw["name"], year=raw["year"], genre=raw["genre"],
            poster=self.url(raw["poster"]),
            backdrop=self.url(raw["backdrop"]) if "backdrop" in raw else "",
            minutes=raw.get("minutes", 0), rating=raw.get("rating", ""),
            synopsis=raw.get("synopsis", ""))

    async def profiles(self) -> list[dict[str, Any]]:
        """The viewer profiles (`id`, `name`, `hue`)."""
        data = await self.get("/api/profiles")
        profiles: list[dict[str, Any]] = data["profiles"]
        return profiles

    async def home(self, profile: str) -> Page:
        """The home page of `profile`."""
        data = await self.get(f"/api/home?profile={profile}")
        return Page(profile, self._title(data["hero"]),
                    tuple(RowData(r["id"], r["name"]) for r in data["rows"]))

    async def row(self, row_id: str) -> RowData:
        """One row with its titles."""
        data = await self.get(f"/api/rows/{row_id}")
        return RowData(data["id"], data["name"],
                       tuple(self._title(t) for t in data["titles"]))

    async def title(self, title_id: int) -> TitleData:
        """A title's details."""
        return self._title(await self.get(f"/api/titles/{title_id}"))


API: Context[CatalogApi | None] = create_context(None, "catalog-api")
"""The app's client, provided by `CatalogApp`."""
