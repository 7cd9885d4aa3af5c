"""A private Xvfb server for the windowed presenter (as tests/sdk/test_runtime_window.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["XvfbUnavailable", "xvfb"]


class XvfbUnavailable(RuntimeError):
    """Xvfb could not start (the message says why)."""


@contextmanager
def xvfb(width: int = 1920, height: int = 1080) -> Iterator[str]:
    """Runs Xvfb with one `width` x `height` screen; `$DISPLAY` points at it inside.

    Raises:
        XvfbUnavailable: Xvfb is not installed or did not report a display.
    """
    if shutil.which("Xvfb") is None:
        raise XvfbUnavailable("Xvfb is not installed (./dev setup installs xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
         "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    saved = {name: os.environ.get(name) for name in ("DISPLAY", "SDL_VIDEODRIVER")}
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()  # written once Xvfb accepts clients
        if not number:
            raise XvfbUnavailable(f"Xvfb exited (status {server.poll()}) without a display")
        os.environ["DISPLAY"] = f":{number}"
        os.environ.pop("SDL_VIDEODRIVER", None)
        yield os.environ["DISPLAY"]
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.terminate()
        server.wait(timeout=10)
