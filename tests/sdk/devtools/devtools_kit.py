"""What the developer tools' tests share: a small app's source."""

from __future__ import annotations

import textwrap

COUNTER_APP = textwrap.dedent('''
    """A tiny app: a counter button and a row of three tiles."""
    from components import Button, Column, Row, Text
    from sdk import Element, component, use_signal

    LABEL = "Count"

    @component
    def Counter() -> Element:
        count = use_signal(0)
        return Column(
            Text(f"{LABEL} {count()}", size=48, test_id="count"),  # read in the render
            Button("Add", on_press=lambda: count.update(lambda n: n + 1), test_id="add"),
            gap=24,
        )

    @component
    def Home() -> Element:
        return Column(
            Counter(),
            Row(*(Button(f"Tile {i}", test_id=f"tile-{i}") for i in range(3)), gap=24),
            gap=48, padding=96, background="#12151d", width="100%", height="100%",
        )

    def root() -> Element:
        return Home()
''')

NAV_APP = textwrap.dedent('''
    """Pages: a menu that opens a details page with a counter."""
    from components import Button, Column, Text
    from sdk import Element, Navigator, component, use_navigator, use_signal

    TITLE = "Details"

    @component
    def Details(number: int) -> Element:
        likes = use_signal(0)
        return Column(
            Text(f"{TITLE} {number}: {likes()} likes", size=48, test_id="details"),
            Button("Like", on_press=lambda: likes.update(lambda n: n + 1), test_id="like"),
        )

    @component
    def Menu() -> Element:
        nav = use_navigator()
        return Column(
            Text("Menu", size=48),
            Button("Open 7", on_press=lambda: nav.push(Details(number=7)), test_id="open"),
        )

    def root() -> Element:
        return Navigator(home=Menu())
''')
