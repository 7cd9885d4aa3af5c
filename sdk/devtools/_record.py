"""`record MODULE --keys ... --out FILE`: a scripted remote-control run as a video.

The run is the stepped mode of `run --headless --frames` (an `App` on a
`VirtualClock`, offscreen), so it is deterministic: the same module and keys
give the same frames on any machine. It runs

1. `lead_in` frames (the first screen settles),
2. the key script (`_keyscript`: each press, then its gap; each wait),
3. `tail_ms` of frames (the last move finishes),

and every frame the renderer presents goes through the App's `frame_sink`
into the `VideoWriter` (one encoder thread), so the file has exactly as many
frames as the run. A GIF runs the App on a 20 ms frame grid (50 fps) instead
of 16.7 ms: its frames are still the run's frames, one for one, and
animations keep their real durations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from async_tasks import VirtualClock

from ..reconciler import Element
from ..runtime import App, Screenshot
from ._keyscript import KeyScript, frames_for, play
from ._progress import Progress
from ._video import VideoError, VideoWriter, fps_for

__all__ = ["RecordResult", "record"]

LEAD_IN_FRAMES = 30
TAIL_MS = 500.0


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What a recording wrote."""

    path: Path
    frames: int
    """Frames the App ran (and the file holds)."""
    fps: float
    size: tuple[int, int]

    @property
    def seconds(self) -> float:
        """The video's length."""
        return self.frames / self.fps


async def record(element: Element, script: KeyScript, out: Path, *,
                 size: tuple[int, int] = (1920, 1080), lead_in: int = LEAD_IN_FRAMES,
                 tail_ms: float = TAIL_MS, progress: bool = True) -> RecordResult:
    """Runs `element` on virtual time, plays `script` and writes every frame to `out`.

    Raises:
        VideoError: `out` is not .mp4/.gif, imageio-ffmpeg is missing or ffmpeg failed.
    """
    fps = fps_for(out)
    interval_ms = 1000.0 / fps
    total = lead_in + script.frames(interval_ms) + frames_for(tail_ms, interval_ms)
    meter = Progress(f"recording {out}", total) if progress else None
    writer = VideoWriter(out, size)
    ran = 0

    def sink(_number: int, shot: Screenshot) -> None:
        writer.write(shot.rgba)
        if meter is not None:
            meter.advance()

    try:
        app = App(element, size, clock=VirtualClock(), headless=True, frame_sink=sink,
                  watchdog_ms=None)
        app.frame_interval_ms = interval_ms
        async with app:
            if lead_in:
                await app.frame(lead_in)
                ran += lead_in
            ran += await play(app, script)
            tail = frames_for(tail_ms, interval_ms)
            if tail:
                await app.frame(tail)
                ran += tail
    finally:
        written = writer.close()
        if meter is not None:
            meter.finish()
    if written != ran:
        raise VideoError(f"the run had {ran} frames but {written} reached the video")
    return RecordResult(out, ran, fps, size)
