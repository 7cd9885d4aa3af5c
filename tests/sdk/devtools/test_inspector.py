"""The inspector overlay (F2 in the dev loop) and `inspect` against `--inspect-port`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from async_tasks import VirtualClock
from sdk._cli import main
from sdk.devtools import (
    DEV_EXTRA_KEYS,
    DevSession,
    InspectServer,
    collect_inspector,
    fetch_inspect,
    parse_dump,
    screen_boxes,
)
from sdk.runtime import App


@pytest.fixture
async def dev(app_package: Path) -> AsyncIterator[tuple[DevSession, App]]:
    session = DevSession(f"{app_package.name}.app")
    session.load()
    app = App(session.shell(), (480, 270), clock=VirtualClock(), extra_keys=DEV_EXTRA_KEYS)
    async with app:
        session.app = app
        await app.frame(2)
        app.press("down")
        await app.frame(3)
        yield session, app


async def test_f2_toggles_the_inspector_layer(dev: tuple[DevSession, App]) -> None:
    session, app = dev
    assert "marquee-devtools-inspector" not in await app.dump()
    app.press("f2")
    await app.frame(2)
    session.inspector.set(await collect_inspector(app, session.slot))
    await app.frame(2)
    dump = await app.dump()
    assert 'test_id="marquee-devtools-inspector"' in dump
    focus = next(n for n in parse_dump(dump) if n.prop("test_id") == "marquee-devtools-focus-path")
    assert focus.text is not None and 'button "Add"' in focus.text
    layer = next(n for n in parse_dump(dump) if n.prop("test_id") == "marquee-devtools-layer")
    flags = [n.rest.rsplit('"', 1)[-1] for n in layer.walk()]  # what follows the last string
    assert not any("focusable" in f for f in flags)  # the app's focus never lands on it
    app.press("f2")
    await app.frame(2)
    assert "marquee-devtools" not in (await app.dump()).replace("marquee-devtools-shell", "")


async def test_the_inspector_reports_timings_focus_counts_and_memory(
        dev: tuple[DevSession, App]) -> None:
    session, app = dev
    await app.frame(5)
    data = await collect_inspector(app, session.slot)
    assert len(data.timings) >= 5
    assert all(len(t) == 4 and min(t) >= 0 for t in data.timings)  # apply, frame, paint, present
    assert data.focus_path[-1] == 'button "Add"'
    assert data.focused_box is not None and data.focused_box[2] > 0
    assert "focusable" in data.focused_props
    assert data.nodes > 8 and data.components >= 2  # Home, Counter (widgets are functions)
    assert data.wasm_bytes >= 1 << 16
    assert data.images_budget > 0
    assert len(data.outlines) == data.nodes - 2  # every node under the root and the shell


async def test_inspect_prints_the_scene_and_the_components_with_their_signals(
        dev: tuple[DevSession, App], capsys: pytest.CaptureFixture[str]) -> None:
    session, app = dev
    app.press("select")
    await app.frame(3)
    server = InspectServer(app, session, 0)
    await server.start()
    try:
        both = await asyncio.to_thread(fetch_inspect, server.port)
        status = await asyncio.to_thread(main, ["inspect", "--port", str(server.port)])
    finally:
        await server.close()
    assert '"Count 1"' in both["scene"] and "focused" in both["scene"]
    tree = both["components"].splitlines()
    assert tree[0] == "Home"
    counter = next(line for line in tree if line.strip().startswith("Counter"))
    assert counter.startswith("  Counter")  # one level under Home
    assert "state: use_signal[0]=1" in counter
    assert counter.endswith("reads: Counter.use_signal[0]=1")
    assert status == 0
    out = capsys.readouterr().out
    assert "scene (the engine's dump):" in out and "components (and the signals" in out


def test_inspect_without_a_dev_loop_says_how_to_start_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--port", "9"]) == 2
    assert "--inspect-port 9" in capsys.readouterr().err


def test_screen_boxes_follow_scroll_offsets_and_translations() -> None:
    dump = "\n".join([
        "#1 view [0,0 100x100]",
        "  #2 view [10,10 80x20] overflow=scroll scroll_x=30",
        "    #3 view [10,10 40x20] translate_y=5",
        "      #4 text [12,12 10x10] \"a\"",
        "  #5 view [0,50 10x10]",
    ])
    boxes = screen_boxes(parse_dump(dump))
    assert boxes[2] == (10, 10, 80, 20)  # a scroller itself does not move
    assert boxes[3] == (-20, 15, 40, 20)  # its content moves left by 30; own translate
    assert boxes[4] == (-18, 17, 10, 10)  # and everything inside
    assert boxes[5] == (0, 50, 10, 10)
