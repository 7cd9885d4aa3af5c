"""The hello app (see the package docstring): the component model at work."""

from __future__ import annotations

import random
from dataclasses import dataclass

from async_tasks import interval
from components import Button, Column, Row, Text, View
from sdk import Element, For, Key, KeyAction, KeyEvent, component, use_effect, use_memo, use_signal

TITLES = [
    "Dune", "Arrival", "Heat", "Alien", "Amélie", "Up", "Her", "Rocky", "Jaws", "Psycho",
    "Vertigo", "Tenet", "Brazil", "Fargo", "Gravity", "Memento",
]
SHUFFLE_KEY = int(Key.DIGIT_1)
INSERT_KEY = int(Key.DIGIT_2)
REMOVE_KEY = int(Key.DIGIT_3)


@dataclass(frozen=True)
class Title:
    """One list entry: a stable id (the key) and its name."""

    id: int
    name: str


@component
def Counter(start: int = 0) -> Element:
    """A number and a button that increments it (a signal, a reactive text)."""
    count = use_signal(start)
    return Column(
        Text(lambda: f"Pressed {count()} times", size=44, test_id="count"),
        Button("Press me", on_press=lambda: count.update(lambda n: n + 1), test_id="press"),
        gap=24,
    )


@component
def Ticker() -> Element:
    """Seconds since start, ticking on the runtime's clock (virtual in tests)."""
    seconds = use_signal(0)
    use_effect(lambda: interval(1000, lambda: seconds.update(lambda s: s + 1)))

    def text() -> str:
        s = seconds()
        return f"Clock {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"

    return Text(text, size=44, test_id="clock")


@component
def Titles() -> Element:
    """A keyed list: shuffle, insert and remove move, create and remove rows only."""
    rng = use_memo(lambda: random.Random(7))
    next_id = use_memo(lambda: [len(TITLES[:6]) + 1])
    items = use_signal([Title(i + 1, name) for i, name in enumerate(TITLES[:6])])

    def shuffle() -> None:
        shuffled = list(items.peek())
        rng.shuffle(shuffled)
        items.set(shuffled)

    def insert() -> None:
        name = TITLES[(next_id[0] - 1) % len(TITLES)]
        at = rng.randrange(len(items.peek()) + 1)
        new = list(items.peek())
        new.insert(at, Title(next_id[0], name))
        next_id[0] += 1
        items.set(new)

    def remove() -> None:
        if items.peek():
            new = list(items.peek())
            del new[rng.randrange(len(new))]
            items.set(new)

    actions = {SHUFFLE_KEY: shuffle, INSERT_KEY: insert, REMOVE_KEY: remove}

    def on_key(event: KeyEvent) -> bool:
        action = actions.get(event.key)
        if action is None or event.action != KeyAction.DOWN:
            return False
        action()
        return True

    return Column(
        Row(
            Button("Shuffle (1)", on_press=shuffle, test_id="shuffle"),
            Button("Insert (2)", on_press=insert, test_id="insert"),
            Button("Remove (3)", on_press=remove, test_id="remove"),
            gap=24,
        ),
        Row(
            For(each=items, key=lambda t: t.id, render=_card),
            gap=16, wrap="wrap",
        ),
        gap=32, on_key=on_key,
    )


def _card(title: Title) -> Element:
    return View(
        Text(title.name, size=30, max_lines=1),
        Text(f"#{title.id}", size=22, color="#9aa4b8"),
        width=200, height=120, padding=16, radius=12, background="#2a3142",
        direction="column", justify="space-between", test_id=f"title-{title.id}",
    )


@component
def Hello() -> Element:
    """The whole screen."""
    return Column(
        Text("Hello, Marquee", size=64, test_id="heading", role="heading"),
        Row(Counter(start=0), Ticker(), gap=120, align="start"),
        Titles(),
        width="100%", height="100%", padding=(54, 96), gap=48, background="#12151d",
    )


def root() -> Element:
    """The app's root element (the CLI's convention)."""
    return Hello()
