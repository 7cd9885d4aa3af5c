"""The demo catalog: profiles, titles and rows, generated from a fixed seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

__all__ = ["CATALOG", "Catalog", "Profile", "Row", "Title"]

_FIRST = ["Silent", "Crimson", "Last", "Hidden", "Electric", "Northern", "Broken", "Golden",
          "Midnight", "Paper", "Iron", "Distant", "Velvet", "Hollow", "Bright", "Wild"]
_SECOND = ["Harbor", "Signal", "Orchard", "Frontier", "Garden", "Empire", "River", "Station",
           "Summer", "Machine", "Horizon", "Letters", "Kingdom", "Tide", "Circuit", "Canyon"]
_GENRES = ["Drama", "Sci-Fi", "Comedy", "Thriller", "Documentary", "Animation", "Adventure",
           "Mystery"]
_SYNOPSIS = [
    "A reluctant hero is pulled back for one last job that changes everything.",
    "Two strangers share a long night and a secret neither can keep.",
    "On the edge of the map, a small crew finds what the world forgot.",
    "A family business, a missing fortune and a summer that will not end.",
    "When the signal goes quiet, a town has to learn to listen again.",
    "An engineer builds the machine that could save her city, or end it.",
]
TITLE_COUNT = 48


@dataclass(frozen=True)
class Title:
    """One title of the catalog."""

    id: int
    name: str
    year: int
    genre: str
    minutes: int
    rating: str
    synopsis: str
    hue: float
    """Poster colour (degrees), so each title is recognisable."""

    def summary(self) -> dict[str, Any]:
        """What a rail needs (JSON)."""
        return {"id": self.id, "name": self.name, "year": self.year, "genre": self.genre,
                "poster": f"/images/poster/{self.id}.png"}

    def details(self) -> dict[str, Any]:
        """What the details page needs (JSON)."""
        return {**self.summary(), "minutes": self.minutes, "rating": self.rating,
                "synopsis": self.synopsis, "backdrop": f"/images/backdrop/{self.id}.jpg"}


@dataclass(frozen=True)
class Profile:
    """A viewer profile."""

    id: str
    name: str
    hue: float


@dataclass(frozen=True)
class Row:
    """A row of the home page."""

    id: str
    name: str
    title_ids: tuple[int, ...]


class Catalog:
    """Everything the service serves, derived from `seed`."""

    def __init__(self, seed: int = 2026) -> None:
        rng = random.Random(seed)
        names: list[str] = []
        while len(names) < TITLE_COUNT:
            name = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
            if name not in names:
                names.append(name)
        self.titles = {
            i + 1: Title(i + 1, name, rng.randint(1979, 2026), rng.choice(_GENRES),
                         rng.randint(84, 162), rng.choice(["G", "PG", "PG-13", "R"]),
                         rng.choice(_SYNOPSIS), rng.uniform(0.0, 360.0))
            for i, name in enumerate(names)
        }
        self.profiles = [Profile("ana", "Ana", 210.0), Profile("ben", "Ben", 20.0),
                         Profile("kids", "Kids", 120.0)]
        ids = list(self.titles)
        self.rows: dict[str, Row] = {}
        for row_id, name in [("trending", "Trending now"), ("new", "New releases"),
                             ("picks", "Picked for you"), ("docs", "Documentaries")]:
            rng.shuffle(ids)
            self.rows[row_id] = Row(row_id, name, tuple(ids[:16]))

    def home(self, profile: str) -> dict[str, Any] | None:
        """The home page of `profile`: a hero and the rows (ids and names only)."""
        if not any(p.id == profile for p in self.profiles):
            return None
        rows = list(self.rows.values())
        if profile == "kids":
            rows = rows[1:3]
        hero = self.titles[rows[0].title_ids[0]]
        return {"profile": profile, "hero": hero.details(),
                "rows": [{"id": r.id, "name": r.name} for r in rows]}

    def row(self, row_id: str) -> dict[str, Any] | None:
        """One row with its titles."""
        row = self.rows.get(row_id)
        if row is None:
            return None
        return {"id": row.id, "name": row.name,
                "titles": [self.titles[i].summary() for i in row.title_ids]}

    def search(self, query: str) -> list[dict[str, Any]]:
        """Titles whose name or genre contains `query` (case-insensitive)."""
        q = query.strip().lower()
        if not q:
            return []
        return [t.summary() for t in self.titles.values()
                if q in t.name.lower() or q in t.genre.lower()]


CATALOG = Catalog()
