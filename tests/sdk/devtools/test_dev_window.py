"""`dev` opens a window when there is a display (a private Xvfb here), and a save
reloads the app in it; the window's F2 is the inspector key."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from devtools_kit import COUNTER_APP

from sdk.devtools import DevSession, run_dev


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private Xvfb server; DISPLAY points at it for the test."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (./dev setup installs xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display number")
        monkeypatch.setenv("DISPLAY", f":{number}")
        monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


async def test_dev_runs_in_a_window_when_there_is_a_display(x_display: str,
                                                            app_package: Path) -> None:
    seen: dict[str, object] = {}

    async def drive(session: DevSession, server: object) -> None:
        app = session.app
        assert app is not None
        try:
            seen["server"], seen["headless"] = server, app.headless
            for _ in range(200):
                if '"Count 0"' in await app.dump():
                    break
                await asyncio.sleep(0.02)
            (app_package / "app.py").write_text(
                COUNTER_APP.replace('LABEL = "Count"', 'LABEL = "Window"'))
            for _ in range(200):
                seen["dump"] = await app.dump()
                if '"Window 0"' in str(seen["dump"]):
                    break
                await asyncio.sleep(0.02)
        finally:
            app.stop()

    await asyncio.wait_for(run_dev(f"{app_package.name}.app", size=(320, 180), on_ready=drive),
                           60)
    assert seen["server"] is None  # no browser preview: a window
    assert seen["headless"] is False
    assert '"Window 0"' in str(seen["dump"])
