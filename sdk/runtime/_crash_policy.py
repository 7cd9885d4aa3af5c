"""One crash policy for the renderer: recover, but never loop.

Every crash of the engine (while applying a batch, running a frame, painting
its display list, or applying a rebuild; later, a renderer process dying)
goes through one `CrashWindow`. A crash is recovered from (fresh instance,
rebuilt scene) unless it is the `CRASH_LOOP_LIMIT`-th within
`CRASH_LOOP_WINDOW_MS` of *frame time* (the clock the frames run on, so a
virtual clock in tests): then the loop gives up with `RendererCrashLoop`,
which `App.run` raises and the CLI reports with a non-zero exit status. A
trap on every frame would otherwise recover 60 times a second forever, with
the picture frozen and no key reaching the app.
"""

from __future__ import annotations

import struct
from collections import deque

__all__ = ["CRASH_LOOP_LIMIT", "CRASH_LOOP_WINDOW_MS", "CrashWindow", "RendererCrashLoop"]

CRASH_LOOP_LIMIT = 5
"""Crashes within the window that end recovery."""

CRASH_LOOP_WINDOW_MS = 10_000.0
"""The sliding window, in frame-time milliseconds."""

_HEAD = struct.Struct("<Id")
"""A crash loop on the bus: crash count, window ms, then the last reason (UTF-8)."""


class RendererCrashLoop(RuntimeError):
    """The renderer crashed too often to keep recovering; the app stopped.

    Attributes:
        crashes: crashes counted inside the window.
        window_ms: the window's length in frame-time milliseconds.
        last_reason: what the last crash was (the engine's panic or trap).
    """

    def __init__(self, crashes: int, window_ms: float, last_reason: str) -> None:
        self.crashes = crashes
        self.window_ms = window_ms
        self.last_reason = last_reason
        super().__init__(f"the renderer crashed {crashes} times within {window_ms / 1000:g} s "
                         f"of frame time; giving up. Last crash: {last_reason}")

    def encode(self) -> bytes:
        """The bus payload that carries it to the app thread."""
        return _HEAD.pack(self.crashes, self.window_ms) + self.last_reason.encode("utf-8")

    @classmethod
    def decode(cls, payload: bytes | memoryview) -> RendererCrashLoop:
        """The inverse of `encode`."""
        crashes, window_ms = _HEAD.unpack_from(payload)
        return cls(crashes, window_ms, bytes(payload[_HEAD.size:]).decode("utf-8", "replace"))


class CrashWindow:
    """Counts crashes in a sliding window of frame time.

    Args:
        limit: the crash count that ends recovery (>= 1).
        window_ms: the window's length (> 0).

    Raises:
        ValueError: a bad limit or window.
    """

    def __init__(self, limit: int = CRASH_LOOP_LIMIT,
                 window_ms: float = CRASH_LOOP_WINDOW_MS) -> None:
        if limit < 1 or not window_ms > 0:
            raise ValueError(f"a crash window needs limit >= 1 and window_ms > 0, "
                             f"got limit={limit!r}, window_ms={window_ms!r}")
        self.limit = limit
        self.window_ms = window_ms
        self._times: deque[float] = deque(maxlen=limit)

    def record(self, now_ms: float, reason: str) -> None:
        """Counts a crash at frame time `now_ms`.

        Raises:
            RendererCrashLoop: this is the `limit`-th crash within the window.
        """
        times = self._times
        times.append(now_ms)
        while times and times[0] <= now_ms - self.window_ms:
            times.popleft()
        if len(times) >= self.limit:
            raise RendererCrashLoop(len(times), self.window_ms, reason)

    def __len__(self) -> int:
        return len(self._times)
