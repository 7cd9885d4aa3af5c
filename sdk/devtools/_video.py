"""Video files through imageio-ffmpeg (which ships its own ffmpeg binary).

The one module that imports `imageio_ffmpeg` (untyped); it is an optional
dependency (the `devtools` extra), imported when a video is first written or
read, so the SDK runs without it.

- MP4: H.264 (`libx264`, yuv420p, `+faststart`) at 60 fps.
- GIF: 50 fps (GIF delays are whole centiseconds, so 60 fps cannot be said),
  one palette per frame (`palettegen=stats_mode=single` + `paletteuse=new=1`),
  streamed: ffmpeg never holds the whole clip.

`VideoWriter` takes frames on the caller's thread and hands them to one
worker thread that feeds ffmpeg, with at most `max_pending` frames in flight
(back-pressure instead of piling frames up in memory).
"""

from __future__ import annotations

import importlib
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "VideoError", "VideoWriter", "read_video"]

FORMATS = {".mp4": 60.0, ".gif": 50.0}
"""Supported output suffixes and their frame rates."""


class VideoError(RuntimeError):
    """A video cannot be written or read (no imageio-ffmpeg, ffmpeg failed)."""


def _ffmpeg() -> Any:
    try:
        return importlib.import_module("imageio_ffmpeg")
    except ImportError:
        raise VideoError("recording needs imageio-ffmpeg: pip install 'marquee-ui[devtools]' "
                         "(or run ./dev setup)") from None


def fps_for(path: Path) -> float:
    """The frame rate of a file by its suffix.

    Raises:
        VideoError: the suffix is neither .mp4 nor .gif.
    """
    fps = FORMATS.get(path.suffix.lower())
    if fps is None:
        raise VideoError(f"cannot record to {path.name!r}: the file must end in .mp4 or .gif")
    return fps


class VideoWriter:
    """Writes RGBA frames of one size into an MP4 or GIF at `path`."""

    def __init__(self, path: Path, size: tuple[int, int], *, max_pending: int = 8) -> None:
        self.path = path
        self.fps = fps_for(path)
        self.size = size
        self.frames = 0
        """Frames handed to ffmpeg so far."""
        ffmpeg = _ffmpeg()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".gif":
            options: dict[str, Any] = {
                "codec": "gif", "pix_fmt_out": "pal8", "quality": None, "macro_block_size": 1,
                "output_params": ["-filter_complex",
                                  "split[a][b];[a]palettegen=stats_mode=single[p];"
                                  "[b][p]paletteuse=new=1"]}
        else:
            options = {"codec": "libx264", "pix_fmt_out": "yuv420p", "quality": 8,
                       "macro_block_size": 2, "output_params": ["-movflags", "+faststart"]}
        self._gen = ffmpeg.write_frames(str(path), size, pix_fmt_in="rgba", fps=self.fps,
                                        ffmpeg_log_level="error", **options)
        self._gen.send(None)  # starts ffmpeg
        self._queue: queue.Queue[bytes | None] = queue.Queue(max_pending)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="marquee-video", daemon=True)
        self._thread.start()
        self._closed = False

    def _work(self) -> None:
        while True:
            frame = self._queue.get()
            if frame is None:
                return
            if self._error is not None:
                continue
            try:
                self._gen.send(frame)
                self.frames += 1
            except BaseException as exc:
                self._error = exc

    def write(self, rgba: bytes) -> None:
        """Queues one frame (blocks while `max_pending` frames wait).

        Raises:
            VideoError: wrong frame size, or ffmpeg failed on an earlier frame.
        """
        width, height = self.size
        if len(rgba) != width * height * 4:
            raise VideoError(f"a frame of {len(rgba)} bytes is not {width}x{height} RGBA")
        if self._error is not None:
            raise VideoError(f"ffmpeg failed: {self._error}") from self._error
        self._queue.put(rgba)

    def close(self) -> int:
        """Finishes the file (idempotent); returns the frames written.

        Raises:
            VideoError: ffmpeg failed.
        """
        if not self._closed:
            self._closed = True
            self._queue.put(None)
            self._thread.join()
            try:
                self._gen.close()
            except BaseException as exc:
                self._error = self._error or exc
        if self._error is not None:
            raise VideoError(f"ffmpeg failed writing {self.path}: {self._error}") from self._error
        return self.frames

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_video(path: Path) -> tuple[dict[str, Any], Iterator[bytes]]:
    """`(meta, frames)`: ffmpeg's metadata and the decoded frames as RGB24 bytes."""
    reader = _ffmpeg().read_frames(str(path), pix_fmt="rgb24")
    meta: dict[str, Any] = reader.__next__()
    return meta, reader
