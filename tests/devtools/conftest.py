"""Fixtures for the developer tools: a small app written to disk, importable."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

COUNTER_APP = textwrap.dedent('''
    """A tiny app: a counter button and a row of three tiles."""
    from components import Button, Column, Row, Text
    from sdk import Element, component, use_signal

    LABEL = "Count"

    @component
    def Counter() -> Element:
        count = use_signal(0)
        return Column(
            Text(lambda: f"{LABEL} {count()}", size=48, test_id="count"),
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


@pytest.fixture
def app_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A package `devtools_demo_<n>` on sys.path with `app.py` = COUNTER_APP; yields its dir."""
    name = f"devtools_demo_{abs(hash(tmp_path)) % 10**8}"
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "app.py").write_text(COUNTER_APP)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
