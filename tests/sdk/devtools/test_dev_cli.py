"""`python -m sdk dev` as a developer runs it: a process, real time, the file watcher,
the browser preview's server and `--inspect-port`; saves reload it, a broken save
does not end it, SIGTERM does."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from devtools_kit import COUNTER_APP

from sdk.devtools import fetch_inspect

REPO = Path(__file__).resolve().parents[3]


def wait_for(what: str, check: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_dev_reloads_on_save_survives_a_broken_save_and_stops_on_sigterm(
        app_package: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(app_package.parent), str(REPO)]),
           "MARQUEE_PURE": os.environ.get("MARQUEE_PURE", "")}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "sdk", "dev", f"{app_package.name}.app", "--port", "0",
         "--inspect-port", "0"], cwd=app_package.parent, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        lines: list[str] = []
        port = None
        while port is None:
            line = process.stdout.readline()
            assert line, "dev ended early:\n" + "".join(lines)
            lines.append(line)
            found = re.search(r"inspect --port (\d+)", line)
            port = int(found.group(1)) if found else None
        assert "browser preview on http://127.0.0.1:" in "".join(lines)

        def scene() -> str:
            return fetch_inspect(port, "scene")["scene"]

        wait_for("the first frame", lambda: '"Count 0"' in scene())
        path = app_package / "app.py"
        path.write_text(COUNTER_APP.replace('LABEL = "Count"', 'LABEL = "Saved"'))
        wait_for("the reload", lambda: '"Saved 0"' in scene())
        path.write_text(COUNTER_APP.replace("def Home()", "def Home(:"))
        wait_for("the error overlay", lambda: "SyntaxError" in scene())
        assert '"Saved 0"' in scene()  # the previous version keeps running
        path.write_text(COUNTER_APP.replace('LABEL = "Count"', 'LABEL = "Fixed"'))
        wait_for("the fix", lambda: '"Fixed 0"' in scene() and "SyntaxError" not in scene())
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
