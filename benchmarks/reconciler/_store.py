"""The row store of the benchmark (vanillajs `Store` semantics, seeded randomness).

Ids come from a counter that starts at 1 and is never reset (one store is
one page). Labels are `adjective colour noun` drawn as upstream does
(`round(random() * 1000) % len`), from a seeded generator so both apps and
every run see the same labels. Rows are immutable; every operation replaces
`data` with a new list, so an app can tell the old list from the new one.
"""

from __future__ import annotations

import random
from typing import NamedTuple

ADJECTIVES = ("pretty", "large", "big", "small", "tall", "short", "long", "handsome", "plain",
              "quaint", "clean", "elegant", "easy", "angry", "crazy", "helpful", "mushy", "odd",
              "unsightly", "adorable", "important", "inexpensive", "cheap", "expensive", "fancy")
COLOURS = ("red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white",
           "black", "orange")
NOUNS = ("table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich",
         "burger", "pizza", "mouse", "keyboard")
SUFFIX = " !!!"


class Row(NamedTuple):
    """One table row."""

    id: int
    label: str


class Store:
    """The table's data and its selection."""

    def __init__(self, seed: int = 0) -> None:
        self._random = random.Random(seed)
        self._next_id = 1
        self.data: list[Row] = []
        self.selected = 0

    def _pick(self, words: tuple[str, ...]) -> str:
        return words[round(self._random.random() * 1000) % len(words)]

    def build(self, count: int) -> list[Row]:
        """`count` new rows with fresh ids."""
        first = self._next_id
        self._next_id += count
        pick = self._pick
        return [Row(i, f"{pick(ADJECTIVES)} {pick(COLOURS)} {pick(NOUNS)}")
                for i in range(first, first + count)]

    def run(self, count: int = 1000) -> None:
        """Replace the rows with `count` new ones and clear the selection."""
        self.data = self.build(count)
        self.selected = 0

    def run_lots(self) -> None:
        """Replace the rows with 10,000 new ones."""
        self.run(10_000)

    def add(self, count: int = 1000) -> None:
        """Append `count` new rows."""
        self.data = self.data + self.build(count)

    def update(self) -> None:
        """Append " !!!" to the label of every 10th row (0, 10, 20, ...)."""
        data = self.data[:]
        for i in range(0, len(data), 10):
            row = data[i]
            data[i] = Row(row.id, row.label + SUFFIX)
        self.data = data

    def select(self, row_id: int) -> None:
        """Make `row_id` the selected row."""
        self.selected = row_id

    def delete(self, row_id: int) -> int:
        """Remove the row `row_id`; returns the index it had."""
        index = next(i for i, row in enumerate(self.data) if row.id == row_id)
        self.data = self.data[:index] + self.data[index + 1:]
        return index

    def clear(self) -> None:
        """Remove every row."""
        self.data = []
        self.selected = 0

    def swap_rows(self) -> bool:
        """Swap rows 1 and 998 (when there are more than 998); returns whether it did."""
        if len(self.data) <= 998:
            return False
        data = self.data[:]
        data[1], data[998] = data[998], data[1]
        self.data = data
        return True
